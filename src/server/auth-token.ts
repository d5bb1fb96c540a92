// Lotus-style API tokens: a JWT (RFC 7519) signed with HS256 (HMAC-SHA256) whose payload is
// `{"Allow":["read","write",...]}`, as Lotus's AuthNew makes them (node/impl/common, jwtPayload). Made
// and checked with node:crypto, base64url without padding. A token grants what its Allow list implies
// (rpc/permission.ts: admin implies sign, write and read). The secret is the caller's (token-secret.ts
// keeps it in the data folder); this file does no I/O.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { FevmError } from '../primitives/index.ts';
import { PERMISSIONS, expandPermissions, isPermission, type Permission } from '../rpc/index.ts';

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** A token that is malformed, not signed with our secret, or grants nothing. */
export class InvalidTokenError extends FevmError {
  override readonly name: string = 'InvalidTokenError';
}

/** A token granting `perm` and the permissions it implies, listed as Lotus lists them (admin: all four). */
export function createToken(secret: Uint8Array, perm: Permission): string {
  const allow = PERMISSIONS.slice(0, PERMISSIONS.indexOf(perm) + 1);
  const body = `${HEADER}.${base64url(JSON.stringify({ Allow: allow }))}`;
  return `${body}.${sign(secret, body)}`;
}

/** The permissions a token grants; throws InvalidTokenError for anything but a valid HS256 token of ours. */
export function verifyToken(secret: Uint8Array, token: string): Set<Permission> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not a JWT (want header.payload.signature)');
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${header}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTokenError('signature does not match this node\'s secret');
  const head = decode(header, 'header') as { alg?: unknown };
  if (head.alg !== 'HS256') throw new InvalidTokenError(`algorithm ${String(head.alg)} is not HS256`);
  const body = decode(payload, 'payload') as { Allow?: unknown };
  if (!Array.isArray(body.Allow) || body.Allow.length === 0) throw new InvalidTokenError('payload has no Allow list');
  const unknown = body.Allow.filter((p) => !isPermission(p));
  if (unknown.length > 0) throw new InvalidTokenError(`unknown permission ${JSON.stringify(unknown[0])} in Allow`);
  return expandPermissions(body.Allow as string[]);
}

function sign(secret: Uint8Array, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decode(part: string, what: string): object {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) return value;
  } catch {
    // answered below
  }
  throw new InvalidTokenError(`${what} is not base64url JSON`);
}
