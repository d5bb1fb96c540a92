// Transactions, receipts and logs as the Ethereum view shows them (FEVM-FACTS §7.3-7.5): a message of
// the chain, or of the mempool, with its location (inclusion tipset and index) and, once executed, its
// receipt: status, Filecoin gas used, effective gas price, contract address from the EAM's answer, and
// logs counted across the tipset.

import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import type { TipsetLog } from '../chain/store/tipset-logs.ts';
import { ethReceiptJson, ethTransactionFromMessage, ethTransactionJson, effectiveGasPrice, type EthLogInput, type EthTransaction } from '../eth/index.ts';
import { decodeCbor, type CID } from '../ipld/index.ts';
import { EAM_ACTOR_ID, ExitCode, Protocol, type Message, type SignedMessage } from '../primitives/index.ts';
import { EAM_METHOD_CREATE_EXTERNAL } from '../actors/index.ts';
import { computeGasOutputs, type Receipt } from '../vm/index.ts';
import type { ChainView } from './chain-view.ts';

/**
 * The contract an EAM CreateExternal message (an Ethereum deployment) created: the eth address in the
 * EAM's answer `[id, f2, eth address]`; null for any other message or a failed one.
 */
export function createdContract(message: Message, receipt: Pick<Receipt, 'exitCode' | 'returnData'>): Uint8Array | null {
  const toEam = message.to.protocol === Protocol.ID && message.to.id === EAM_ACTOR_ID;
  if (!toEam || message.method !== EAM_METHOD_CREATE_EXTERNAL || receipt.exitCode !== ExitCode.OK) return null;
  return decodeCbor<[number, Uint8Array, Uint8Array]>(receipt.returnData)[2];
}

export interface Located {
  record: TipsetRecord;
  index: number;
  cid: CID;
  signed: SignedMessage;
}

export function ethTransaction(view: ChainView, signed: SignedMessage): EthTransaction {
  return ethTransactionFromMessage(signed, view.chainId, (a) => view.ethAddress(a));
}

export function locate(view: ChainView, cid: CID): Located | undefined {
  const where = view.node.chain.store.messageLocation(cid);
  if (!where) return undefined;
  const record = view.node.chain.store.atHeight(where.height);
  if (!record) return undefined;
  return { record, index: where.index, cid, signed: view.message(cid) };
}

export function transactionJson(view: ChainView, at: Located): unknown {
  return ethTransactionJson(ethTransaction(view, at.signed), location(at));
}

function location(at: Located) {
  return { blockHash: at.record.key.multihash.digest, blockNumber: at.record.height, blockTimestamp: at.record.timestamp, transactionIndex: at.index };
}

/**
 * The logs of one tipset that `keep` accepts (all by default), with their tipset-wide log index and
 * their transaction hash as stored (derived from the message, once per message, where it is not).
 */
export function tipsetLogs(view: ChainView, record: TipsetRecord, keep: (log: TipsetLog) => boolean = () => true): EthLogInput[] {
  const hashOf = logTxHashes(view, () => record);
  return (view.node.chain.store.logsAt(record.height)?.logs() ?? []).filter(keep).map((log) => ({
    address: log.address,
    topics: log.topics,
    data: log.data,
    blockHash: record.key.multihash.digest,
    blockNumber: record.height,
    transactionHash: hashOf(log),
    transactionIndex: log.messageIndex,
    logIndex: log.logIndex,
    removed: false,
  }));
}

/**
 * The transaction hash of a stored log of one tipset: the stored one, else (a message that did not come
 * as an Ethereum transaction here) what `txHash` makes of its message, computed once per message.
 */
export function logTxHashes(view: ChainView, record: () => TipsetRecord): (log: TipsetLog) => Uint8Array {
  const derived = new Map<number, Uint8Array>();
  return (log) => {
    if (log.txHash) return log.txHash;
    let hash = derived.get(log.messageIndex);
    if (!hash) {
      const cid = record().messages[log.messageIndex]!;
      derived.set(log.messageIndex, (hash = view.txHash(view.message(cid), cid)));
    }
    return hash;
  };
}

export function receiptJson(view: ChainView, at: Located): unknown {
  const receipt = view.receipt(at.record, at.index);
  const tx = ethTransaction(view, at.signed);
  const m = at.signed.message;
  const outputs = computeGasOutputs(receipt.gasUsed, m.gasLimit, at.record.baseFee, m.gasFeeCap, m.gasPremium);
  const contractAddress = createdContract(m, receipt);
  return ethReceiptJson({
    tx,
    location: location(at),
    exitCode: receipt.exitCode,
    gasUsed: receipt.gasUsed,
    effectiveGasPrice: effectiveGasPrice(outputs, BigInt(receipt.gasUsed)),
    contractAddress,
    logs: tipsetLogs(view, at.record, (event) => event.messageIndex === at.index),
  });
}
