// The `fevm-devnet/hardhat` plugin's one hook, called as Hardhat calls it: web3_clientVersion from a
// fevm-devnet that serves the development methods becomes `hardhat-compatible (…)`; other methods,
// other nodes and a devnet with `--no-dev-methods` pass through.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HookContext } from 'hardhat/types/hooks';
import type { NetworkConnection } from 'hardhat/types/network';
import type { JsonRpcRequest, JsonRpcResponse } from 'hardhat/types/providers';
import fevmDevnetPlugin, { isFevmDevnetClientVersion } from 'fevm-devnet/hardhat';
import { CLIENT_VERSION } from '../../../src/gateway/eth-methods.ts';

/** A node that answers web3_clientVersion with `version` and serves hardhat_metadata if `devMethods`. */
async function onRequest(method: string, version: string, devMethods = true): Promise<JsonRpcResponse> {
  const handlers = await (await fevmDevnetPlugin.hookHandlers!.network!()).default();
  const request: JsonRpcRequest = { jsonrpc: '2.0', id: 1, method };
  const next = async (_c: HookContext, _n: NetworkConnection, r: JsonRpcRequest): Promise<JsonRpcResponse> => {
    if (r.method === 'hardhat_metadata' && !devMethods) return { jsonrpc: '2.0', id: r.id, error: { code: -32601, message: 'the method hardhat_metadata does not exist/is not available' } };
    return { jsonrpc: '2.0', id: r.id, result: r.method === 'hardhat_metadata' ? {} : version };
  };
  return handlers.onRequest!({} as HookContext, {} as NetworkConnection, request, next);
}

test('the plugin recognises what the node answers', () => {
  assert.ok(isFevmDevnetClientVersion(CLIENT_VERSION));
});

test('web3_clientVersion from fevm-devnet starts with hardhat and keeps the real name', async () => {
  assert.deepEqual(await onRequest('web3_clientVersion', CLIENT_VERSION), { jsonrpc: '2.0', id: 1, result: `hardhat-compatible (${CLIENT_VERSION})` });
});

test('other nodes, other methods and a devnet without development methods pass through', async () => {
  assert.deepEqual(await onRequest('web3_clientVersion', 'Geth/v1.14.0'), { jsonrpc: '2.0', id: 1, result: 'Geth/v1.14.0' });
  assert.deepEqual(await onRequest('eth_chainId', CLIENT_VERSION), { jsonrpc: '2.0', id: 1, result: CLIENT_VERSION });
  assert.deepEqual(await onRequest('web3_clientVersion', CLIENT_VERSION, false), { jsonrpc: '2.0', id: 1, result: CLIENT_VERSION });
});
