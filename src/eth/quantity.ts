// JSON-RPC value encodings (Ethereum execution-apis "hex encoding"; FEVM-FACTS §1.5): quantities are
// 0x-hex without leading zeros ('0x0' for zero), data is 0x-hex of the bytes, lower case throughout.
// Addresses and hashes are data of a fixed size; a wrong size here is a bug upstream, not bad input.

import { FatalError, bytesToHex } from '../primitives/index.ts';

/** 32 zero bytes: the roots Filecoin has no equivalent for. */
export const ZERO_HASH = `0x${'00'.repeat(32)}`;
/** 20 zero bytes: the miner of every block. */
export const ZERO_ADDRESS = `0x${'00'.repeat(20)}`;

/** A non-negative integer as a quantity: 0 → '0x0', 255 → '0xff'. */
export function toQuantity(n: bigint | number): string {
  if (typeof n === 'number') {
    if (!Number.isSafeInteger(n)) throw new FatalError(`not an integer quantity: ${n}`);
    if (n >= 0) return `0x${n.toString(16)}`; // the common case, without a bigint
  }
  const value = BigInt(n);
  if (value < 0n) throw new FatalError(`a quantity cannot be negative: ${value}`);
  return `0x${value.toString(16)}`;
}

/** Unformatted data: '0x' followed by two lower-case hex digits per byte ('0x' when empty). */
export function toData(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** A 20-byte address as data (no EIP-55 checksum, as Lotus prints it). */
export function toAddress(bytes: Uint8Array): string {
  return fixedData(bytes, 20, 'an address');
}

/** A 32-byte hash as data. */
export function toHash(bytes: Uint8Array): string {
  return fixedData(bytes, 32, 'a hash');
}

function fixedData(bytes: Uint8Array, size: number, what: string): string {
  if (bytes.length !== size) throw new FatalError(`${what} is ${size} bytes, got ${bytes.length}`);
  return bytesToHex(bytes);
}
