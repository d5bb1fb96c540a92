// The plain data the eth layer passes around: the Ethereum transaction a chain message stands for
// (FEVM-FACTS §6.4, §7.3) and where a transaction sits in the chain. Renderings to JSON live in the
// *-json.ts files; building these values from messages lives in eth-transaction.ts.

import type { EthAddress } from '../primitives/index.ts';

export interface EthTransaction {
  /** 2 for EIP-1559 and for every native message; 0 for legacy (Homestead or EIP-155). */
  type: 0 | 2;
  /** The network's chain id; 0 for a Homestead transaction, which signs none. */
  chainId: number;
  nonce: bigint;
  /** null for a contract creation (EAM CreateExternal). */
  to: EthAddress | null;
  value: bigint;
  input: Uint8Array;
  /** The gas limit, in Filecoin gas. */
  gas: number;
  /** Legacy transactions only. */
  gasPrice?: bigint;
  /** Type 2 only. */
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  /** 0/1 for type 2; 27/28 (Homestead) or chainId × 2 + 35/36 (EIP-155) for legacy; 0 for native messages. */
  v: bigint;
  r: bigint;
  s: bigint;
  /** keccak256 of the signed serialization, or the message CID digest for native messages (§6.5). */
  hash: Uint8Array;
  from: EthAddress;
}

/** Where a mined transaction is: its inclusion tipset and its position in execution order. */
export interface EthTxLocation {
  blockHash: Uint8Array;
  blockNumber: bigint | number;
  /** The inclusion tipset's timestamp, in seconds. */
  blockTimestamp: bigint | number;
  transactionIndex: number;
}
