// The network hook handlers of the `fevm-devnet/hardhat` plugin (index.js): web3_clientVersion from
// fevm-devnet gets the answer of client-version.js, if that devnet serves the development methods
// (it answers hardhat_metadata; `--no-dev-methods` turns them off, and then nothing is rewritten).
// Anything else passes through untouched.
import { developmentClientVersion, isFevmDevnetClientVersion } from './client-version.js';

/** @type {import('hardhat/types/plugins').HookHandlerCategoryFactory<'network'>} */
export default async () => {
  /** @type {WeakMap<object, Promise<boolean>>} whether each connection's devnet serves the development methods */
  const servesDevMethods = new WeakMap();
  return {
    async onRequest(context, networkConnection, jsonRpcRequest, next) {
      const response = await next(context, networkConnection, jsonRpcRequest);
      if (jsonRpcRequest.method !== 'web3_clientVersion' || !('result' in response)) return response;
      if (!isFevmDevnetClientVersion(response.result)) return response;
      let serves = servesDevMethods.get(networkConnection);
      if (serves === undefined) {
        const probe = { jsonrpc: '2.0', id: jsonRpcRequest.id, method: 'hardhat_metadata', params: [] };
        serves = next(context, networkConnection, probe).then((answer) => 'result' in answer, () => false);
        servesDevMethods.set(networkConnection, serves);
      }
      if (!(await serves)) return response;
      return { ...response, result: developmentClientVersion(response.result) };
    },
  };
};
