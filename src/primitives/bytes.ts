// Byte helpers shared by every layer: hex in and out, comparison, concatenation.
// Lotus prints hex lower-case with 0x; this file does the same and accepts input with or without 0x.

import { InvalidInputError } from './errors.ts';

export class HexError extends InvalidInputError {
  override readonly name = 'HexError';
}

/** Lower-case hex with a `0x` prefix. */
export function bytesToHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/** Parses hex with or without `0x`; rejects odd length and non-hex characters. */
export function hexToBytes(hex: string): Uint8Array {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (body.length % 2 !== 0) throw new HexError(`hex string has an odd number of digits: "${hex}"`);
  if (!/^[0-9a-fA-F]*$/.test(body)) throw new HexError(`not a hex string: "${hex}"`);
  return new Uint8Array(Buffer.from(body, 'hex'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte order, shorter first on a common prefix (the order CBOR maps and HAMT buckets use). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Unsigned big-endian bytes → bigint (empty bytes are 0). */
export function bytesToUint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`);
}

/** A non-negative bigint as minimal big-endian bytes (0 is empty), as RLP and U256 serialization use. */
export function uintToMinimalBytes(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError(`not an unsigned integer: ${value}`);
  if (value === 0n) return new Uint8Array(0);
  const hex = value.toString(16);
  return new Uint8Array(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
}

/** A non-negative bigint as exactly `size` big-endian bytes (32 for EVM words). */
export function uintToFixedBytes(value: bigint, size = 32): Uint8Array {
  if (value < 0n || value >= 1n << BigInt(size * 8)) throw new RangeError(`${value} does not fit in ${size} bytes`);
  return new Uint8Array(Buffer.from(value.toString(16).padStart(size * 2, '0'), 'hex'));
}
