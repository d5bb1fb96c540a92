// The one JSON-RPC client the peer benchmark uses against every node: plain HTTP POST over a keep-alive
// `http.Agent`, no ethers provider, no caching, no batching. What it does not own: signing (see
// signer.ts) and what the calls mean (the workloads).

import { Agent, request } from 'node:http';

export class RpcError extends Error {
  readonly code: number;
  constructor(method: string, code: number, message: string) {
    super(`${method}: ${message} (${code})`);
    this.code = code;
  }
}

export interface RpcClient {
  url: string;
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  close(): void;
}

/** A client for `url` with up to `sockets` keep-alive connections. */
export function createRpcClient(url: string, sockets = 32): RpcClient {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  let nextId = 1;
  const post = (body: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    url,
    async call<T>(method: string, params: unknown[] = []): Promise<T> {
      const text = await post(JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }));
      const answer = JSON.parse(text) as { result?: T; error?: { code: number; message: string } };
      if (answer.error) throw new RpcError(method, answer.error.code, answer.error.message);
      return answer.result as T;
    },
    close: () => agent.destroy(),
  };
}

export interface Receipt {
  status: string;
  blockNumber: string;
  contractAddress: string | null;
  gasUsed: string;
}

/** Polls eth_getTransactionReceipt every `intervalMs` until it exists (or `timeoutMs` passes). */
export async function waitForReceipt(client: RpcClient, hash: string, intervalMs = 1, timeoutMs = 60_000): Promise<Receipt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await client.call<Receipt | null>('eth_getTransactionReceipt', [hash]);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash} after ${timeoutMs} ms`);
    if (intervalMs > 0) await new Promise((r) => setTimeout(r, intervalMs));
  }
}
