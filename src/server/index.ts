// The server layer: the fastify app that carries JSON-RPC over HTTP and WebSocket. What the methods
// do is rpc/'s and the layers below; this layer owns transports, CORS, limits and compression.

export { createServer, DEFAULT_BODY_LIMIT, DEFAULT_HOST, DEFAULT_PORT, type RunningServer, type ServerOptions } from './create-server.ts';
export { createApp, RPC_PATHS, type AppOptions } from './create-app.ts';
export { isLoopbackOrigin, originPolicy, type OriginPolicy } from './origin-policy.ts';
export { needsTokens } from './create-server.ts';
export { createToken, verifyToken, InvalidTokenError } from './auth-token.ts';
export { isLoopbackHost, requestPermissions, type Access } from './access.ts';
