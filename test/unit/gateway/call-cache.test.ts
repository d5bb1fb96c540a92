// eth_call answers the same call at the same head from its cache (call-cache.ts), and never an answer
// that is out of date: after a transaction, a new block time, or evm_revert, the call runs again.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';

// Runtime: with calldata, SSTORE(0, calldata word); without, return (SLOAD(0), TIMESTAMP).
const RUNTIME = '366013576000546000524260205260406000f35b60003560005500';
const INITCODE = `0x601b600c600039601b6000f3${RUNTIME}`;

describe('eth_call cache', () => {
  let devnet: Devnet;
  let from: string;
  let contract: string;
  const rpc = (method: string, params: unknown[] = []) => devnet.provider.request({ method, params });
  const send = async (tx: object) => {
    const hash = await rpc('eth_sendTransaction', [{ from, ...tx }]);
    for (;;) {
      const receipt = (await rpc('eth_getTransactionReceipt', [hash])) as { status: string; contractAddress: string | null } | null;
      if (receipt) return receipt;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const read = async () => {
    const answer = (await rpc('eth_call', [{ to: contract }, 'latest'])) as string;
    return { value: BigInt(answer.slice(0, 66)), timestamp: Number(BigInt(`0x${answer.slice(66)}`)) };
  };

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 1 });
    from = ((await rpc('eth_accounts')) as string[])[0]!;
    const receipt = await send({ data: INITCODE });
    assert.equal(receipt.status, '0x1');
    contract = receipt.contractAddress!;
  });

  after(async () => {
    await devnet.close();
  });

  it('answers a repeated call the same, and the new value once a transaction changed it', async () => {
    assert.equal(RUNTIME.length / 2, 0x1b);
    await send({ to: contract, data: `0x${'07'.padStart(64, '0')}` });
    assert.equal((await read()).value, 7n);
    assert.equal((await read()).value, 7n);
    const snapshot = await rpc('evm_snapshot');
    await send({ to: contract, data: `0x${'09'.padStart(64, '0')}` });
    assert.equal((await read()).value, 9n);
    await rpc('evm_revert', [snapshot]);
    assert.equal((await read()).value, 7n);
  });

  it('sees the next block time that evm_setNextBlockTimestamp set, at an unchanged head', async () => {
    const before = (await read()).timestamp;
    await rpc('evm_setNextBlockTimestamp', [before + 5000]);
    assert.equal((await read()).timestamp, before + 5000);
  });

  it('sees code and storage that hardhat_setCode and hardhat_setStorageAt put at the unchanged head', async () => {
    const other = `0x${'ca'.repeat(20)}`;
    // PUSH1 1, PUSH0, MSTORE8, PUSH1 1, PUSH0, RETURN: answers 0x01; then 0x02.
    await rpc('hardhat_setCode', [other, '0x60015f5360015ff3']);
    assert.equal(await rpc('eth_call', [{ to: other }, 'latest']), '0x01');
    await rpc('hardhat_setCode', [other, '0x60025f5360015ff3']);
    assert.equal(await rpc('eth_call', [{ to: other }, 'latest']), '0x02');
    await rpc('hardhat_setStorageAt', [contract, '0x0', `0x${'0b'.padStart(64, '0')}`]);
    assert.equal((await read()).value, 11n);
  });
});
