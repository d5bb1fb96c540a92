// Each limit of docs/security.md, hit over real HTTP or WebSocket on a devnet given small limits
// (createDevnet's options, the same as start's flags): the caller gets an error that names the limit,
// and the node goes on answering.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { connect } from '../unit/server/ws-client.ts';

const DEV0 = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const DEV1 = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
/** Creation code that emits one LOG0 and deploys no code: PUSH1 0, PUSH1 0, LOG0, STOP. */
const LOGGING_INIT_CODE = '0x60006000a000';

let devnet: Devnet;
let id = 0;

async function post(body: string): Promise<{ status: number; body: any }> {
  const response = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: await response.json() };
}

async function rpc(method: string, params: unknown[] = []): Promise<any> {
  return (await post(JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }))).body;
}

/** The node still answers after a limit was hit. */
async function stillServing(): Promise<void> {
  assert.match((await rpc('eth_blockNumber')).result, /^0x/);
}

before(async () => {
  devnet = await createDevnet({
    memory: true,
    port: 0,
    bodyLimit: 4096,
    maxBatch: 3,
    limits: { maxSubscriptions: 2, maxFilters: 2, filterTtlMs: 300, maxLogRange: 5, maxLogResults: 1, callGasCap: 50_000_000n },
  });
});
after(() => devnet.close());

describe('limits', () => {
  it('body size: 413 naming the limit', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'web3_sha3', params: [`0x${'00'.repeat(4096)}`] });
    const { status, body } = await post(big);
    assert.equal(status, 413);
    assert.match(body.error.message, /request body of \d+ bytes is over the limit of 4096/);
    await stillServing();
  });

  it('batch size: one error naming the limit', async () => {
    const call = (n: number) => ({ jsonrpc: '2.0', id: n, method: 'eth_chainId', params: [] });
    const { body } = await post(JSON.stringify([call(1), call(2), call(3), call(4)]));
    assert.match(body[0].error.message, /batch of 4 calls is over the limit of 3/);
    assert.equal((await post(JSON.stringify([call(1), call(2), call(3)]))).body.length, 3);
  });

  it('subscriptions per WebSocket connection', async () => {
    const ws = await connect(devnet.url.replace('http', 'ws'));
    const subscribe = async (n: number) => {
      ws.send({ jsonrpc: '2.0', id: n, method: 'eth_subscribe', params: ['newHeads'] });
      return ws.next();
    };
    const first = (await subscribe(1)).result;
    await subscribe(2);
    assert.match((await subscribe(3)).error.message, /too many subscriptions on this connection \(at most 2, --max-subscriptions\)/);
    ws.send({ jsonrpc: '2.0', id: 4, method: 'eth_unsubscribe', params: [first] });
    assert.equal((await ws.next()).result, true);
    assert.match((await subscribe(5)).result, /^0x/);
    ws.close();
    // Another connection has its own count.
    const other = await connect(devnet.url.replace('http', 'ws'));
    other.send({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] });
    assert.match((await other.next()).result, /^0x/);
    other.close();
  });

  it('filters at once, and their TTL', async () => {
    const a = (await rpc('eth_newBlockFilter')).result;
    await rpc('eth_newBlockFilter');
    assert.match((await rpc('eth_newBlockFilter')).error.message, /too many filters \(at most 2, --max-filters\)/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.match((await rpc('eth_newBlockFilter')).result, /^0x/); // the unpolled ones expired
    assert.match((await rpc('eth_getFilterChanges', [a])).error.message, /filter not found/);
  });

  it('eth_getLogs block range and results', async () => {
    const heights: number[] = [];
    for (let i = 0; i < 2; i++) {
      const hash = (await rpc('eth_sendTransaction', [{ from: DEV0, data: LOGGING_INIT_CODE }])).result;
      heights.push(Number((await rpc('eth_getTransactionReceipt', [hash])).result.blockNumber));
    }
    await rpc('hardhat_mine', ['0x6']);
    const range = await rpc('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }]);
    assert.equal(range.error.code, -32005);
    assert.match(range.error.message, /block range of \d+ is over the limit of 5/);
    const head = Number((await rpc('eth_blockNumber')).result);
    const results = await rpc('eth_getLogs', [{ fromBlock: `0x${(head - 4).toString(16)}`, toBlock: 'latest' }]);
    assert.deepEqual(results.result, []);
    const many = await rpc('eth_getLogs', [{ fromBlock: `0x${heights[0]!.toString(16)}`, toBlock: `0x${heights[1]!.toString(16)}` }]);
    assert.match(many.error.message, /more than 1 logs match/);
    await stillServing();
  });

  it('eth_call gas cap', async () => {
    const refused = await rpc('eth_call', [{ from: DEV0, to: DEV1, gas: '0x2faf081' }]);
    assert.match(refused.error.message, /eth_call asks for 50000001 gas, over this node's call gas cap of 50000000/);
    assert.equal((await rpc('eth_call', [{ from: DEV0, to: DEV1 }])).result, '0x');
    assert.match((await rpc('eth_estimateGas', [{ from: DEV0, to: DEV1, gas: '0x2faf081' }])).error.message, /call gas cap/);
    await stillServing();
  });
});
