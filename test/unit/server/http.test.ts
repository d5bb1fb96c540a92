// The gateway over real HTTP: what a client sees for every JSON-RPC rule (single calls, batches,
// notifications, limits, errors of each kind), on each path, with any content-type, and that the server
// keeps serving after every bad request.

import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../../../src/server/index.ts';
import { call, logged, post, startToyServer } from './toy-methods.ts';

let server: RunningServer;
let rpc: string;

beforeEach(async () => {
  server = await startToyServer({ bodyLimit: 4096 });
  rpc = `${server.url}/rpc/v1`;
});
afterEach(() => server.close());

/** A good call after a bad one: the server must still answer. */
async function stillServes(): Promise<void> {
  const { status, json } = await post(rpc, call('add', ['0x2', '0x3'], 'after'));
  assert.equal(status, 200);
  assert.deepEqual(json, { jsonrpc: '2.0', id: 'after', result: '0x5' });
}

describe('HTTP JSON-RPC', () => {
  it('answers a call on /rpc/v1, /rpc/v0 and /, keeping the id', async () => {
    for (const path of ['/rpc/v1', '/rpc/v0', '/']) {
      const { status, json } = await post(`${server.url}${path}`, call('add', ['0x1', 2], 'id-' + path));
      assert.equal(status, 200);
      assert.deepEqual(json, { jsonrpc: '2.0', id: 'id-' + path, result: '0x3' });
    }
  });

  it('does not care about the content-type', async () => {
    for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
      const { json } = await post(rpc, call('echo', ['hi']), headers);
      assert.equal(json.result, 'hi', String(type));
    }
  });

  it('answers a batch in order, leaving out notifications', async () => {
    const { json } = await post(rpc, [call('add', ['0x1', '0x1'], 1), { jsonrpc: '2.0', method: 'echo', params: ['n'] }, call('echo', ['b'], 2)]);
    assert.deepEqual(json, [
      { jsonrpc: '2.0', id: 1, result: '0x2' },
      { jsonrpc: '2.0', id: 2, result: 'b' },
    ]);
  });

  it('sends a result kept as JSON text as that text, alone and in a batch', async () => {
    const text = async (body: unknown) => (await fetch(rpc, { method: 'POST', body: JSON.stringify(body) })).text();
    assert.equal(await text(call('raw', [], 'r')), '{"jsonrpc":"2.0","id":"r","result":[{"a":"0x1","b":[]},null]}');
    assert.equal(await text([call('raw', [], 1), call('echo', ['b'], 2)]), '[{"jsonrpc":"2.0","id":1,"result":[{"a":"0x1","b":[]},null]},{"jsonrpc":"2.0","id":2,"result":"b"}]');
  });

  it('sends nothing for notifications only (204)', async () => {
    const single = await post(rpc, { jsonrpc: '2.0', method: 'echo', params: [1] });
    assert.equal(single.status, 204);
    assert.equal(single.json, undefined);
    const batch = await post(rpc, [{ jsonrpc: '2.0', method: 'echo' }, { jsonrpc: '2.0', method: 'nope' }]);
    assert.equal(batch.status, 204);
    await stillServes();
  });

  it('refuses an empty batch and a batch over the limit with one -32600 error', async () => {
    const empty = await post(rpc, []);
    assert.deepEqual(empty.json, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'empty batch' } });
    const tooMany = await post(rpc, Array.from({ length: 6 }, (_, i) => call('echo', [i], i + 7)));
    assert.deepEqual(tooMany.json, [{ jsonrpc: '2.0', id: 7, error: { code: -32600, message: 'batch of 6 calls is over the limit of 5' } }]);
    await stillServes();
  });

  it('answers malformed JSON with -32700 and HTTP 200, then keeps serving', async () => {
    const { status, json } = await post(rpc, '{"jsonrpc":"2.0",');
    assert.equal(status, 200);
    assert.equal(json.id, null);
    assert.equal(json.error.code, -32700);
    assert.match(json.error.message, /^parse error: /);
    const empty = await post(rpc, '');
    assert.equal(empty.json.error.message, 'parse error: empty body');
    await stillServes();
  });

  it('refuses a body over the limit with HTTP 413 and -32600', async () => {
    const { status, json } = await post(rpc, call('echo', ['x'.repeat(5000)]));
    assert.equal(status, 413);
    assert.equal(json.error.code, -32600);
    assert.match(json.error.message, /^request body of 50\d\d bytes is over the limit of 4096$/);
    await stillServes();
  });

  it('refuses a streamed body without a length once it passes the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1000));
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(rpc, { method: 'POST', body, duplex: 'half' } as RequestInit);
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as any).error.message, 'request body of more than 4096 bytes is over the limit of 4096');
    await stillServes();
  });

  it('answers invalid request objects with -32600, with the id when it is usable', async () => {
    const { json } = await post(rpc, [1, { jsonrpc: '1.0', id: 3, method: 'echo' }, { jsonrpc: '2.0', id: 4 }, { jsonrpc: '2.0', id: {}, method: 'echo' }]);
    assert.deepEqual(
      json.map((r: any) => [r.id, r.error.code]),
      [
        [null, -32600],
        [3, -32600],
        [4, -32600],
        [null, -32600],
      ],
    );
    await stillServes();
  });

  it('names an unknown method', async () => {
    const { json } = await post(rpc, call('eth_nothing', []));
    assert.deepEqual(json.error, { code: -32601, message: 'the method eth_nothing does not exist/is not available' });
    await stillServes();
  });

  it('checks the parameter count and each parameter', async () => {
    const tooMany = await post(rpc, call('add', ['0x1', '0x2', '0x3']));
    assert.deepEqual(tooMany.json.error, { code: -32602, message: 'too many arguments, want at most 2' });
    const missing = await post(rpc, call('add', ['0x1']));
    assert.deepEqual(missing.json.error, { code: -32602, message: 'missing value for required argument 1 (b)' });
    const notArray = await post(rpc, { jsonrpc: '2.0', id: 1, method: 'add', params: { a: '0x1' } });
    assert.equal(notArray.json.error.code, -32602);
    const badAddress = await post(rpc, call('balance', ['0x1234']));
    assert.equal(badAddress.json.error.code, -32602);
    assert.match(badAddress.json.error.message, /invalid address: expected an address/);
    const noParams = await post(rpc, call('echo'));
    assert.deepEqual(noParams.json, { jsonrpc: '2.0', id: 1, result: null });
    await stillServes();
  });

  it('maps handler errors: refusals to -32000, reverts to 3 with data, fatal errors to a bare -32603', async () => {
    const refused = await post(rpc, call('refuse', []));
    assert.deepEqual(refused.json.error, { code: -32000, message: 'nonce too low: next nonce 5, tx nonce 3' });
    const reverted = await post(rpc, call('revert', []));
    assert.deepEqual(reverted.json.error, { code: 3, message: 'execution reverted: nope', data: '0x08c379a0' });
    const crashed = await post(rpc, call('crash', []));
    assert.deepEqual(crashed.json.error, { code: -32603, message: 'internal error' });
    assert.ok(!JSON.stringify(crashed.json).includes('secret'), 'details stay out of the answer');
    assert.ok(logged.some((line) => line.includes('crash') && line.includes('bafy-secret-detail')), 'details go to the log');
    await stillServes();
  });

  it('answers /health', async () => {
    const response = await fetch(`${server.url}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('answers unknown paths and a plain GET in JSON-RPC shape', async () => {
    const missing = await fetch(`${server.url}/nowhere`, { method: 'POST', body: '{}' });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as any).error.code, -32600);
    const get = await fetch(rpc);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    await stillServes();
  });

  it('compresses with gzip or deflate when asked, and not otherwise', async () => {
    const big = call('echo', ['y'.repeat(2000)]);
    for (const encoding of ['gzip', 'deflate']) {
      const response = await fetch(rpc, { method: 'POST', body: JSON.stringify(big), headers: { 'accept-encoding': encoding } });
      assert.equal(response.headers.get('content-encoding'), encoding);
      assert.equal(((await response.json()) as any).result, 'y'.repeat(2000));
    }
    const plain = await fetch(rpc, { method: 'POST', body: JSON.stringify(big), headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(((await plain.json()) as any).result.length, 2000);
  });
});

describe('verbose log', () => {
  it('writes one line per request with the method names and the duration', async () => {
    await server.close();
    server = await startToyServer({ verbose: true });
    rpc = `${server.url}/rpc/v1`;
    logged.length = 0;
    await post(rpc, call('add', ['0x1', '0x1']));
    await post(rpc, [call('echo', [1]), call('add', ['0x1', '0x2'], 2)]);
    assert.equal(logged.length, 2);
    assert.match(logged[0]!, /^POST \/rpc\/v1 add \d+\.\dms$/);
    assert.match(logged[1]!, /^POST \/rpc\/v1 batch\[2\] echo,add \d+\.\dms$/);
  });
});
