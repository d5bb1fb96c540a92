// A thin JSON-RPC 2.0 client over HTTP (plain fetch) that records every call it makes: method, params,
// and the result or the error object. The schema check reads the record; the session drives the calls.
// It does not retry, batch or interpret results.

export interface RecordedCall {
  method: string;
  params: unknown[];
  /** Present when the node answered a result (null included). */
  result?: unknown;
  /** Present when the node answered an error. */
  error?: { code: number; message: string; data?: unknown };
}

export class RpcCallError extends Error {
  override readonly name = 'RpcCallError';
  readonly code: number;
  readonly data: unknown;

  constructor(method: string, error: { code: number; message: string; data?: unknown }) {
    super(`${method}: ${error.message} (code ${error.code})`);
    this.code = error.code;
    this.data = error.data;
  }
}

export interface RpcRecorder {
  readonly calls: readonly RecordedCall[];
  /** The result; throws RpcCallError when the node answers an error. */
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>;
}

export function createRpcRecorder(url: string): RpcRecorder {
  const calls: RecordedCall[] = [];
  let id = 0;
  return {
    calls,
    async call<T>(method: string, params: unknown[] = []): Promise<T> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
      });
      if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { result?: unknown; error?: RecordedCall['error'] };
      if (body.error) {
        calls.push({ method, params, error: body.error });
        throw new RpcCallError(method, body.error);
      }
      if (!('result' in body)) throw new Error(`${method}: a response with neither result nor error: ${JSON.stringify(body)}`);
      calls.push({ method, params, result: body.result });
      return body.result as T;
    },
  };
}
