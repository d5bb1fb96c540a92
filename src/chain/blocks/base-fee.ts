// The next tipset's base fee, FireHorse's rule (FIP-0115; LOTUS:chain/store/basefee.go; FEVM-FACTS §8.2):
// take the tipset's messages once per (sender, nonce), each weighing its gas limit at its effective
// premium min(premium, fee cap − base fee) (not below zero); P is the premium found at gas index
// 7,999,999,999 counting from the highest premium (gas that is not there counts as premium 0). The base
// fee moves toward P by at most an eighth: next = max(100, base + min(⌈base/8⌉, P − ⌈base/8⌉)). An empty
// tipset therefore lowers it by an eighth, down to the floor of 100 attoFIL; null rounds carry it over.

import type { Message } from '../../primitives/index.ts';

export const MINIMUM_BASE_FEE = 100n;
/** Genesis ParentBaseFee (Lotus InitialBaseFee). */
export const INITIAL_BASE_FEE = 100_000_000n;
export const BLOCK_GAS_LIMIT = 10_000_000_000;
export const BLOCK_GAS_TARGET_INDEX = 7_999_999_999n;

export function nextBaseFee(baseFee: bigint, messages: readonly Message[]): bigint {
  const seen = new Set<string>();
  const weighted: { premium: bigint; gas: bigint }[] = [];
  for (const m of messages) {
    const key = `${m.from.key()}/${m.sequence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const room = m.gasFeeCap - baseFee;
    let premium = m.gasPremium < room ? m.gasPremium : room;
    if (premium < 0n) premium = 0n;
    weighted.push({ premium, gas: BigInt(m.gasLimit) });
  }
  weighted.sort((a, b) => (a.premium === b.premium ? 0 : a.premium > b.premium ? -1 : 1));
  let cumulative = 0n;
  let p = 0n;
  for (const { premium, gas } of weighted) {
    cumulative += gas;
    if (cumulative > BLOCK_GAS_TARGET_INDEX) {
      p = premium;
      break;
    }
  }
  const maxAdjustment = (baseFee + 7n) / 8n;
  const delta = p - maxAdjustment < maxAdjustment ? p - maxAdjustment : maxAdjustment;
  const next = baseFee + delta;
  return next < MINIMUM_BASE_FEE ? MINIMUM_BASE_FEE : next;
}
