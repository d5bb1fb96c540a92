// The dispatcher without a transport: JSON-RPC 2.0's rules for requests, notifications, batches and
// parameters, errors through toJsonRpcError, and the context handed to handlers.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FatalError, hexToBytes } from '../../../src/primitives/index.ts';
import { Dispatcher, address, blockRef, method, quantity, type RpcContext } from '../../../src/rpc/index.ts';

const http: RpcContext = { transport: 'http' };

function dispatcher(log: string[] = []): Dispatcher {
  return new Dispatcher(
    [
      method('add', [{ name: 'a', parse: quantity }, { name: 'b', parse: quantity }], ([a, b]) => `0x${(a + b).toString(16)}`),
      method('balance', [{ name: 'address', parse: address }, { name: 'block', parse: blockRef, optional: true }], ([, block]) => block ?? 'no block'),
      method('nothing', [], () => undefined),
      method('transport', [], (_params, ctx) => ctx.transport),
      method('broken', [], () => {
        throw new TypeError('x is undefined');
      }),
      method('fatal', [], async () => {
        throw new FatalError('corrupt store');
      }),
    ],
    { maxBatch: 3, log: (line) => log.push(line) },
  );
}

const req = (name: string, params?: unknown, id: unknown = 1): Record<string, unknown> => ({ jsonrpc: '2.0', id, method: name, params });

describe('Dispatcher', () => {
  it('answers a call, keeping its id of any kind', async () => {
    const d = dispatcher();
    for (const id of [1, 'abc', null, 0]) {
      assert.deepEqual(await d.handle(req('add', ['0x1', '0x2'], id), http), { jsonrpc: '2.0', id, result: '0x3' });
    }
  });

  it('says which methods it has', () => {
    assert.equal(dispatcher().has('add'), true);
    assert.equal(dispatcher().has('eth_nothing'), false);
  });

  it('refuses two methods of the same name', () => {
    const m = method('x', [], () => 1);
    assert.throws(() => new Dispatcher([m, m]), FatalError);
  });

  it('answers null for a handler that returns nothing', async () => {
    assert.deepEqual(await dispatcher().handle(req('nothing', []), http), { jsonrpc: '2.0', id: 1, result: null });
  });

  it('treats a missing params as [] and passes undefined for omitted or null optional params', async () => {
    assert.deepEqual(await dispatcher().handle({ jsonrpc: '2.0', id: 1, method: 'nothing' }, http), { jsonrpc: '2.0', id: 1, result: null });
    const addr = '0x' + '00'.repeat(20);
    assert.equal(((await dispatcher().handle(req('balance', [addr]), http)) as any).result, 'no block');
    assert.equal(((await dispatcher().handle(req('balance', [addr, null]), http)) as any).result, 'no block');
    assert.deepEqual(((await dispatcher().handle(req('balance', [addr, 'latest']), http)) as any).result, { kind: 'tag', tag: 'latest' });
  });

  it('checks counts and parameters (-32602)', async () => {
    const d = dispatcher();
    const error = async (body: unknown) => ((await d.handle(body, http)) as any).error;
    assert.deepEqual(await error(req('add', ['0x1', '0x2', '0x3'])), { code: -32602, message: 'too many arguments, want at most 2' });
    assert.deepEqual(await error(req('add', [])), { code: -32602, message: 'missing value for required argument 0 (a)' });
    assert.deepEqual(await error(req('add', ['0x1', null])), { code: -32602, message: 'invalid b: expected a hex quantity (0x and hex digits), got null' });
    assert.deepEqual(await error(req('add', { a: 1, b: 2 })), { code: -32602, message: 'params must be an array' });
    assert.equal((await error(req('add', ['0x1', 'two']))).message, 'invalid b: expected a hex quantity (0x and hex digits), got "two"');
  });

  it('refuses invalid request objects (-32600), with the id when usable', async () => {
    const d = dispatcher();
    for (const [body, id] of [
      [null, null],
      ['add', null],
      [{ id: 5, method: 'add' }, 5],
      [{ jsonrpc: '2.0', id: 6 }, 6],
      [{ jsonrpc: '2.0', id: 7, method: '' }, 7],
      [{ jsonrpc: '2.0', id: [1], method: 'add' }, null],
      [{ jsonrpc: '2.0', id: true, method: 'add' }, null],
    ] as const) {
      const response = (await d.handle(body, http)) as any;
      assert.equal(response.error.code, -32600, JSON.stringify(body));
      assert.equal(response.id, id, JSON.stringify(body));
    }
  });

  it('names an unknown method (-32601)', async () => {
    assert.deepEqual(((await dispatcher().handle(req('eth_foo', []), http)) as any).error, {
      code: -32601,
      message: 'the method eth_foo does not exist/is not available',
    });
  });

  it('never answers a notification, even a failing one', async () => {
    const d = dispatcher();
    for (const name of ['add', 'eth_foo', 'fatal']) {
      assert.equal(await d.handle({ jsonrpc: '2.0', method: name, params: ['0x1', '0x1'] }, http), undefined);
    }
    assert.equal(await d.handle([{ jsonrpc: '2.0', method: 'nothing' }], http), undefined);
  });

  it('answers a batch in order, without the notifications', async () => {
    const responses = await dispatcher().handle([req('add', ['0x1', '0x1'], 'a'), { jsonrpc: '2.0', method: 'nothing' }, req('eth_foo', [], 'b')], http);
    assert.deepEqual(
      (responses as any[]).map((r) => [r.id, r.result ?? r.error.code]),
      [
        ['a', '0x2'],
        ['b', -32601],
      ],
    );
  });

  it('refuses an empty batch and one over the limit', async () => {
    assert.deepEqual(await dispatcher().handle([], http), { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'empty batch' } });
    const over = await dispatcher().handle([1, req('nothing', [], 'first'), req('nothing'), req('nothing')], http);
    assert.deepEqual(over, [{ jsonrpc: '2.0', id: 'first', error: { code: -32600, message: 'batch of 4 calls is over the limit of 3' } }]);
  });

  it('hides internal errors from the client and logs them with the method', async () => {
    const log: string[] = [];
    const d = dispatcher(log);
    assert.deepEqual(((await d.handle(req('broken', []), http)) as any).error, { code: -32603, message: 'internal error' });
    assert.deepEqual(((await d.handle(req('fatal', []), http)) as any).error, { code: -32603, message: 'internal error' });
    assert.equal(log.length, 2);
    assert.match(log[0]!, /^internal error in broken: TypeError: x is undefined/);
    assert.match(log[1]!, /^internal error in fatal: FatalError: corrupt store/);
  });

  it('does not log refusals', async () => {
    const log: string[] = [];
    await dispatcher(log).handle(req('add', []), http);
    assert.deepEqual(log, []);
  });

  it('passes the context to handlers', async () => {
    assert.equal(((await dispatcher().handle(req('transport', []), { transport: 'ws' })) as any).result, 'ws');
  });

  it('turns a parser that throws some other bad-input error into -32602', async () => {
    const d = new Dispatcher([
      method('m', [{ name: 'x', parse: (value) => hexToBytes(String(value)) }], () => 1),
    ]);
    assert.deepEqual(((await d.handle(req('m', ['zz']), http)) as any).error, { code: -32602, message: 'invalid x: not a hex string: "zz"' });
  });
});
