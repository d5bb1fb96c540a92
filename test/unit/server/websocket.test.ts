// The gateway over WebSocket: calls and batches on each path, notifications pushed by a handler,
// parse errors that leave the connection open, the close reaching handlers, and close() ending
// connections.

import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../../../src/server/index.ts';
import { call, logged, startToyServer } from './toy-methods.ts';
import { connect } from './ws-client.ts';

let server: RunningServer;
beforeEach(async () => {
  server = await startToyServer({ bodyLimit: 4096 });
});
afterEach(() => server.close());

describe('WebSocket JSON-RPC', () => {
  it('answers calls on /rpc/v1, /rpc/v0 and /', async () => {
    for (const path of ['/rpc/v1', '/rpc/v0', '/']) {
      const ws = await connect(`${server.wsUrl}${path}`);
      ws.send(call('add', ['0x1', '0x2'], path));
      assert.deepEqual(await ws.next(), { jsonrpc: '2.0', id: path, result: '0x3' });
      ws.close();
      await ws.closed;
    }
  });

  it('answers batches, errors and nothing for notifications', async () => {
    const ws = await connect(`${server.wsUrl}/rpc/v1`);
    ws.send({ jsonrpc: '2.0', method: 'echo', params: ['ignored'] });
    ws.send([call('echo', ['a'], 1), call('nope', [], 2)]);
    const batch = await ws.next();
    assert.deepEqual(batch[0], { jsonrpc: '2.0', id: 1, result: 'a' });
    assert.equal(batch[1].error.code, -32601);
    ws.send(call('balance', ['0xzz'], 3));
    assert.equal((await ws.next()).error.code, -32602);
    ws.close();
  });

  it('answers malformed JSON with -32700 and keeps the connection open', async () => {
    const ws = await connect(`${server.wsUrl}/rpc/v1`);
    ws.send('{not json');
    const answer = await ws.next();
    assert.equal(answer.id, null);
    assert.equal(answer.error.code, -32700);
    assert.ok(ws.isOpen);
    ws.send(call('add', ['0x2', '0x2'], 9));
    assert.deepEqual(await ws.next(), { jsonrpc: '2.0', id: 9, result: '0x4' });
    ws.close();
  });

  it('does not hold fast calls behind a slow one', async () => {
    const ws = await connect(`${server.wsUrl}/rpc/v1`);
    ws.send(call('slow', [200], 'slow'));
    ws.send(call('echo', ['fast'], 'fast'));
    assert.equal((await ws.next()).id, 'fast');
    assert.equal((await ws.next()).id, 'slow');
    ws.close();
  });

  it('delivers notifications from a handler and tells it when the connection closes', async () => {
    const ws = await connect(`${server.wsUrl}/rpc/v1`);
    ws.send(call('subscribe', ['news'], 1));
    assert.deepEqual(await ws.next(), { jsonrpc: '2.0', id: 1, result: '0x1' });
    assert.deepEqual(await ws.next(), { jsonrpc: '2.0', method: 'toy_subscription', params: { subscription: '0x1', result: 'news 1' } });
    assert.deepEqual(await ws.next(), { jsonrpc: '2.0', method: 'toy_subscription', params: { subscription: '0x1', result: 'news 2' } });
    ws.close();
    await ws.closed;
    for (let i = 0; i < 50 && !logged.includes('subscription closed'); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(logged.includes('subscription closed'));
  });

  it('gives HTTP handlers no notify', async () => {
    const response = await fetch(`${server.url}/rpc/v1`, { method: 'POST', body: JSON.stringify(call('subscribe', ['x'])) });
    assert.deepEqual(((await response.json()) as any).error, { code: -32000, message: 'notifications need a WebSocket' });
  });

  it('closes a connection whose message is over the body limit (1009)', async () => {
    const ws = await connect(`${server.wsUrl}/rpc/v1`);
    ws.send(call('echo', ['x'.repeat(5000)]));
    assert.equal(await ws.closed, 1009);
    const again = await connect(`${server.wsUrl}/rpc/v1`);
    again.send(call('echo', ['ok']));
    assert.equal((await again.next()).result, 'ok');
    again.close();
  });

  it('refuses an upgrade on a path that serves no JSON-RPC, and still closes cleanly', async () => {
    await assert.rejects(connect(`${server.wsUrl}/nowhere`), /404/);
    const ws = await connect(`${server.wsUrl}/`);
    ws.send(call('echo', ['ok']));
    assert.equal((await ws.next()).result, 'ok');
    ws.close();
  });

  it('close() ends open WebSocket connections', async () => {
    const ws = await connect(`${server.wsUrl}/rpc/v1`);
    ws.send(call('echo', [1]));
    await ws.next();
    await server.close();
    assert.equal(await ws.closed, 1001);
    server = await startToyServer(); // for afterEach
  });
});
