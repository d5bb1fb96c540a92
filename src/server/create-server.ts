// Starts the gateway: builds the app (create-app.ts) and listens, by default on 127.0.0.1:1234 as
// Lotus does. Port 0 takes a free port, for tests. `close()` ends WebSocket connections as well.

import type { Dispatcher } from '../rpc/index.ts';
import { InvalidInputError } from '../primitives/index.ts';
import { createApp } from './create-app.ts';
import { isLoopbackHost } from './access.ts';

export interface ServerOptions {
  dispatcher: Dispatcher;
  /** Interface to listen on (127.0.0.1). */
  host?: string;
  /** Port (1234); 0 takes a free one. */
  port?: number;
  /** Largest request body in bytes (1 MiB). */
  bodyLimit?: number;
  /** Where log lines go (stderr). */
  log?: (line: string) => void;
  /** One log line per request. */
  verbose?: boolean;
  /**
   * Let the process exit while the server listens (Node's `unref`, on the server and each connection):
   * for a devnet inside a program that ends by itself, such as a Hardhat test run.
   */
  unref?: boolean;
  /** The secret API tokens are signed with (needed when tokens are: off loopback, or with requireToken). */
  tokenSecret?: Uint8Array;
  /** Ask for a token beyond 'read' on loopback too (`--require-token`). */
  requireToken?: boolean;
  /**
   * Treat the listener as reachable from other machines whatever its address, for tests in a sandbox
   * that has no address but loopback to bind to.
   */
  treatAsRemote?: boolean;
}

export interface RunningServer {
  /** `http://host:port`, without a path: JSON-RPC is served at `/rpc/v1`, `/rpc/v0` and `/`. */
  url: string;
  /** The same address as `ws://host:port`. */
  wsUrl: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 1234;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Whether a server with these options asks callers for tokens beyond 'read'. */
export function needsTokens(options: Pick<ServerOptions, 'host' | 'requireToken' | 'treatAsRemote'>): boolean {
  return options.requireToken === true || options.treatAsRemote === true || !isLoopbackHost(options.host ?? DEFAULT_HOST);
}

export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  let access: { secret: Uint8Array } | undefined;
  if (needsTokens(options)) {
    if (!options.tokenSecret) throw new InvalidInputError(`listening on ${host} needs a token secret: callers other than this machine's must show a token to write or sign`);
    access = { secret: options.tokenSecret };
  }
  const app = await createApp({
    access,
    dispatcher: options.dispatcher,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    log: options.log ?? ((line) => console.error(line)),
    verbose: options.verbose ?? false,
  });
  await app.listen({ host, port: options.port ?? DEFAULT_PORT });
  if (options.unref) {
    app.server.unref();
    app.server.on('connection', (socket) => socket.unref());
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}`,
    wsUrl: `ws://${hostInUrl}:${port}`,
    port,
    close: () => app.close(),
  };
}
