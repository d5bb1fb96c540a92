// The premium eth_maxPriorityFeePerGas suggests (FEVM-FACTS §8.5; Lotus GasEstimateGasPremium with one
// block): the gas-limit-weighted premium of the last two tipsets' messages, read where 52.5% of their
// gas target has passed; 200,000 attoFIL when that is below Lotus's minimum of 100,000 (an idle chain).
// Lotus adds a little random noise; the devnet answers deterministically.

import type { ChainView } from './chain-view.ts';

const MIN_GAS_PREMIUM = 100_000n;
const IDLE_GAS_PREMIUM = 200_000n;
const BLOCK_GAS_TARGET = 5_000_000_000n;

export function gasPremiumEstimate(view: ChainView): bigint {
  const head = view.head();
  const weighted: { premium: bigint; gas: bigint }[] = [];
  let tipsets = 0;
  for (let h = head.height; h >= 0 && tipsets < 2; h--) {
    const record = view.node.chain.store.atHeight(h);
    if (!record) continue;
    tipsets++;
    for (const cid of record.messages) {
      const m = view.message(cid).message;
      weighted.push({ premium: m.gasPremium, gas: BigInt(m.gasLimit) });
    }
  }
  weighted.sort((a, b) => (a.premium === b.premium ? 0 : a.premium > b.premium ? -1 : 1));
  const threshold = (BLOCK_GAS_TARGET * BigInt(tipsets) * 525n) / 1000n;
  let at = 0n;
  let previous = 0n;
  let premium = 0n;
  for (const w of weighted) {
    at += w.gas;
    previous = premium;
    premium = w.premium;
    if (at > threshold) break;
  }
  const estimate = previous === 0n ? premium : (premium + previous) / 2n;
  return estimate < MIN_GAS_PREMIUM ? IDLE_GAS_PREMIUM : estimate;
}
