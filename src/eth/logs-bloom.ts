// Ethereum's 2048-bit logs bloom (FEVM-FACTS §7.4; LOTUS:eth_types.go `EthBloomSet`): every log's address
// and each of its topics set three bits, taken from the first six bytes of their keccak-256 as three
// big-endian 11-bit numbers; bit n lives in byte 255 − n/8. Used for receipts; blocks get theirs from
// the chain's index.

import { keccak256 } from '../primitives/index.ts';

export const LOGS_BLOOM_BYTES = 256;

/** The bloom of `logs` (all zero for none). */
export function logsBloom(logs: Iterable<{ address: Uint8Array; topics: readonly Uint8Array[] }>): Uint8Array {
  const bloom = new Uint8Array(LOGS_BLOOM_BYTES);
  for (const log of logs) {
    addToBloom(bloom, log.address);
    for (const topic of log.topics) addToBloom(bloom, topic);
  }
  return bloom;
}

function addToBloom(bloom: Uint8Array, item: Uint8Array): void {
  const h = keccak256(item);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) % 2048;
    bloom[LOGS_BLOOM_BYTES - 1 - (bit >> 3)]! |= 1 << (bit & 7);
  }
}
