// The HAMT node bitfield (FVM:ipld/hamt/src/bitfield.rs): up to 256 bits, one per slot; serialized as a
// big-endian byte string with leading zero bytes stripped (empty when no bit is set).

import { FatalError } from '../../primitives/index.ts';

const WORDS = 8; // 8 × 32 bits = 256 slots, enough for bit width 8

export class Bitfield {
  private readonly words = new Uint32Array(WORDS);

  test(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  clear(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
  }

  /** Number of set bits below `i`: the position of slot i's pointer in the node's pointer array. */
  indexOf(i: number): number {
    const word = i >>> 5;
    let n = 0;
    for (let w = 0; w < word; w++) n += popcount(this.words[w]!);
    const bit = i & 31;
    return bit === 0 ? n : n + popcount(this.words[word]! & (0xffffffff >>> (32 - bit)));
  }

  count(): number {
    let n = 0;
    for (const w of this.words) n += popcount(w);
    return n;
  }

  toBytes(): Uint8Array {
    const full = new Uint8Array(WORDS * 4);
    const view = new DataView(full.buffer);
    for (let w = 0; w < WORDS; w++) view.setUint32((WORDS - 1 - w) * 4, this.words[w]!);
    let start = 0;
    while (start < full.length && full[start] === 0) start++;
    return full.subarray(start);
  }

  static fromBytes(bytes: Uint8Array): Bitfield {
    if (bytes.length > WORDS * 4) throw new FatalError(`HAMT bitfield of ${bytes.length} bytes exceeds 32`);
    const full = new Uint8Array(WORDS * 4);
    full.set(bytes, full.length - bytes.length);
    const view = new DataView(full.buffer);
    const out = new Bitfield();
    for (let w = 0; w < WORDS; w++) out.words[w] = view.getUint32((WORDS - 1 - w) * 4);
    return out;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
