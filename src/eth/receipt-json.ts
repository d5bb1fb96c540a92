// A receipt as eth_getTransactionReceipt shows it (FEVM-FACTS §7.4; LOTUS:eth_types.go `EthTxReceipt`,
// node/impl/eth/utils.go `newEthTxReceipt`): status from the exit code, Filecoin gas, root zero,
// contractAddress only for a successful deployment, logs always an array (ethers breaks on null) and
// the bloom of those logs. cumulativeGasUsed is 0 as on Lotus unless the caller knows better; ethers
// requires the field, so it is always there.

import { ethLogJson, type EthLogInput, type EthLogJson } from './log-json.ts';
import { ZERO_HASH, toAddress, toData, toHash, toQuantity } from './quantity.ts';
import type { EthTransaction, EthTxLocation } from './types.ts';
import { logsBloom } from '../primitives/index.ts';

export interface EthReceiptInput {
  tx: Pick<EthTransaction, 'hash' | 'type' | 'from' | 'to'>;
  location: EthTxLocation;
  exitCode: number;
  gasUsed: number | bigint;
  /** See effectiveGasPrice(). */
  effectiveGasPrice: bigint;
  /** The EAM's `eth_address` for a successful deployment; null otherwise. */
  contractAddress: Uint8Array | null;
  logs: readonly EthLogInput[];
  cumulativeGasUsed?: number | bigint;
}

export interface EthReceiptJson {
  transactionHash: string;
  transactionIndex: string;
  blockHash: string;
  blockNumber: string;
  from: string;
  to: string | null;
  root: string;
  status: string;
  contractAddress: string | null;
  cumulativeGasUsed: string;
  gasUsed: string;
  effectiveGasPrice: string;
  logsBloom: string;
  logs: EthLogJson[];
  type: string;
}

export function ethReceiptJson(input: EthReceiptInput): EthReceiptJson {
  const { tx, location } = input;
  return {
    transactionHash: toHash(tx.hash),
    transactionIndex: toQuantity(location.transactionIndex),
    blockHash: toHash(location.blockHash),
    blockNumber: toQuantity(location.blockNumber),
    from: toAddress(tx.from),
    to: tx.to ? toAddress(tx.to) : null,
    root: ZERO_HASH,
    status: input.exitCode === 0 ? '0x1' : '0x0',
    contractAddress: input.contractAddress && input.exitCode === 0 ? toAddress(input.contractAddress) : null,
    cumulativeGasUsed: toQuantity(input.cumulativeGasUsed ?? 0),
    gasUsed: toQuantity(input.gasUsed),
    effectiveGasPrice: toQuantity(input.effectiveGasPrice),
    logsBloom: toData(logsBloom(input.logs)),
    logs: input.logs.map(ethLogJson),
    type: toQuantity(tx.type),
  };
}
