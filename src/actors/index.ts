// The actors layer: builtin actors registered by code CID. The VM sees them only through ActorRegistry.

export * from './builtin-codes.ts';
export * from './registry.ts';
export { accountActor, ACCOUNT_METHOD_PUBKEY_ADDRESS } from './account/account-actor.ts';
export { initActor, INIT_METHOD_EXEC, INIT_METHOD_EXEC4 } from './init/init-actor.ts';
export * from './eam/index.ts';
export { loadEvm } from './evm/interpreter.ts';
