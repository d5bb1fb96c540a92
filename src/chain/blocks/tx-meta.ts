// A block's messages (LOTUS:chain/types/blockmsg.go, chain/store/messages.go): TxMeta `[bls AMT, secp
// AMT]` of message CIDs in legacy (specs-actors v0) AMTs. BLS-signed messages go in the first list by
// their unsigned CID; secp and delegated (Ethereum) ones in the second by their signed CID. The message
// blocks themselves are stored too, so a node can rebuild the tipset's messages from the header.

import { Amt, getCbor, putCbor, type Blockstore, type CID, type MessageBlock } from '../../ipld/index.ts';
import { FatalError, SignatureType, type SignedMessage } from '../../primitives/index.ts';

const LEGACY = { version: 'v0' } as const;

/** Stores the messages' blocks and their TxMeta; answers the TxMeta CID. */
export function putTxMeta(store: Blockstore, messages: readonly { signed: SignedMessage; block: MessageBlock }[]): CID {
  const bls: CID[] = [];
  const secp: CID[] = [];
  for (const { signed, block } of messages) {
    store.put(block.cid, block.bytes);
    (signed.signature.type === SignatureType.BLS ? bls : secp).push(block.cid);
  }
  return putCbor(store, [Amt.fromArray(store, bls, LEGACY).flush(), Amt.fromArray(store, secp, LEGACY).flush()]);
}

/** The message CIDs of a block, BLS ones first (the order Lotus executes them in). */
export function txMetaCids(store: Blockstore, txMeta: CID): { bls: CID[]; secp: CID[] } {
  const meta = getCbor<unknown[]>(store, txMeta);
  if (!Array.isArray(meta) || meta.length !== 2) throw new FatalError(`TxMeta ${txMeta} is not a pair`);
  const read = (root: unknown) => [...Amt.load(store, root as CID, LEGACY).entries()].map(([, v]) => v as CID);
  return { bls: read(meta[0]), secp: read(meta[1]) };
}
