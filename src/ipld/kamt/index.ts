// KAMT: public API.
export { Kamt, EVM_KAMT_CONFIG, type KamtOptions } from './kamt.ts';
export { ContractStorage, u256ToBytes32 } from './contract-storage.ts';
