// FRC-42 method numbers: how Filecoin derives exported method numbers from names (e.g. "InvokeEVM" →
// 3844450837, FEVM-FACTS §4.2). blake2b-512 of "1|" ‖ name, then the first 4-byte big-endian chunk that
// is at least 2^24 (smaller numbers are reserved for builtin methods).

import { blake2b } from '@noble/hashes/blake2.js';
import { InvalidInputError } from './errors.ts';

export const FIRST_EXPORTED_METHOD_NUMBER = 1 << 24;

export function frc42MethodNumber(name: string): number {
  if (!/^[A-Z_][A-Za-z0-9_]*$/.test(name)) {
    throw new InvalidInputError(`not an FRC-42 method name: "${name}" (must start with a capital letter or _)`);
  }
  const digest = blake2b(new TextEncoder().encode(`1|${name}`), { dkLen: 64 });
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  for (let at = 0; at + 4 <= digest.length; at += 4) {
    const n = view.getUint32(at);
    if (n >= FIRST_EXPORTED_METHOD_NUMBER) return n;
  }
  throw new InvalidInputError(`no FRC-42 method number for "${name}"`);
}
