// CALL gas on FEVM: the 2300-gas stipend (and 0 gas with value) becomes 10 million Filecoin gas, so
// `transfer` and `send` work as Solidity users expect; other requests are left alone (the 63/64 cap
// is the interpreter's, tested through contracts in evm-calls.test.ts).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TRANSFER_GAS_LIMIT, fevmCallGas } from '../../../src/actors/evm/call-gas.ts';

describe('CALL gas', () => {
  it('turns the 2300 stipend without value, and 0 gas with value, into 10,000,000', () => {
    assert.equal(fevmCallGas(2300n, 0n), TRANSFER_GAS_LIMIT);
    assert.equal(TRANSFER_GAS_LIMIT, 10_000_000n);
    assert.equal(fevmCallGas(0n, 5n), 10_000_000n);
  });

  it('leaves other amounts alone: 2300 with value stays 2300 (and fails like on Filecoin)', () => {
    assert.equal(fevmCallGas(2300n, 5n), 2300n);
    assert.equal(fevmCallGas(0n, 0n), 0n);
    assert.equal(fevmCallGas(50_000n, 0n), 50_000n);
  });
});
