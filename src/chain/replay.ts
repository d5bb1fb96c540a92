// Re-executing the chain from genesis: every tipset's messages (read back from its TxMeta) applied to
// the state before it, checking that each gives the state root the chain recorded. What a node that
// restarted after a crash can use to prove its head, and what the kill -9 test does.

import { decodeCbor, getBlock, type Blockstore } from '../ipld/index.ts';
import { SignatureType, messageFromIpld, signedMessageFromIpld, type SignedMessage } from '../primitives/index.ts';
import { StateTree } from '../state/index.ts';
import { applyMessage } from '../vm/index.ts';
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

/** Replays tipsets 1..head; answers the first height whose state root differs, or undefined. */
export async function replayChain(chain: Chain): Promise<number | undefined> {
  const head = chain.head();
  let previous = chain.store.atHeight(0)!;
  for (let height = 1; height <= head.height; height++) {
    const record = chain.store.atHeight(height);
    if (!record) continue;
    const tree = StateTree.load(chain.store.blocks, previous.stateRoot);
    const context = chain.contextFor(height, record.timestamp, record.baseFee);
    for (const signed of tipsetMessages(chain.store.blocks, chain.header(record).messages)) {
      await applyMessage(tree, chain.registry, context, signed.message, { size: chainMessageSize(signed) });
    }
    if (!tree.flush().equals(record.stateRoot)) return height;
    previous = record;
  }
  return undefined;
}
