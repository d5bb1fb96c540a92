// The primitives layer: addresses, token amounts, exit codes, hashes, bytes and the error base class.
// Imports nothing of ours (DESIGN.md layer table).

export * from './errors.ts';
export * from './exit-code.ts';
export * from './token-amount.ts';
export * from './bytes.ts';
export * from './hash.ts';
export * from './logs-bloom.ts';
export * from './address/address.ts';
export * from './address/address-error.ts';
export * from './address/address-text.ts';
export * from './address/eth-address.ts';
export { encodeUvarint, decodeUvarint } from './address/leb128.ts';
export * from './method-number.ts';
export * from './message.ts';
export * from './secp256k1.ts';
export { loadEthers } from './load-ethers.ts';
