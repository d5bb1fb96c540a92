// The gateway layer's public face: the Ethereum methods over a node, and an in-process provider.

export { ChainView } from './chain-view.ts';
export { createdContract } from './transactions.ts';
export { ethMethods, CLIENT_VERSION } from './eth-methods.ts';
export { createProvider, ProviderRpcError, type Eip1193Provider } from './provider.ts';
export { dumpState, loadState } from './state-files.ts';
export { METHOD_PERMISSIONS } from './method-permissions.ts';
export { DEFAULT_LIMITS, gatewayLimits, type GatewayLimits } from './limits.ts';
