// A log as eth_getLogs, receipts and `logs` subscriptions show it (FEVM-FACTS §7.5; LOTUS:eth_types.go
// `EthLog`). logIndex counts events across the whole tipset; finding them is the chain's job.

import { toAddress, toData, toHash, toQuantity } from './quantity.ts';

export interface EthLogInput {
  /** The emitter's Ethereum address (f410 payload, or masked-ID). */
  address: Uint8Array;
  topics: readonly Uint8Array[];
  data: Uint8Array;
  blockHash: Uint8Array;
  blockNumber: bigint | number;
  transactionHash: Uint8Array;
  transactionIndex: number;
  logIndex: number;
  /** True when a reorg dropped the tipset. */
  removed: boolean;
}

export interface EthLogJson {
  address: string;
  data: string;
  topics: string[];
  removed: boolean;
  logIndex: string;
  transactionIndex: string;
  transactionHash: string;
  blockHash: string;
  blockNumber: string;
}

export function ethLogJson(log: EthLogInput): EthLogJson {
  return {
    address: toAddress(log.address),
    data: toData(log.data),
    topics: log.topics.map(toHash),
    removed: log.removed,
    logIndex: toQuantity(log.logIndex),
    transactionIndex: toQuantity(log.transactionIndex),
    transactionHash: toHash(log.transactionHash),
    blockHash: toHash(log.blockHash),
    blockNumber: toQuantity(log.blockNumber),
  };
}
