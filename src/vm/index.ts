// The vm layer: message execution, gas, the call manager and the Runtime interface actors see.

export * from './runtime.ts';
export * from './errors.ts';
export * from './ipld-block.ts';
export * from './params.ts';
export * from './send-result.ts';
export * from './events.ts';
export type { EvmWorld, TransactionJournal } from './evm-world.ts';
export type { FrameRevert, RevertOrigin } from './revert-origin.ts';
export * from './receipt.ts';
export * from './execution-context.ts';
export * from './executor.ts';
export { SYSTEM_ACTOR_ID, METHOD_SEND, METHOD_CONSTRUCTOR, type InvocationResult } from './call-manager.ts';
export { GasTracker, OutOfGasError } from './gas/gas-tracker.ts';
export { computeGasOutputs, type GasOutputs } from './gas/gas-outputs.ts';
export * as prices from './gas/price-list.ts';
export * from './signatures/index.ts';
export * from './tracing/index.ts';
