// Re-executing the chain from genesis: every tipset's messages (read back from its TxMeta) applied to
// the state before it, checking that each gives the state root and the receipts the chain recorded.
// What `fevm-devnet verify` runs on a data folder, and what the kill -9 tests check after each kill.

import { Amt, BufferedBlockstore, decodeCbor, getBlock, type Blockstore, type CID } from '../ipld/index.ts';
import { SignatureType, messageFromIpld, signedMessageFromIpld, type SignedMessage } from '../primitives/index.ts';
import { StateTree } from '../state/index.ts';
import { applyMessage, receiptToIpld } from '../vm/index.ts';
import { chainMessageSize } from '../ipld/index.ts';
import { txMetaCids } from './blocks/tx-meta.ts';
import type { Chain } from './chain.ts';

/** A tipset's messages in execution order, from its block's TxMeta. */
export function tipsetMessages(store: Blockstore, txMeta: Parameters<typeof txMetaCids>[1]): SignedMessage[] {
  const { bls, secp } = txMetaCids(store, txMeta);
  return [
    ...bls.map((cid) => ({ message: messageFromIpld(decodeCbor(getBlock(store, cid))), signature: { type: SignatureType.BLS, data: new Uint8Array(96) } })),
    ...secp.map((cid) => signedMessageFromIpld(decodeCbor(getBlock(store, cid)))),
  ];
}

export interface ReplayMismatch {
  height: number;
  what: 'state root' | 'receipts';
  recorded: CID;
  replayed: CID;
}

export interface ReplayReport {
  /** Tipsets re-executed (null rounds have none). */
  tipsets: number;
  messages: number;
  head: number;
  mismatches: ReplayMismatch[];
}

/**
 * Re-executes tipsets 1..head on a scratch buffer over the chain's blocks (nothing is written) and
 * compares each one's state root and receipts root with the recorded ones. After a mismatch the
 * next tipset starts from the recorded state, so that every differing height is listed.
 */
export async function verifyChain(chain: Chain, onTipset?: (height: number) => void): Promise<ReplayReport> {
  const head = chain.head();
  const report: ReplayReport = { tipsets: 0, messages: 0, head: head.height, mismatches: [] };
  let previous = chain.store.atHeight(0)!;
  for (let height = 1; height <= head.height; height++) {
    const record = chain.store.atHeight(height);
    if (!record) continue;
    const scratch = new BufferedBlockstore(chain.store.blocks);
    const tree = StateTree.load(scratch, previous.stateRoot);
    const context = chain.contextFor(height, record.timestamp, record.baseFee);
    const receipts = [];
    for (const signed of tipsetMessages(chain.store.blocks, chain.header(record).messages)) {
      const result = await applyMessage(tree, chain.registry, context, signed.message, { size: chainMessageSize(signed) });
      receipts.push(receiptToIpld(result.receipt));
    }
    const stateRoot = tree.flush();
    const receiptsRoot = Amt.fromArray(scratch, receipts, { version: 'v0' }).flush();
    if (!stateRoot.equals(record.stateRoot)) report.mismatches.push({ height, what: 'state root', recorded: record.stateRoot, replayed: stateRoot });
    if (!receiptsRoot.equals(record.receipts)) report.mismatches.push({ height, what: 'receipts', recorded: record.receipts, replayed: receiptsRoot });
    scratch.discard();
    report.tipsets++;
    report.messages += receipts.length;
    onTipset?.(height);
    previous = record;
  }
  return report;
}

/** Replays tipsets 1..head; answers the first height whose state root or receipts differ, or undefined. */
export async function replayChain(chain: Chain): Promise<number | undefined> {
  return (await verifyChain(chain)).mismatches[0]?.height;
}
