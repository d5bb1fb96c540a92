// The eth layer: pure Ethereum-side translation (DESIGN.md). Chain messages to Ethereum transactions
// and back to their hashes, the JSON-RPC shapes of blocks, transactions, receipts and logs, blooms,
// quantities, revert reasons. No chain access, no I/O: every function takes plain values.

export * from './quantity.ts';
export * from './types.ts';
export * from './eth-translation-error.ts';
export * from './filecoin-methods.ts';
export * from './eth-transaction.ts';
export * from './native-message-transaction.ts';
export * from './log-json.ts';
export * from './transaction-json.ts';
export * from './effective-gas-price.ts';
export * from './receipt-json.ts';
export * from './block-json.ts';
export * from './revert.ts';
export * from './trace-json.ts';
