// A toy method set and a server around it for the server tests: echo, add (two quantities), methods
// that fail in each way toJsonRpcError knows, one that answers over WebSocket notifications, and a
// helper that starts a server on a free port and posts JSON-RPC to it.

import { FatalError, InvalidInputError } from '../../../src/primitives/index.ts';
import { Dispatcher, ExecutionRevertedError, RawJson, address, any, method, quantity, string, type RpcMethod } from '../../../src/rpc/index.ts';
import { createServer, type RunningServer, type ServerOptions } from '../../../src/server/index.ts';

/** A refusal the way the mempool words one. */
export class ToyRefusedError extends InvalidInputError {
  override readonly name = 'ToyRefusedError';
}

/** Lines logged by the server and dispatcher of the last `startToyServer`. */
export const logged: string[] = [];

export function toyMethods(): RpcMethod[] {
  return [
    method('echo', [{ name: 'value', parse: any, optional: true }], ([value]) => value),
    method('add', [{ name: 'a', parse: quantity }, { name: 'b', parse: quantity }], ([a, b]) => `0x${(a + b).toString(16)}`),
    method('balance', [{ name: 'address', parse: address }], () => '0x0'),
    // An answer kept as JSON text, as eth_getLogs keeps its logs.
    method('raw', [], () => RawJson.array(['{"a":"0x1","b":[]}', 'null'])),
    method('refuse', [], () => {
      throw new ToyRefusedError('nonce too low: next nonce 5, tx nonce 3');
    }),
    method('crash', [], () => {
      throw new FatalError('state root missing', { details: 'bafy-secret-detail' });
    }),
    method('revert', [], () => {
      throw new ExecutionRevertedError('execution reverted: nope', new Uint8Array([0x08, 0xc3, 0x79, 0xa0]));
    }),
    method('slow', [{ name: 'ms', parse: quantity }], async ([ms]) => {
      await new Promise((resolve) => setTimeout(resolve, Number(ms)));
      return 'done';
    }),
    // Answers with a subscription id, then sends two notifications and records the close.
    method('subscribe', [{ name: 'topic', parse: string }], ([topic], ctx) => {
      if (ctx.notify === undefined || ctx.onClose === undefined) throw new ToyRefusedError('notifications need a WebSocket');
      const notify = ctx.notify;
      setTimeout(() => {
        notify('toy_subscription', { subscription: '0x1', result: `${topic} 1` });
        notify('toy_subscription', { subscription: '0x1', result: `${topic} 2` });
      }, 5);
      ctx.onClose(() => logged.push('subscription closed'));
      return '0x1';
    }),
  ];
}

export async function startToyServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  logged.length = 0;
  const log = (line: string): void => {
    logged.push(line);
  };
  const dispatcher = new Dispatcher(toyMethods(), { maxBatch: 5, log });
  return createServer({ dispatcher, port: 0, log, ...options });
}

/** POSTs `body` (an object is sent as JSON) and returns the status, headers and parsed JSON answer. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

export function call(methodName: string, params?: unknown[], id: number | string | null = 1): Record<string, unknown> {
  return params === undefined ? { jsonrpc: '2.0', id, method: methodName } : { jsonrpc: '2.0', id, method: methodName, params };
}
