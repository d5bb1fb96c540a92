// Lotus's four permissions (api/permissions.go): read, write, sign, admin, each implying the ones
// before it (admin: all four; sign: sign, write, read; write: write, read). A method declares the one it
// needs in a table beside its sub-API; the dispatcher refuses a call whose context lacks it with Lotus's
// sentence, "missing permission to invoke 'X' (need 'write')", as a JSON-RPC error. Who holds which
// permission (a token, the loopback rule) is the server's business, not this file's.

import { RpcError } from './rpc-error.ts';

export type Permission = 'read' | 'write' | 'sign' | 'admin';

export const PERMISSIONS: readonly Permission[] = ['read', 'write', 'sign', 'admin'];

/** What a token's `Allow` list grants, the implied permissions included (Lotus's AllPermissions slices). */
export function expandPermissions(allow: readonly string[]): Set<Permission> {
  let highest = -1;
  for (const p of allow) highest = Math.max(highest, PERMISSIONS.indexOf(p as Permission));
  return new Set(PERMISSIONS.slice(0, highest + 1));
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** JSON-RPC code of a refused call (Lotus answers these as a plain -32000-range server error). */
export const MISSING_PERMISSION = -32001;

export class MissingPermissionError extends RpcError {
  constructor(method: string, need: Permission) {
    super(
      MISSING_PERMISSION,
      `missing permission to invoke '${method}' (need '${need}'): send "Authorization: Bearer <token>" with a token made by \`fevm-devnet token create --perm ${need}\``,
    );
  }
}
