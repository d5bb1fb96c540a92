// Message signatures: public API.
export * from './signature-error.ts';
export * from './secp256k1.ts';
export * from './eth-transaction.ts';
export * from './delegated.ts';
export * from './verify-signature.ts';
