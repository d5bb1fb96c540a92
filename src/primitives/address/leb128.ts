// Unsigned LEB128 varints for u64 values, as the Filecoin address binary form uses them
// (FEVM-FACTS §1.1: ID payloads and f4 namespaces). Decoding is strict like ref-fvm's
// unsigned-varint: minimal encodings only, at most 10 bytes, value < 2^64.

export const MAX_U64 = (1n << 64n) - 1n;

export function encodeUvarint(value: bigint): Uint8Array {
  if (value < 0n || value > MAX_U64) throw new RangeError(`uvarint out of range: ${value}`);
  const out: number[] = [];
  let v = value;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

export type UvarintResult = { value: bigint; length: number } | { error: string };

/** Reads one uvarint at `offset`; answers an error text instead of throwing, for the caller to wrap. */
export function decodeUvarint(bytes: Uint8Array, offset = 0): UvarintResult {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) return { error: 'truncated varint' };
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) {
      if (byte === 0 && i > 0) return { error: 'non-minimal varint' };
      if (value > MAX_U64) return { error: 'varint overflows 64 bits' };
      return { value, length: i + 1 };
    }
  }
  return { error: 'varint longer than 10 bytes' };
}
