// Offline signing for the peer benchmark: ethers' Transaction and SigningKey, synchronously, so every
// transaction is signed before the clock starts. No provider: nonces, gas and fees come from the caller.

import { Transaction, Wallet, keccak256, toUtf8Bytes } from 'ethers';

export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface TxFields {
  to: string | null;
  data?: string;
  value?: bigint;
  gasLimit: bigint;
  nonce: number;
}

export interface Sender {
  wallet: Wallet;
  address: string;
  nonce: number;
}

/** Signs one EIP-1559 transaction and answers its raw bytes (0x…) and hash. */
export function signTx(wallet: Wallet, chainId: bigint, fees: Fees, fields: TxFields): { raw: string; hash: string } {
  const tx = Transaction.from({ type: 2, chainId, ...fees, to: fields.to, data: fields.data ?? '0x', value: fields.value ?? 0n, gasLimit: fields.gasLimit, nonce: fields.nonce });
  tx.signature = wallet.signingKey.sign(tx.unsignedHash);
  return { raw: tx.serialized, hash: tx.hash! };
}

/** Signs the sender's next transaction and advances its nonce. */
export function signNext(sender: Sender, chainId: bigint, fees: Fees, fields: Omit<TxFields, 'nonce'>): { raw: string; hash: string } {
  return signTx(sender.wallet, chainId, fees, { ...fields, nonce: sender.nonce++ });
}

/** The `i`-th extra sender of the benchmark: a fixed key, the same on every node. */
export function benchWallet(i: number): Wallet {
  return new Wallet(keccak256(toUtf8Bytes(`fevm-devnet peer bench sender ${i}`)));
}
