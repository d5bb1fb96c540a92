// Builds the fastify app (it does not listen: create-server.ts does). JSON-RPC over HTTP POST and
// over WebSocket on the same three paths (`/rpc/v1` as Lotus, `/rpc/v0`, `/`), whatever the
// content-type; CORS for loopback pages and a 403 for other web pages (origin-policy.ts); gzip/deflate
// when asked; `GET /health`.
// Transport failures (malformed JSON, a body over the limit, an unknown path) are answered in JSON-RPC's
// shape so clients show a readable message. Method semantics are the dispatcher's, not this file's.

import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifyWebsocket from '@fastify/websocket';
import { RPC_ERROR, type Dispatcher, type Permission } from '../rpc/index.ts';
import { isLoopbackOrigin, originPolicy } from './origin-policy.ts';
import { lazySchemaCompilers } from './lazy-schema-compilers.ts';
import { errorPayload, exchange } from './rpc-exchange.ts';
import { serveWebSocket, type WsSocket } from './ws-rpc.ts';
import { requestPermissions, type Access } from './access.ts';

export const RPC_PATHS = ['/rpc/v1', '/rpc/v0', '/'] as const;

export interface AppOptions {
  dispatcher: Dispatcher;
  /** Largest request body (and WebSocket message), in bytes. */
  bodyLimit: number;
  log: (line: string) => void;
  /** One log line per request: method names and duration. */
  verbose: boolean;
  /** Tokens needed beyond 'read' (access.ts); absent: every caller may call every method. */
  access?: Access;
}

/** How long `close()` lets WebSocket clients answer the close frame before dropping them. */
const WS_CLOSE_GRACE_MS = 1000;

export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  const { dispatcher, bodyLimit, log, verbose, access } = options;
  const app = Fastify({ logger: false, bodyLimit, schemaController: { compilersFactory: lazySchemaCompilers() } });

  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, isLoopbackOrigin(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    maxAge: 600,
  });
  await app.register(fastifyCompress, { global: true, encodings: ['gzip', 'deflate'] });
  await app.register(fastifyWebsocket, { options: { maxPayload: bodyLimit }, preClose: closeWebSockets });
  // After the websocket plugin's own onRequest hook, so that a refused upgrade's socket is destroyed.
  app.addHook('onRequest', async (request, reply) => {
    if (originPolicy(request.headers.origin) !== 'refused') return;
    return sendJsonRpcError(reply, 403, RPC_ERROR.INVALID_REQUEST, `origin ${request.headers.origin} is not allowed`);
  });
  // A token that is not ours gets 401 on every path, the WebSocket upgrade included.
  app.addHook('onRequest', async (request, reply) => {
    const permissions = requestPermissions(access, request.headers.authorization);
    if (!(permissions instanceof Error)) return;
    return sendJsonRpcError(reply, 401, RPC_ERROR.INVALID_REQUEST, `invalid token: ${permissions.message}; make one with \`fevm-devnet token create --perm read|write|sign|admin\``);
  });
  const permissionsOf = (request: FastifyRequest): ReadonlySet<Permission> | undefined => {
    const permissions = requestPermissions(access, request.headers.authorization);
    return permissions instanceof Error ? new Set() : permissions; // refused by the hook already
  };

  // Clients send application/json, text/plain or nothing at all: every body is read as text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));

  const postRpc = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const started = performance.now();
    const text = typeof request.body === 'string' ? request.body : '';
    const { payload, calls } = await exchange(dispatcher, text, { transport: 'http', permissions: permissionsOf(request) }, log);
    if (verbose) log(`POST ${request.url} ${calls} ${(performance.now() - started).toFixed(1)}ms`);
    if (payload === undefined) return reply.code(204).send();
    return reply.code(200).type('application/json; charset=utf-8').send(payload);
  };
  const getRpc = async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
    sendJsonRpcError(reply.header('allow', 'POST'), 405, RPC_ERROR.INVALID_REQUEST, 'send JSON-RPC requests with POST, or upgrade to a WebSocket');

  for (const url of RPC_PATHS) {
    app.post(url, postRpc);
    app.route({
      method: 'GET',
      url,
      handler: getRpc,
      wsHandler: (socket: WsSocket, request: FastifyRequest) => serveWebSocket(socket, url, { dispatcher, log, verbose, permissions: permissionsOf(request) }),
    });
  }
  app.get('/health', async () => ({ status: 'ok' }));

  app.setNotFoundHandler((request, reply) =>
    sendJsonRpcError(reply, 404, RPC_ERROR.INVALID_REQUEST, `nothing is served at ${request.method} ${request.url}; JSON-RPC is at ${RPC_PATHS.join(', ')}`),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const length = request.headers['content-length'];
      const size = length === undefined ? `more than ${bodyLimit}` : length;
      if (verbose) log(`${request.method} ${request.url} (body of ${size} bytes over the limit)`);
      return sendJsonRpcError(reply, 413, RPC_ERROR.INVALID_REQUEST, `request body of ${size} bytes is over the limit of ${bodyLimit}`);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendJsonRpcError(reply, status, RPC_ERROR.INVALID_REQUEST, error.message);
    log(`internal error serving ${request.method} ${request.url}: ${error.stack ?? error.message}`);
    return sendJsonRpcError(reply, 500, RPC_ERROR.INTERNAL, 'internal error');
  });
  return app;
}

function sendJsonRpcError(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(errorPayload(code, message));
}

/** Replaces @fastify/websocket's preClose: close frames to every client, then drop the ones that do not answer. */
async function closeWebSockets(this: FastifyInstance): Promise<void> {
  const server = this.websocketServer as { clients: Set<WsClient>; close(callback: () => void): void };
  const clients = [...server.clients];
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.readyState === CLOSED) return resolve();
          const timer = setTimeout(() => {
            client.terminate();
            resolve();
          }, WS_CLOSE_GRACE_MS);
          client.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          client.close(1001, 'server shutting down');
        }),
    ),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const CLOSED = 3;

/** What closing needs of a `ws` server-side client. */
interface WsClient {
  readonly readyState: number;
  close(code: number, reason: string): void;
  terminate(): void;
  once(event: 'close', listener: () => void): void;
}
