// Ethereum's 2048-bit logs bloom (FEVM-FACTS §7.4; LOTUS:eth_types.go `EthBloomSet`): for each log its
// address and every topic set three bits taken from the first six bytes of their keccak-256.

import { keccak256 } from '../../primitives/index.ts';

export const BLOOM_BYTES = 256;

export function bloomAdd(bloom: Uint8Array, item: Uint8Array): void {
  const h = keccak256(item);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) & 2047;
    bloom[BLOOM_BYTES - 1 - (bit >> 3)]! |= 1 << (bit & 7);
  }
}

export function bloomOfLogs(logs: Iterable<{ address: Uint8Array; topics: Uint8Array[] }>): Uint8Array {
  const bloom = new Uint8Array(BLOOM_BYTES);
  for (const log of logs) {
    bloomAdd(bloom, log.address);
    for (const topic of log.topics) bloomAdd(bloom, topic);
  }
  return bloom;
}

/** Whether `item` may be in the bloom (no false negatives). */
export function bloomMayContain(bloom: Uint8Array, item: Uint8Array): boolean {
  const probe = new Uint8Array(BLOOM_BYTES);
  bloomAdd(probe, item);
  return probe.every((byte, i) => (bloom[i]! & byte) === byte);
}
