// The rpc layer: JSON-RPC 2.0 dispatch, methods declared as data, parameter parsers, and the one
// mapping from our errors to JSON-RPC errors. The Ethereum methods themselves live beside this in
// sub-API files; transports (HTTP, WebSocket) live in server/.

export * from './rpc-error.ts';
export * from './params.ts';
export * from './method.ts';
export * from './dispatch.ts';
export * from './raw-json.ts';
export * from './permission.ts';
