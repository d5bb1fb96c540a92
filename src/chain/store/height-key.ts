// Keys of the tables indexed by tipset height: the height as 8 big-endian bytes, so byte order is
// height order and a range of heights is one cursor.

export const u64 = (n: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
};

/** The height in a key (read byte by byte: a range reads one per row). */
export const readU64 = (b: Uint8Array): number => {
  let n = 0;
  for (let i = 0; i < 8; i++) n = n * 256 + b[i]!;
  return n;
};
