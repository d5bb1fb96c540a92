// AMT indexes: u64 values up to 2^64 - 2 (ref-fvm `MAX_INDEX`), held as a JS number while they are
// safe integers (the fast path: every real Filecoin array) and as a bigint only above 2^53 - 1.
// Owns the index arithmetic (slot of an index at a height, capacity of a height, subtree offsets);
// not the tree walk. FEVM-FACTS §2.6; ref-fvm ipld/amt/src/lib.rs `nodes_for_height`.

import { AmtError } from './amt-error.ts';

/** Largest index an AMT accepts: u64::MAX - 1, so that `index + 1` (a length) still fits a u64. */
export const AMT_MAX_INDEX: bigint = (1n << 64n) - 2n;

/** A normalised index: a number when it is a safe integer, a bigint only above 2^53 - 1. */
export type AmtIndex = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Checks and normalises a caller's index; throws `AmtError('bad-index')` for anything else. */
export function toAmtIndex(index: number | bigint): AmtIndex {
  if (typeof index === 'number') {
    if (Number.isSafeInteger(index) && index >= 0) return index;
    throw new AmtError('bad-index', `AMT index must be an integer in 0..2^64-2, got ${index}`);
  }
  if (typeof index !== 'bigint' || index < 0n || index > AMT_MAX_INDEX) {
    throw new AmtError('bad-index', `AMT index must be an integer in 0..2^64-2, got ${String(index)}`);
  }
  return index <= MAX_SAFE ? Number(index) : index;
}

/**
 * The slot an index takes in a node whose children each span 2^shift indexes. Taking the digit from
 * the full index at every level is the same as ref-fvm's `i / nfh` then `i % nfh` descent.
 */
export function slotAt(index: AmtIndex, shift: number, mask: number): number {
  if (typeof index === 'number') {
    // `&` works modulo 2^32 on integers, so the low bits of any safe integer come out exactly.
    return (shift === 0 ? index : Math.floor(index / 2 ** shift)) & mask;
  }
  return Number((index >> BigInt(shift)) & BigInt(mask));
}

/** Whether an AMT of this height reaches `index`: index < 2^(bitWidth * (height + 1)), saturating at u64. */
export function heightHolds(index: AmtIndex, bitWidth: number, height: number): boolean {
  const bits = bitWidth * (height + 1);
  if (bits >= 64) return true;
  if (typeof index === 'number') return bits >= 53 || index < 2 ** bits;
  return index < 1n << BigInt(bits);
}

/** First index under child `slot` of a node starting at `base` whose children span 2^shift indexes. */
export function childOffset(base: AmtIndex, slot: number, shift: number): AmtIndex {
  if (typeof base === 'number' && shift < 53) {
    // Both terms are exact; a true sum above 2^53 - 1 rounds to at least 2^53, so the test is exact too.
    const sum = base + slot * 2 ** shift;
    if (sum <= Number.MAX_SAFE_INTEGER) return sum;
  }
  return BigInt(base) + (BigInt(slot) << BigInt(shift));
}

/** `base + slot`, staying a number while that is exact. */
export function leafIndex(base: AmtIndex, slot: number): AmtIndex {
  if (typeof base === 'number' && base + slot <= Number.MAX_SAFE_INTEGER) return base + slot;
  return BigInt(base) + BigInt(slot);
}
