// A state test's transaction signed again for this devnet (chain id 31415926) with the test's own key,
// using ethers 6 as a client would: same type, nonce, recipient, value, data and fees, but a gas limit
// in Filecoin gas, since FEVM reads the gas limit as Filecoin gas (FEVM-FACTS §6.4, §4.7). Type 0 is
// signed as EIP-155, type 1 keeps its access list, type 2 is EIP-1559 and type 3 keeps its blob hashes,
// so that the node, not this file, decides what it accepts.

import { Transaction, Wallet, getBytes, type TransactionLike } from 'ethers';
import type { StateTestTx } from './state-test-case.ts';

/** Filecoin gas per Ethereum gas in the EVM actor's schedule (src/actors/evm/gas-schedule.ts). */
const FILECOIN_GAS_PER_ETH_GAS = 256n;
/** Room for what Filecoin charges outside the interpreter: inclusion, actor loads, state writes. */
const FILECOIN_OVERHEAD = 100_000_000n;
const MIN_GAS_LIMIT = 1_000_000_000n;
/** The block gas limit: no message may ask for more. */
const MAX_GAS_LIMIT = 10_000_000_000n;

export interface ResignedTransaction {
  raw: Uint8Array;
  type: number;
  /** Filecoin gas limit of the signed transaction. */
  gasLimit: bigint;
  /** What the fee cap × gas limit check of the executor reads: gasPrice or maxFeePerGas. */
  feeCap: bigint;
  /** The signer, as the key derives it (should equal `tx.sender`). */
  from: string;
}

/** The Filecoin gas limit for an Ethereum gas limit: ×256 plus overhead, within [1 billion, 10 billion]. */
export function filecoinGasLimit(ethGasLimit: bigint): bigint {
  const scaled = ethGasLimit * FILECOIN_GAS_PER_ETH_GAS + FILECOIN_OVERHEAD;
  return scaled < MIN_GAS_LIMIT ? MIN_GAS_LIMIT : scaled > MAX_GAS_LIMIT ? MAX_GAS_LIMIT : scaled;
}

/** The EIP-2718 type of the test's transaction: the first byte of `txbytes` (legacy when ≥ 0xc0). */
export function stateTestTxType(txbytes: string): number {
  const first = Number.parseInt(txbytes.slice(2, 4), 16);
  if (Number.isNaN(first)) throw new Error(`state test txbytes ${txbytes.slice(0, 10)}… do not start with a type byte`);
  return first >= 0xc0 ? 0 : first;
}

/**
 * The gas limit for a rerun with Ethereum's gas numbers in the interpreter: the test's own limit (even
 * beyond the 10 billion block limit) plus room for the FVM's charges outside the interpreter.
 */
export function ethereumModelGasLimit(ethGasLimit: bigint): bigint {
  const limit = ethGasLimit + FILECOIN_OVERHEAD;
  return limit < MIN_GAS_LIMIT ? MIN_GAS_LIMIT : limit > MAX_MESSAGE_GAS ? MAX_MESSAGE_GAS : limit;
}

/** A message's gas limit is a JavaScript number: the rerun caps absurd Ethereum limits (2^63) here. */
const MAX_MESSAGE_GAS = 1n << 52n;

export function resignTransaction(tx: StateTestTx, txbytes: string, chainId: number, gasLimitFor: (ethGasLimit: bigint) => bigint = filecoinGasLimit): ResignedTransaction {
  const type = stateTestTxType(txbytes);
  const gasLimit = gasLimitFor(BigInt(tx.gasLimit));
  const fields: TransactionLike = {
    type,
    chainId: BigInt(chainId),
    nonce: Number(BigInt(tx.nonce)),
    to: tx.to === '' ? null : tx.to,
    value: BigInt(tx.value),
    data: tx.data,
    gasLimit,
  };
  if (type >= 2) {
    fields.maxFeePerGas = BigInt(tx.maxFeePerGas!);
    fields.maxPriorityFeePerGas = BigInt(tx.maxPriorityFeePerGas!);
  } else {
    fields.gasPrice = BigInt(tx.gasPrice!);
  }
  if (type >= 1) fields.accessList = tx.accessList ?? [];
  if (type === 3) {
    fields.blobVersionedHashes = tx.blobVersionedHashes!;
    fields.maxFeePerBlobGas = BigInt(tx.maxFeePerBlobGas!);
  }
  const unsigned = Transaction.from(fields);
  const wallet = new Wallet(tx.secretKey);
  unsigned.signature = wallet.signingKey.sign(unsigned.unsignedHash);
  return { raw: getBytes(unsigned.serialized), type, gasLimit, feeCap: BigInt(tx.maxFeePerGas ?? tx.gasPrice!), from: wallet.address.toLowerCase() };
}
