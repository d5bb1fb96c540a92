// A transaction as eth_getTransactionBy* and full blocks show it (FEVM-FACTS §7.3; LOTUS:eth_types.go
// `EthTx`). As Lotus: type 2 has no gasPrice, legacy has no fee-market fields, a Homestead transaction
// shows chainId 0x0, a pending one null block fields. Unlike Lotus, type 2 shows `accessList: []`
// instead of null (geth's form; Lotus already does so for native messages) and legacy omits it; and,
// as the execution-apis schema requires (and geth answers), type 2 shows `yParity` beside `v` and every
// mined transaction its block's `blockTimestamp`.

import { toAddress, toData, toHash, toQuantity } from './quantity.ts';
import type { EthTransaction, EthTxLocation } from './types.ts';

export interface EthTransactionJson {
  chainId: string;
  nonce: string;
  hash: string;
  blockHash: string | null;
  blockNumber: string | null;
  blockTimestamp: string | null;
  transactionIndex: string | null;
  from: string;
  to: string | null;
  value: string;
  type: string;
  input: string;
  gas: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  gasPrice?: string;
  accessList?: [];
  v: string;
  r: string;
  s: string;
  /** Type 2 only: the signature's y parity, the same number as `v`. */
  yParity?: string;
}

/** `location` is null while the transaction is pending. */
export function ethTransactionJson(tx: EthTransaction, location: EthTxLocation | null): EthTransactionJson {
  const fees =
    tx.type === 2
      ? { maxFeePerGas: toQuantity(tx.maxFeePerGas ?? 0n), maxPriorityFeePerGas: toQuantity(tx.maxPriorityFeePerGas ?? 0n), accessList: [] as [] }
      : { gasPrice: toQuantity(tx.gasPrice ?? 0n) };
  return {
    chainId: toQuantity(tx.chainId),
    nonce: toQuantity(tx.nonce),
    hash: toHash(tx.hash),
    blockHash: location ? toHash(location.blockHash) : null,
    blockNumber: location ? toQuantity(location.blockNumber) : null,
    blockTimestamp: location ? toQuantity(location.blockTimestamp) : null,
    transactionIndex: location ? toQuantity(location.transactionIndex) : null,
    from: toAddress(tx.from),
    to: tx.to ? toAddress(tx.to) : null,
    value: toQuantity(tx.value),
    type: toQuantity(tx.type),
    input: toData(tx.input),
    gas: toQuantity(tx.gas),
    ...fees,
    v: toQuantity(tx.v),
    r: toQuantity(tx.r),
    s: toQuantity(tx.s),
    ...(tx.type === 2 ? { yParity: toQuantity(tx.v) } : {}),
  };
}
