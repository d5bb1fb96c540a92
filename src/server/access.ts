// Who may call what (docs/security.md). A listener on loopback serves every method to every local
// caller, as today, unless tokens are required everywhere (`--require-token`); on any other address a
// caller holds what its `Authorization: Bearer <jwt>` grants (auth-token.ts), and 'read' without one.
// The dispatcher refuses the rest (rpc/permission.ts); a token that is not ours is refused here, before
// any method runs, with HTTP 401 as Lotus does.

import { isIP } from 'node:net';
import type { Permission } from '../rpc/index.ts';
import { InvalidTokenError, verifyToken } from './auth-token.ts';

export interface Access {
  /** The secret tokens are signed with. */
  secret: Uint8Array;
}

const READ_ONLY: ReadonlySet<Permission> = Object.freeze(new Set<Permission>(['read']));

/** Whether a listen address only takes connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice(7));
  return isIP(h) === 4 && h.startsWith('127.');
}

/** What a request may do: undefined for everything (no tokens needed), or an InvalidTokenError to answer with 401. */
export function requestPermissions(access: Access | undefined, authorization: string | undefined): ReadonlySet<Permission> | undefined | InvalidTokenError {
  if (!access) return undefined;
  if (authorization === undefined || authorization.trim() === '') return READ_ONLY;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return new InvalidTokenError('the Authorization header must be "Bearer <token>"');
  try {
    return verifyToken(access.secret, match[1]!);
  } catch (error) {
    if (error instanceof InvalidTokenError) return error;
    throw error;
  }
}
