// Fee outcome vectors of ref-fvm (fvm/src/gas/outputs.rs tests `overestimation_burn_test`,
// `gas_outputs_test`): what a sender pays, what burns, what the miner gets.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeGasOutputs, computeGasOverestimationBurn } from '../../../src/vm/gas/gas-outputs.ts';

describe('over-estimation burn', () => {
  const cases: [number, number, number, number][] = [
    [100, 200, 10, 90],
    [100, 150, 30, 20],
    [1_000, 1_300, 240, 60],
    [500, 700, 140, 60],
    [200, 200, 0, 0],
    [20_000, 21_000, 1_000, 0],
    [0, 2_000, 0, 2_000],
    [500, 651, 121, 30],
    [500, 5_000, 0, 4_500],
    [7_499_000_000, 7_500_000_000, 1_000_000, 0],
    [7_500_000_000 / 2, 7_500_000_000, 375_000_000, 3_375_000_000],
    [1, 7_500_000_000, 0, 7_499_999_999],
  ];
  for (const [used, limit, refund, burned] of cases) {
    it(`used ${used} of ${limit}: refund ${refund}, burn ${burned}`, () => {
      assert.deepEqual(computeGasOverestimationBurn(used, limit), { refund, burned });
    });
  }
});

describe('gas outputs at base fee 10', () => {
  const cases: [number, number, bigint, bigint, bigint, bigint, bigint, bigint, bigint][] = [
    [100, 110, 11n, 1n, 1_000n, 0n, 0n, 110n, 100n],
    [100, 130, 11n, 1n, 1_000n, 60n, 0n, 130n, 240n],
    [100, 110, 10n, 1n, 1_000n, 0n, 0n, 0n, 100n],
    [100, 110, 6n, 1n, 600n, 0n, 400n, 0n, 60n],
  ];
  for (const [used, limit, feeCap, premium, burn, overBurn, penalty, tip, refund] of cases) {
    it(`used ${used}/${limit}, fee cap ${feeCap}, premium ${premium}`, () => {
      const out = computeGasOutputs(used, limit, 10n, feeCap, premium);
      assert.equal(out.baseFeeBurn, burn);
      assert.equal(out.overEstimationBurn, overBurn);
      assert.equal(out.minerPenalty, penalty);
      assert.equal(out.minerTip, tip);
      assert.equal(out.refund, refund);
      // Everything the sender locked up is accounted for.
      assert.equal(out.baseFeeBurn + out.overEstimationBurn + out.minerTip + out.refund, feeCap * BigInt(limit));
    });
  }
});
