// Reading 32-byte big-endian words from EVM call data the way builtin-actors' ValueReader does: reads
// past the end are zeros, and a value must fit the type it is read as (else the input is invalid).

import { bytesToUint } from '../../primitives/index.ts';

export const WORD = 32;

export class ValueOutOfRange extends Error {
  override readonly name = 'ValueOutOfRange';
}

export class ValueReader {
  private offset = 0;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  seek(offset: number): void {
    this.offset = offset;
  }

  readPadded(length: number): Uint8Array {
    const out = new Uint8Array(length);
    const start = Math.min(this.offset, this.bytes.length);
    out.set(this.bytes.subarray(start, Math.min(this.offset + length, this.bytes.length)));
    this.offset += length;
    return out;
  }

  /** The next word as an unsigned integer of `bits` bits; throws ValueOutOfRange if it does not fit. */
  readUint(bits: number, what: string): bigint {
    const value = bytesToUint(this.readPadded(WORD));
    if (value >= 1n << BigInt(bits)) throw new ValueOutOfRange(`${what} does not fit in ${bits} bits`);
    return value;
  }
}
