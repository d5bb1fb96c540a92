// Ethereum's 2048-bit logs bloom (FEVM-FACTS §7.4; LOTUS:eth_types.go `EthBloomSet`): every log's address
// and each of its topics set three bits, taken from the first six bytes of their keccak-256 as three
// big-endian 11-bit numbers; bit n lives in byte 255 − n/8. The chain keeps one per tipset (for
// eth_getLogs and blocks); receipts carry their own.

import { keccak256 } from './hash.ts';

export const LOGS_BLOOM_BYTES = 256;

export function bloomAdd(bloom: Uint8Array, item: Uint8Array): void {
  const bits = bloomBits(item);
  for (let i = 0; i < 6; i += 2) bloom[bits[i]!]! |= bits[i + 1]!;
}

/** The three bits `item` sets, as byte index and mask pairs: hashed once, tested on many blooms. */
export function bloomBits(item: Uint8Array): readonly number[] {
  const h = keccak256(item);
  const bits: number[] = [];
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) & 2047;
    bits.push(LOGS_BLOOM_BYTES - 1 - (bit >> 3), 1 << (bit & 7));
  }
  return bits;
}

/** Whether all the bits of `bits` (from bloomBits) are set in `bloom`. */
export function bloomHasBits(bloom: Uint8Array, bits: readonly number[]): boolean {
  return (bloom[bits[0]!]! & bits[1]!) !== 0 && (bloom[bits[2]!]! & bits[3]!) !== 0 && (bloom[bits[4]!]! & bits[5]!) !== 0;
}

/** The bloom of `logs` (all zero for none). */
export function logsBloom(logs: Iterable<{ address: Uint8Array; topics: readonly Uint8Array[] }>): Uint8Array {
  const bloom = new Uint8Array(LOGS_BLOOM_BYTES);
  for (const log of logs) {
    bloomAdd(bloom, log.address);
    for (const topic of log.topics) bloomAdd(bloom, topic);
  }
  return bloom;
}

/** Whether `item` may be in the bloom (no false negatives). */
export function bloomMayContain(bloom: Uint8Array, item: Uint8Array): boolean {
  return bloomHasBits(bloom, bloomBits(item));
}
