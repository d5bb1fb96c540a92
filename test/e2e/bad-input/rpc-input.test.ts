// Bad input over real HTTP, table-driven: malformed JSON, wrong envelopes, unknown methods, oversized
// bodies and batches, and for every registered method (read from the method table) too many params,
// a missing required param and, per param, each wrong value its parser refuses. Each case asserts the
// JSON-RPC code and a readable message; after all of them the node still answers and the head's state
// root has not moved.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { ChainView, ethMethods } from '../../../src/gateway/index.ts';
import type { RpcMethod } from '../../../src/rpc/method.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { BAD_CANDIDATES, assertRpcError, post, refuses, validValue, type ExpectedError } from './bad-input-helpers.ts';

const PARSE = -32700;
const INVALID_REQUEST = -32600;
const NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;

interface RawCase {
  name: string;
  body: string | Uint8Array;
  expect: ExpectedError;
  status?: number;
}

const req = (o: Record<string, unknown>) => JSON.stringify(o);

const ENVELOPE_CASES: RawCase[] = [
  { name: 'empty body', body: '', expect: { code: PARSE, message: 'parse error' } },
  { name: 'whitespace body', body: '   \n', expect: { code: PARSE, message: 'parse error' } },
  { name: 'truncated JSON', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"', expect: { code: PARSE, message: 'parse error' } },
  { name: 'trailing comma', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId",}', expect: { code: PARSE, message: 'parse error' } },
  { name: 'single quotes', body: "{'jsonrpc':'2.0','id':1,'method':'eth_chainId'}", expect: { code: PARSE, message: 'parse error' } },
  { name: 'not JSON at all', body: 'hello', expect: { code: PARSE, message: 'parse error' } },
  { name: 'binary garbage', body: new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x80]), expect: { code: PARSE, message: 'parse error' } },
  { name: 'two objects', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}{"jsonrpc":"2.0","id":2,"method":"eth_chainId"}', expect: { code: PARSE, message: 'parse error' } },
  { name: 'JSON number', body: '42', expect: { code: INVALID_REQUEST, message: 'JSON object' } },
  { name: 'JSON string', body: '"eth_chainId"', expect: { code: INVALID_REQUEST, message: 'JSON object' } },
  { name: 'JSON null', body: 'null', expect: { code: INVALID_REQUEST, message: 'JSON object' } },
  { name: 'JSON true', body: 'true', expect: { code: INVALID_REQUEST, message: 'JSON object' } },
  { name: 'no jsonrpc', body: req({ id: 1, method: 'eth_chainId' }), expect: { code: INVALID_REQUEST, message: 'jsonrpc must be "2.0"' } },
  { name: 'jsonrpc 1.0', body: req({ jsonrpc: '1.0', id: 1, method: 'eth_chainId' }), expect: { code: INVALID_REQUEST, message: 'jsonrpc must be "2.0"' } },
  { name: 'jsonrpc as number 2', body: req({ jsonrpc: 2, id: 1, method: 'eth_chainId' }), expect: { code: INVALID_REQUEST, message: 'jsonrpc must be "2.0"' } },
  { name: 'jsonrpc 2.0 as number', body: '{"jsonrpc":2.0,"id":1,"method":"eth_chainId"}', expect: { code: INVALID_REQUEST, message: 'jsonrpc must be "2.0"' } },
  { name: 'id as object', body: req({ jsonrpc: '2.0', id: { a: 1 }, method: 'eth_chainId' }), expect: { code: INVALID_REQUEST, message: 'id must be' } },
  { name: 'id as array', body: req({ jsonrpc: '2.0', id: [1], method: 'eth_chainId' }), expect: { code: INVALID_REQUEST, message: 'id must be' } },
  { name: 'id as boolean', body: req({ jsonrpc: '2.0', id: true, method: 'eth_chainId' }), expect: { code: INVALID_REQUEST, message: 'id must be' } },
  { name: 'no method', body: req({ jsonrpc: '2.0', id: 1 }), expect: { code: INVALID_REQUEST, message: 'method must be' } },
  { name: 'method as number', body: req({ jsonrpc: '2.0', id: 1, method: 7 }), expect: { code: INVALID_REQUEST, message: 'method must be' } },
  { name: 'method empty', body: req({ jsonrpc: '2.0', id: 1, method: '' }), expect: { code: INVALID_REQUEST, message: 'method must be' } },
  { name: 'method as array', body: req({ jsonrpc: '2.0', id: 1, method: ['eth_chainId'] }), expect: { code: INVALID_REQUEST, message: 'method must be' } },
  { name: 'params as string', body: req({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: 'x' }), expect: { code: INVALID_PARAMS, message: 'params must be an array' } },
  { name: 'params as number', body: req({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: 5 }), expect: { code: INVALID_PARAMS, message: 'params must be an array' } },
  { name: 'params as object', body: req({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: { address: '0x' } }), expect: { code: INVALID_PARAMS, message: 'params must be an array' } },
  { name: 'params as null on a method with a required param', body: req({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: null }), expect: { code: INVALID_PARAMS, message: 'params must be an array' } },
  { name: 'empty batch', body: '[]', expect: { code: INVALID_REQUEST, message: 'empty batch' } },
  { name: 'unknown method', body: req({ jsonrpc: '2.0', id: 1, method: 'eth_doesNotExist' }), expect: { code: NOT_FOUND, message: 'eth_doesNotExist does not exist' } },
  { name: 'unknown namespace', body: req({ jsonrpc: '2.0', id: 1, method: 'admin_peers' }), expect: { code: NOT_FOUND, message: 'does not exist' } },
  { name: 'method in wrong case', body: req({ jsonrpc: '2.0', id: 1, method: 'ETH_CHAINID' }), expect: { code: NOT_FOUND, message: 'does not exist' } },
  { name: 'method with trailing space', body: req({ jsonrpc: '2.0', id: 1, method: 'eth_chainId ' }), expect: { code: NOT_FOUND, message: 'does not exist' } },
  { name: 'very long method name', body: req({ jsonrpc: '2.0', id: 1, method: 'x'.repeat(10_000) }), expect: { code: NOT_FOUND, message: 'does not exist' } },
  { name: 'prototype name as method', body: req({ jsonrpc: '2.0', id: 1, method: '__proto__' }), expect: { code: NOT_FOUND, message: 'does not exist' } },
  { name: 'constructor as method', body: req({ jsonrpc: '2.0', id: 1, method: 'constructor' }), expect: { code: NOT_FOUND, message: 'does not exist' } },
  { name: 'batch over 100 calls', body: JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' }))), expect: { code: INVALID_REQUEST, message: 'over the limit of 100' } },
  { name: 'body over 1 MiB', body: req({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ data: '0x' + '00'.repeat(600_000) }] }), status: 413, expect: { code: INVALID_REQUEST, message: 'over the limit' } },
  { name: 'deeply nested params', body: `{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":${'['.repeat(5000)}${']'.repeat(5000)}}`, expect: { code: INVALID_PARAMS, message: 'invalid' } },
];

