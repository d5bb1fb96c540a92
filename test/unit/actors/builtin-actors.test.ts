// The builtin actors a message can reach: EthAccount and Account accept exported methods so contracts can
// pay them; actors whose logic is not built yet (reward, cron, power, market, verified registry,
// datacap, miner) exist at their ids and answer every method with USR_UNHANDLED_MESSAGE; init refuses
// Exec4 from anyone but the EAM.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeCbor } from '../../../src/ipld/index.ts';
import { Address, ExitCode, FIRST_EXPORTED_METHOD_NUMBER } from '../../../src/primitives/index.ts';
import { ETH_A, ETH_B, F1_KEY, createHarness, f410 } from '../../helpers/fvm-harness.ts';

describe('builtin actors', () => {
  it('actors not built yet answer every method with USR_UNHANDLED_MESSAGE', async () => {
    const h = createHarness();
    for (const id of [2n, 3n, 4n, 5n, 6n, 7n, h.ids.miner]) {
      for (const method of [1, 2, FIRST_EXPORTED_METHOD_NUMBER]) {
        const r = await h.apply({ from: f410(ETH_A), to: Address.newId(id), method });
        assert.equal(r.receipt.exitCode, ExitCode.USR_UNHANDLED_MESSAGE, `f0${id} method ${method}`);
      }
    }
  });

  it('an EthAccount accepts exported methods with no return, refuses low ones and its constructor', async () => {
    const h = createHarness();
    assert.equal((await h.apply({ from: f410(ETH_A), to: f410(ETH_B), method: FIRST_EXPORTED_METHOD_NUMBER, value: 5n })).receipt.exitCode, ExitCode.OK);
    assert.equal((await h.apply({ from: f410(ETH_A), to: f410(ETH_B), method: 2 })).receipt.exitCode, ExitCode.USR_UNHANDLED_MESSAGE);
    assert.equal((await h.apply({ from: f410(ETH_A), to: f410(ETH_B), method: 1 })).receipt.exitCode, ExitCode.USR_FORBIDDEN);
  });

  it('an Account answers its key address and accepts exported methods', async () => {
    const h = createHarness();
    const r = await h.apply({ from: f410(ETH_A), to: F1_KEY, method: 2 });
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    assert.deepEqual(r.receipt.returnData, encodeCbor(F1_KEY.bytes));
    assert.equal((await h.apply({ from: f410(ETH_A), to: F1_KEY, method: FIRST_EXPORTED_METHOD_NUMBER + 1 })).receipt.exitCode, ExitCode.OK);
  });

  it('init refuses Exec4 from anyone but the EAM, and Exec altogether', async () => {
    const h = createHarness();
    const params = encodeCbor([Address.newId(0).bytes, new Uint8Array(0), new Uint8Array(20)]);
    assert.equal((await h.apply({ from: f410(ETH_A), to: Address.newId(1), method: 3, params })).receipt.exitCode, ExitCode.USR_FORBIDDEN);
    assert.equal((await h.apply({ from: f410(ETH_A), to: Address.newId(1), method: 2, params })).receipt.exitCode, ExitCode.USR_FORBIDDEN);
  });

  it('a placeholder accepts any method and keeps the value', async () => {
    const h = createHarness();
    const fresh = f410(new Uint8Array(20).fill(0x51));
    const r = await h.apply({ from: f410(ETH_A), to: fresh, method: 12345, value: 9n });
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    assert.equal(h.balance(fresh), 9n);
  });
});
