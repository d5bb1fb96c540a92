// Shared by the eth tests: real transactions signed by an ethers wallet and turned into what the chain
// stores, and ethers' own JsonRpcProvider answering from a table, so its formatters read our JSON
// exactly as they would read a node's.

import assert from 'node:assert/strict';
import { JsonRpcProvider, Transaction, Wallet, type JsonRpcPayload, type JsonRpcResult } from 'ethers';
import { ethTransactionFromMessage, type EthLogInput, type EthTransaction, type EthTxLocation } from '../../../src/eth/index.ts';
import { hexToBytes } from '../../../src/primitives/index.ts';
import { ethTransactionToSignedMessage } from '../../../src/vm/index.ts';

export const CHAIN = 31415926;
export const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
export const TO = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
export const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);
export const hex = (n: number, byte: string): string => `0x${byte.repeat(n)}`;
export const at: EthTxLocation = { blockHash: fill(32, 0xbb), blockNumber: 42, blockTimestamp: 1_700_000_000, transactionIndex: 3 };

/** A transaction signed by `wallet`, through the vm's message and back. */
export async function signedTx(fields: Record<string, unknown>): Promise<EthTransaction> {
  const raw = hexToBytes(await wallet.signTransaction({ chainId: CHAIN, nonce: 5, gasLimit: 3_000_000, ...fields }));
  return ethTransactionFromMessage(ethTransactionToSignedMessage(raw, CHAIN).signed, CHAIN, () => null);
}

/** A legacy transaction without chain id (ethers signs those only by hand). */
export function homesteadTx(): EthTransaction {
  const unsigned = Transaction.from({ type: 0, to: TO, nonce: 1, gasLimit: 1_000_000, gasPrice: 700n, value: 3n, chainId: 0 });
  unsigned.signature = wallet.signingKey.sign(unsigned.unsignedHash);
  return ethTransactionFromMessage(ethTransactionToSignedMessage(hexToBytes(unsigned.serialized), CHAIN).signed, CHAIN, () => null);
}

export function logAt(logIndex: number, topics: Uint8Array[]): EthLogInput {
  return { address: fill(20, 0x11), topics, data: Uint8Array.of(1, 2), blockHash: at.blockHash, blockNumber: at.blockNumber, transactionHash: fill(32, 0xcc), transactionIndex: at.transactionIndex, logIndex, removed: false };
}

/** ethers' JsonRpcProvider whose node is a table of `method:params` → result. */
export class CannedProvider extends JsonRpcProvider {
  readonly answers = new Map<string, unknown>();
  constructor() {
    super('http://127.0.0.1:1/unused', CHAIN, { staticNetwork: true, batchMaxCount: 1 });
  }
  answer(method: string, params: unknown[], result: unknown): void {
    this.answers.set(`${method}:${JSON.stringify(params)}`, result);
  }
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    return (Array.isArray(payload) ? payload : [payload]).map((p) => {
      const key = `${p.method}:${JSON.stringify(p.params)}`;
      assert.ok(this.answers.has(key), `unexpected call ${key}`);
      return { id: p.id, result: this.answers.get(key) };
    });
  }
}