const DEV = bytesToHex(deriveDevAccounts({ count: 1 }).eth[0]!.ethAddress);

/** Values that parse but that the method refuses: development methods and Filecoin companions. */
const METHOD_CASES: { name: string; method: string; params: unknown[]; expect: ExpectedError }[] = [
  { name: 'hardhat_mine of 2^40 tipsets', method: 'hardhat_mine', params: ['0x10000000000'], expect: { code: INVALID_PARAMS, message: 'at most 10000 tipsets' } },
  { name: 'anvil_mine with an interval over 2^53', method: 'anvil_mine', params: ['0x2', '0x1' + '0'.repeat(20)], expect: { code: INVALID_PARAMS, message: 'interval' } },
  { name: 'evm_mine at a timestamp before the head', method: 'evm_mine', params: ['0x1'], expect: { code: -32000, message: "is not after the head's" } },
  { name: 'evm_mine with an object', method: 'evm_mine', params: [{ timestamp: 5 }], expect: { code: INVALID_PARAMS, message: 'invalid timestamp' } },
  { name: 'evm_setNextBlockTimestamp before the head', method: 'evm_setNextBlockTimestamp', params: [1], expect: { code: -32000, message: "is not after the head's" } },
  { name: 'anvil_setTime with text', method: 'anvil_setTime', params: ['soon'], expect: { code: INVALID_PARAMS, message: 'invalid timestamp' } },
  { name: 'evm_increaseTime negative', method: 'evm_increaseTime', params: [-5], expect: { code: INVALID_PARAMS, message: 'whole number of seconds' } },
  { name: 'evm_setIntervalMining over 2^31 ms', method: 'evm_setIntervalMining', params: [86_850_244_149], expect: { code: INVALID_PARAMS, message: 'at most 2147483647' } },
  { name: 'eth_signTypedData_v4 with text that is no JSON', method: 'eth_signTypedData_v4', params: [DEV, '{nope'], expect: { code: INVALID_PARAMS, message: 'not JSON' } },
  { name: 'eth_signTypedData_v4 with a number', method: 'eth_signTypedData_v4', params: [DEV, 1085087230495], expect: { code: INVALID_PARAMS, message: 'EIP-712 typed data' } },
  { name: 'eth_signTypedData_v4 with an unknown type', method: 'eth_signTypedData_v4', params: [DEV, { types: { Mail: [{ name: 'x', type: 'uint999' }] }, domain: {}, primaryType: 'Mail', message: { x: 1 } }], expect: { code: INVALID_PARAMS, message: 'invalid typedData' } },
  { name: 'eth_sign for an account the node does not hold', method: 'eth_sign', params: [`0x${'ab'.repeat(20)}`, '0x1234'], expect: { code: -32000, message: 'unknown account' } },
  { name: 'Filecoin.ChainGetTipSetByHeight with text', method: 'Filecoin.ChainGetTipSetByHeight', params: ['-W;', null], expect: { code: INVALID_PARAMS, message: 'invalid height' } },
  { name: 'Filecoin.EthGetTransactionHashByCid with no CID', method: 'Filecoin.EthGetTransactionHashByCid', params: ['pending'], expect: { code: INVALID_PARAMS, message: 'invalid cid' } },
  { name: 'eth_estimateGas with a nonce over 64 bits', method: 'eth_estimateGas', params: [{ from: DEV, to: DEV, nonce: '0x1' + '0'.repeat(16) }], expect: { code: INVALID_PARAMS, message: 'nonce: expected a quantity of at most 64 bits' } },
  { name: 'eth_sendTransaction with gas over 64 bits', method: 'eth_sendTransaction', params: [{ from: DEV, to: DEV, gas: '0x1' + '0'.repeat(20) }], expect: { code: INVALID_PARAMS, message: 'gas: expected a quantity of at most 64 bits' } },
  { name: 'anvil_setStorageAt with a 33-byte value', method: 'anvil_setStorageAt', params: [DEV, '0x0', '0x' + '11'.repeat(33)], expect: { code: INVALID_PARAMS, message: 'at most 32 bytes' } },
  { name: 'Filecoin.ChainGetBlock with no CID', method: 'Filecoin.ChainGetBlock', params: [{ '/': 'bafy-nope' }], expect: { code: INVALID_PARAMS, message: 'invalid cid' } },
];

