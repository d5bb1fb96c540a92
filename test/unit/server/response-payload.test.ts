// What a transport sends for a JSON-RPC response: JSON.stringify's text, and for results that are JSON
// text already (RawJson) the same text, as a string or as its UTF-8 bytes (for HTTP), alone or in a
// batch beside ordinary results and errors, whatever the size.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RawJson, type JsonRpcResponse } from '../../../src/rpc/index.ts';
import { responsePayload } from '../../../src/server/response-payload.ts';

const plain = (r: JsonRpcResponse | JsonRpcResponse[]) => JSON.stringify(r, (_k, v: unknown) => (v instanceof RawJson ? JSON.parse(v.text()) : v));

describe('response payload', () => {
  it('is JSON.stringify\'s text when no result is RawJson', () => {
    const r: JsonRpcResponse = { jsonrpc: '2.0', id: 7, result: { a: [1, 'x'] } };
    assert.equal(responsePayload(r, true), JSON.stringify(r));
    assert.equal(responsePayload([r, r], false), JSON.stringify([r, r]));
  });

  it('splices RawJson results in, as text or UTF-8 bytes, alone and in batches', () => {
    const items = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, s: 'é'.repeat(i % 40), h: '0x'.padEnd(300, 'a') }));
    const raw: JsonRpcResponse = { jsonrpc: '2.0', id: 'q', result: RawJson.array(items) };
    const empty: JsonRpcResponse = { jsonrpc: '2.0', id: null, result: RawJson.array([]) };
    const error: JsonRpcResponse = { jsonrpc: '2.0', id: 2, error: { code: -32000, message: 'no' } };
    for (const response of [raw, empty, [raw, error, empty]]) {
      const text = plain(response);
      assert.equal(responsePayload(response, false), text);
      const bytes = responsePayload(response, true);
      assert.ok(Buffer.isBuffer(bytes));
      assert.equal(bytes.toString('utf8'), text);
    }
  });
});
