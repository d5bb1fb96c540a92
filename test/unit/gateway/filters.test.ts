// Filters polled over HTTP and subscriptions over WebSocket, as wallets and dapps use them; fee history.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JsonRpcProvider, Wallet } from 'ethers';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';

const keys = deriveDevAccounts({ count: 2 }).eth;

describe('filters and subscriptions', () => {
  let devnet: Devnet;
  let wallet: Wallet;
  let provider: JsonRpcProvider;

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
    provider = new JsonRpcProvider(devnet.url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
    wallet = new Wallet(bytesToHex(keys[0]!.privateKey), provider);
  });

  after(async () => {
    provider.destroy();
    await devnet.close();
  });

  const rpc = (method: string, params: unknown[] = []) => devnet.provider.request({ method, params });

  it('a block filter and a pending-transaction filter report what happened since the last poll', async () => {
    const blocks = (await rpc('eth_newBlockFilter')) as string;
    const pending = (await rpc('eth_newPendingTransactionFilter')) as string;
    const tx = await wallet.sendTransaction({ to: keys[1]!.checksumAddress, value: 1n });
    await tx.wait();
    assert.deepEqual(await rpc('eth_getFilterChanges', [pending]), [tx.hash]);
    const hashes = (await rpc('eth_getFilterChanges', [blocks])) as string[];
    assert.equal(hashes.length, 1);
    assert.deepEqual(await rpc('eth_getFilterChanges', [blocks]), [], 'nothing new since');
    assert.equal(await rpc('eth_uninstallFilter', [blocks]), true);
    await assert.rejects(rpc('eth_getFilterChanges', [blocks]), /filter not found/);
  });

  it('eth_getLogs ranges: fromBlock after toBlock and a range after the head are errors, as geth; a toBlock past the head ends there', async () => {
    const tx = await wallet.sendTransaction({ to: keys[1]!.checksumAddress, value: 1n });
    await tx.wait();
    const head = Number(await rpc('eth_blockNumber'));
    const hex = (n: number) => `0x${n.toString(16)}`;
    await assert.rejects(rpc('eth_getLogs', [{ fromBlock: hex(head), toBlock: hex(head - 1) }]), (e: { code: number; message: string }) => e.code === -32000 && /invalid block range params: fromBlock \d+ is after toBlock \d+/.test(e.message));
    await assert.rejects(rpc('eth_getLogs', [{ fromBlock: hex(head + 5), toBlock: 'latest' }]), (e: { code: number; message: string }) => e.code === -32602 && /beyond current head block/.test(e.message));
    await assert.rejects(rpc('eth_getLogs', [{ fromBlock: hex(head + 5), toBlock: hex(head + 9) }]), (e: { code: number }) => e.code === -32602);
    assert.deepEqual(await rpc('eth_getLogs', [{ fromBlock: hex(head), toBlock: hex(head + 1000) }]), []);
    const ahead = (await rpc('eth_newFilter', [{ fromBlock: hex(head + 5) }])) as string;
    assert.deepEqual(await rpc('eth_getFilterLogs', [ahead]), [], 'a filter waiting for blocks ahead has no logs yet');
  });

  it('filter ids are QUANTITYs, as the execution-apis schema says: never a leading zero', async () => {
    const ids = [];
    for (let i = 0; i < 64; i++) ids.push((await rpc('eth_newBlockFilter')) as string);
    for (const id of ids) {
      assert.match(id, /^0x[1-9a-f][0-9a-f]{63}$/);
      assert.equal(await rpc('eth_uninstallFilter', [id]), true);
    }
  });

  it('WebSocket subscriptions: newHeads and newPendingTransactions notify', async () => {
    const ws = new WebSocket(devnet.url.replace('http', 'ws'));
    await new Promise((r) => ws.addEventListener('open', r, { once: true }));
    const messages: { id?: number; result?: string; method?: string; params?: { subscription: string; result: unknown } }[] = [];
    ws.addEventListener('message', (m) => messages.push(JSON.parse(String(m.data))));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] }));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'eth_subscribe', params: ['newPendingTransactions'] }));
    while (messages.filter((m) => m.id).length < 2) await new Promise((r) => setTimeout(r, 10));
    const [heads, pendings] = [1, 2].map((id) => messages.find((m) => m.id === id)!.result!);
    const tx = await wallet.sendTransaction({ to: keys[1]!.checksumAddress, value: 2n });
    const receipt = await tx.wait();
    while (messages.filter((m) => m.method === 'eth_subscription').length < 2) await new Promise((r) => setTimeout(r, 10));
    const notes = messages.filter((m) => m.method === 'eth_subscription');
    assert.equal((notes.find((n) => n.params!.subscription === heads)!.params!.result as { hash: string }).hash, receipt!.blockHash);
    assert.equal(notes.find((n) => n.params!.subscription === pendings)!.params!.result, tx.hash);
    ws.close();
  });

  it('eth_feeHistory: base fees for the range plus the next one, gas used ratios, rewards', async () => {
    const history = (await rpc('eth_feeHistory', ['0x2', 'latest', [25, 75]])) as { baseFeePerGas: string[]; gasUsedRatio: number[]; reward: string[][]; oldestBlock: string };
    assert.equal(history.baseFeePerGas.length, 3);
    assert.equal(history.gasUsedRatio.length, 2);
    assert.equal(history.reward.length, 2);
    assert.equal(history.reward[0]!.length, 2);
  });
});

describe('pending transactions', () => {
  it('eth_getTransactionByHash finds a transaction still in the mempool, with null block fields', async () => {
    const devnet = await createDevnet({ memory: true, port: 0, accounts: 2, mining: { kind: 'manual' } });
    try {
      const provider = new JsonRpcProvider(devnet.url, 31415926, { staticNetwork: true, cacheTimeout: -1 });
      const wallet = new Wallet(bytesToHex(keys[0]!.privateKey), provider);
      const tx = await wallet.sendTransaction({ to: keys[1]!.checksumAddress, value: 3n });
      const pending = (await devnet.provider.request({ method: 'eth_getTransactionByHash', params: [tx.hash] })) as { hash: string; blockHash: unknown; blockNumber: unknown };
      assert.equal(pending.hash, tx.hash);
      assert.equal(pending.blockHash, null);
      assert.equal(pending.blockNumber, null);
      assert.equal(await devnet.provider.request({ method: 'eth_getTransactionReceipt', params: [tx.hash] }), null);
      await devnet.node.producer.mine();
      assert.notEqual(((await devnet.provider.request({ method: 'eth_getTransactionByHash', params: [tx.hash] })) as { blockHash: unknown }).blockHash, null);
      provider.destroy();
    } finally {
      await devnet.close();
    }
  });
});