interface MatrixCase {
  name: string;
  method: string;
  params: unknown[];
  expect: ExpectedError;
}

/** Cases generated from the method table, for every method. */
function methodCases(methods: RpcMethod[]): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const m of methods) {
    const n = m.params.length;
    cases.push({ name: `${m.name}: ${n + 1} params (at most ${n})`, method: m.name, params: Array.from({ length: n + 1 }, () => null), expect: { code: INVALID_PARAMS, message: `too many arguments, want at most ${n}` } });
    const valid: unknown[] = [];
    for (const [i, spec] of m.params.entries()) {
      if (!spec.optional) {
        cases.push({ name: `${m.name}: param ${i} (${spec.name}) missing`, method: m.name, params: [...valid], expect: { code: INVALID_PARAMS, message: `missing value for required argument ${i}` } });
      }
      for (const [what, bad] of BAD_CANDIDATES) {
        if (!refuses(spec, bad)) continue;
        cases.push({ name: `${m.name}: param ${i} (${spec.name}) is ${what}`, method: m.name, params: [...valid, bad], expect: { code: INVALID_PARAMS, message: spec.name } });
      }
      const ok = validValue(spec);
      if (ok === undefined) break;
      valid.push(ok);
    }
  }
  return cases;
}

describe('bad input over HTTP', () => {
  let devnet: Devnet;
  let methods: RpcMethod[];
  let rootBefore: string;
  const headRoot = () => `${devnet.node.chain.head().height}:${devnet.node.chain.head().stateRoot.toString()}`;

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, host: '127.0.0.1', accounts: 2, log: () => {} });
    methods = ethMethods(new ChainView(devnet.node, 31415926), {});
    rootBefore = headRoot();
  });

  after(async () => {
    await devnet.close();
  });

  it('the method table is large enough to make a matrix of it', () => {
    assert.ok(methods.length > 50, `${methods.length} methods`);
  });

  describe('envelopes, bodies and batches', () => {
    for (const c of ENVELOPE_CASES) {
      it(c.name, async () => {
        const answer = await post(devnet.url, c.body);
        assert.equal(answer.status, c.status ?? 200, `${c.name}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
        const json = Array.isArray(answer.json) && c.name.startsWith('batch') ? answer.json[0] : answer.json;
        assertRpcError(json, c.expect, c.name);
      });
    }

    it('a batch of bad calls answers each with its own error and id', async () => {
      const body = JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'eth_chainId' },
        { jsonrpc: '2.0', id: 2, method: 'nope' },
        { id: 3, method: 'eth_chainId' },
        42,
        { jsonrpc: '2.0', id: 5, method: 'eth_getBalance', params: ['0x12'] },
      ]);
      const answer = await post(devnet.url, body);
      assert.equal(answer.status, 200);
      const list = answer.json as { id: unknown; result?: unknown; error?: { code: number } }[];
      assert.equal(list.length, 5);
      assert.equal(list[0]!.result, '0x1df5e76');
      assert.deepEqual(list.slice(1).map((r) => [r.id, r.error?.code]), [[2, NOT_FOUND], [3, INVALID_REQUEST], [null, INVALID_REQUEST], [5, INVALID_PARAMS]]);
    });

    it('notifications with bad params answer nothing (HTTP 204)', async () => {
      const answer = await post(devnet.url, req({ jsonrpc: '2.0', method: 'eth_getBalance', params: ['0x12'] }));
      assert.equal(answer.status, 204);
    });
  });

  describe('values that parse but that the method refuses', () => {
    for (const c of METHOD_CASES) {
      it(c.name, async () => {
        const answer = await post(devnet.url, req({ jsonrpc: '2.0', id: 1, method: c.method, params: c.params }));
        assert.equal(answer.status, 200, `${c.name}: HTTP ${answer.status}`);
        assertRpcError(answer.json, c.expect, c.name);
      });
    }
  });

  describe('every registered method, wrong param counts and types', () => {
    // Built lazily: the table comes from the devnet's own node, created in before().
    it('matrix', async (t) => {
      const cases = methodCases(methods);
      assert.ok(cases.length >= 200, `${cases.length} generated cases`);
      for (const c of cases) {
        await t.test(c.name, async () => {
          const answer = await post(devnet.url, req({ jsonrpc: '2.0', id: 1, method: c.method, params: c.params }));
          assert.equal(answer.status, 200, `${c.name}: HTTP ${answer.status}`);
          assertRpcError(answer.json, c.expect, `${c.name} ${JSON.stringify(c.params).slice(0, 120)}`);
        });
      }
    });
  });

  it('the node still answers and the head has not moved', async () => {
    const answer = await post(devnet.url, req({ jsonrpc: '2.0', id: 1, method: 'eth_chainId' }));
    assert.deepEqual(answer.json, { jsonrpc: '2.0', id: 1, result: '0x1df5e76' });
    assert.equal(headRoot(), rootBefore);
  });
});
