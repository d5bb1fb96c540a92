// CALL gas on FEVM: the 2300-gas stipend (and 0 gas with value) becomes 10 million Filecoin gas, capped
// at 63/64 of what the caller has left, so `transfer` and `send` work as Solidity users expect.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callGasLimit } from '../../../src/actors/evm/call-gas.ts';

describe('CALL gas', () => {
  it('turns the 2300 stipend without value, and 0 gas with value, into 10,000,000', () => {
    assert.equal(callGasLimit(2300n, 0n, 1_000_000_000), 10_000_000);
    assert.equal(callGasLimit(0n, 5n, 1_000_000_000), 10_000_000);
  });

  it('leaves other amounts alone: 2300 with value stays 2300 (and fails like on Filecoin)', () => {
    assert.equal(callGasLimit(2300n, 5n, 1_000_000_000), 2300);
    assert.equal(callGasLimit(0n, 0n, 1_000_000_000), 0);
    assert.equal(callGasLimit(50_000n, 0n, 1_000_000_000), 50_000);
  });

  it('never gives more than 63/64 of the gas left, even for gas(uint256 max)', () => {
    assert.equal(callGasLimit((1n << 256n) - 1n, 0n, 64_000), 63_000);
    assert.equal(callGasLimit(2300n, 0n, 6_400_000), 6_300_000);
  });
});
