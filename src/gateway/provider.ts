// An in-process EIP-1193 provider over the dispatcher, for tests that do not want HTTP:
// `request({ method, params })` answers the result or throws `{ code, message, data }` as a wallet does.

import { resultValue, type Dispatcher } from '../rpc/index.ts';

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

export class ProviderRpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'ProviderRpcError';
    this.code = code;
    this.data = data;
  }
}

export function createProvider(dispatcher: Dispatcher): Eip1193Provider {
  let id = 0;
  return {
    async request({ method, params }) {
      const response = (await dispatcher.handle({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }, { transport: 'http' })) as {
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
      };
      if (response.error) throw new ProviderRpcError(response.error.code, response.error.message, response.error.data);
      return resultValue(response.result);
    },
  };
}
