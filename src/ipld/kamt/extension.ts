// KAMT extensions and key bits (FVM:ipld/kamt/src/ext.rs, hash_bits.rs). Keys are 32 bytes used as their
// own hash; a link may carry an extension: the bits that every key below it shares, so a chain of
// one-child nodes is skipped. Bits are kept as '0'/'1' strings: short, exact and easy to split and join.

import { FatalError } from '../../primitives/index.ts';

const BYTE_BITS = Array.from({ length: 256 }, (_, b) => b.toString(2).padStart(8, '0'));

export function bytesToBits(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += BYTE_BITS[b];
  return out;
}

/** A read position in a key's bits, as ref-fvm's HashBits: a read near the end returns fewer bits. */
export class KeyBits {
  readonly bits: string;
  consumed: number;

  constructor(bits: string, consumed = 0) {
    this.bits = bits;
    this.consumed = consumed;
  }

  next(width: number): number {
    if (this.consumed >= this.bits.length) throw new FatalError('KAMT key bits exhausted (maximum depth reached)');
    const take = Math.min(width, this.bits.length - this.consumed);
    const value = parseInt(this.bits.slice(this.consumed, this.consumed + take), 2);
    this.consumed += take;
    return value;
  }
}

/** An extension: a bit string whose length is a multiple of the bit width. */
export type Extension = string;

export function chunkBits(value: number, width: number): string {
  return value.toString(2).padStart(width, '0');
}

/** How many bits of `ext` the key matches from its position, a whole chunk at a time; consumes them. */
export function longestMatch(ext: Extension, key: KeyBits, width: number): number {
  let matched = 0;
  while (matched < ext.length) {
    const save = key.consumed;
    const n1 = key.next(width);
    const n2 = parseInt(ext.slice(matched, matched + width), 2);
    if (n1 !== n2) {
      key.consumed = save;
      break;
    }
    matched += width;
  }
  return matched;
}

/** The chunks that `key` shares with every one of `others` from the key's position; consumes them. */
export function longestCommonPrefix(key: KeyBits, width: number, others: string[]): Extension {
  const cursors = others.map((bits) => new KeyBits(bits, key.consumed));
  let ext = '';
  while (key.consumed < key.bits.length) {
    const save = key.consumed;
    const n = key.next(width);
    if (cursors.some((c) => c.next(width) !== n)) {
      key.consumed = save;
      break;
    }
    ext += chunkBits(n, width);
  }
  return ext;
}

/** Path bytes of an extension: its bits, most significant first, zero-padded to whole bytes. */
export function extensionToBytes(ext: Extension): Uint8Array {
  const out = new Uint8Array(Math.ceil(ext.length / 8));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(ext.slice(i * 8, i * 8 + 8).padEnd(8, '0'), 2);
  return out;
}

export function extensionFromBytes(length: number, path: Uint8Array): Extension {
  if (path.length !== Math.ceil(length / 8)) throw new FatalError(`KAMT extension of ${length} bits has ${path.length} path bytes`);
  return bytesToBits(path).slice(0, length);
}
