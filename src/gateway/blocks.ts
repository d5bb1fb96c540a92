// Blocks as the Ethereum view shows them (FEVM-FACTS §7.2): a tipset with its eth hash, parent hash,
// height, timestamp, base fee, gas used, bloom, and its transactions as hashes or objects.

import { BLOCK_GAS_LIMIT } from '../chain/blocks/base-fee.ts';
import { tipsetKeyCid } from '../chain/blocks/tipset.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { ethBlockJson, type EthTransactionJson } from '../eth/index.ts';
import type { ChainView } from './chain-view.ts';
import { transactionJson } from './transactions.ts';

export function blockJson(view: ChainView, record: TipsetRecord, full: boolean): unknown {
  const header = view.node.chain.header(record);
  const transactions = record.messages.map((cid, index) => {
    const signed = view.message(cid);
    if (!full) return view.txHash(signed, cid);
    return transactionJson(view, { record, index, cid, signed });
  });
  return ethBlockJson({
    hash: record.key.multihash.digest,
    parentHash: header.parents.length > 0 ? tipsetKeyCid(header.parents).multihash.digest : new Uint8Array(32),
    number: BigInt(record.height),
    timestamp: BigInt(record.timestamp),
    baseFeePerGas: record.baseFee,
    gasUsed: record.gasUsed,
    gasLimit: BigInt(BLOCK_GAS_LIMIT),
    logsBloom: view.node.chain.store.bloom(record.height) ?? new Uint8Array(256).fill(0xff),
    transactions: transactions as (Uint8Array | EthTransactionJson)[],
  });
}

