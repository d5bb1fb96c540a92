// JSON-RPC over one WebSocket connection: each text message is a request or a batch, answered on the
// same socket; calls from one connection run concurrently (a slow eth_call does not hold up the rest).
// The context given to handlers can push notifications (eth_subscribe) and hears about the close.
// A malformed message gets a parse error and the connection stays open.

import type { Dispatcher, Permission, RpcContext } from '../rpc/index.ts';
import { exchange } from './rpc-exchange.ts';

/** The part of a `ws` WebSocket this file uses (the package ships no types). */
export interface WsSocket {
  readonly readyState: number;
  send(data: string): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): void;
  on(event: 'close', listener: () => void): void;
}

const OPEN = 1;

export interface WsRpcOptions {
  dispatcher: Dispatcher;
  log: (line: string) => void;
  verbose: boolean;
  /** What this connection may call, from its upgrade request's token (access.ts); absent: everything. */
  permissions?: ReadonlySet<Permission>;
}

/** Serves JSON-RPC on an accepted WebSocket; `path` is for the log. */
export function serveWebSocket(socket: WsSocket, path: string, options: WsRpcOptions): void {
  const closeListeners: (() => void)[] = [];
  let closed = false;

  const send = (text: string): void => {
    if (socket.readyState === OPEN) socket.send(text);
  };
  const runListener = (fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      options.log(`internal error in a WebSocket close listener: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };

  const ctx: RpcContext = {
    transport: 'ws',
    ...(options.permissions ? { permissions: options.permissions } : {}),
    notify: (method, params) => send(JSON.stringify({ jsonrpc: '2.0', method, params })),
    onClose: (fn) => {
      if (closed) runListener(fn);
      else closeListeners.push(fn);
    },
  };

  socket.on('message', (data) => {
    const started = performance.now();
    exchange(options.dispatcher, messageText(data), ctx, options.log).then(
      ({ payload, calls }) => {
        if (payload !== undefined) send(payload.toString()); // text frames: a WebSocket answer is never bytes
        if (options.verbose) options.log(`ws ${path} ${calls} ${(performance.now() - started).toFixed(1)}ms`);
      },
      (error: unknown) => options.log(`internal error on a WebSocket message: ${String(error)}`),
    );
  });
  socket.on('close', () => {
    closed = true;
    for (const fn of closeListeners.splice(0)) runListener(fn);
  });
}

function messageText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}
