// RFC 4648 base32 with the lower-case alphabet and no padding, as Filecoin text addresses use it
// (FEVM-FACTS §1.2). Decoding is strict: lower-case only, and the unused trailing bits must be zero,
// so that every address has exactly one text form.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export type Base32Result = { bytes: Uint8Array } | { error: string };

/** Decodes, or answers why not: a character outside the alphabet, a bad length, non-zero trailing bits. */
export function base32Decode(text: string): Base32Result {
  const rem = text.length % 8;
  if (rem === 1 || rem === 3 || rem === 6) return { error: `impossible base32 length ${text.length}` };
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const c of text) {
    const v = VALUES.get(c);
    if (v === undefined) return { error: `"${c}" is not a lower-case base32 character (a-z, 2-7)` };
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return { error: 'the last character is not canonical (unused bits set)' };
  return { bytes: out };
}
