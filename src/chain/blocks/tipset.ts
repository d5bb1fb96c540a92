// Tipsets (LOTUS:chain/types/tipset.go, tipset_key.go; FEVM-FACTS §7.2): the devnet makes one block per
// tipset. The tipset key CID is the dag-cbor blake2b CID of the CBOR byte string holding the
// concatenated block CIDs; its 32-byte digest is the Ethereum block hash Lotus reports.

import { blockCid, encodeCbor, type CID } from '../../ipld/index.ts';
import { concatBytes } from '../../primitives/index.ts';
import { blockHeaderCid, type BlockHeader } from './block-header.ts';

export interface Tipset {
  readonly blocks: readonly BlockHeader[];
  readonly cids: readonly CID[];
  readonly height: number;
  /** The tipset key CID. */
  readonly key: CID;
}

export function tipsetKeyCid(cids: readonly CID[]): CID {
  return blockCid(encodeCbor(concatBytes(...cids.map((c) => c.bytes))));
}

export function tipsetOf(blocks: readonly BlockHeader[]): Tipset {
  if (blocks.length === 0) throw new RangeError('a tipset has at least one block');
  const cids = blocks.map(blockHeaderCid);
  return { blocks, cids, height: blocks[0]!.height, key: tipsetKeyCid(cids) };
}

/** The Ethereum block hash of a tipset: the digest of its key CID. */
export function ethBlockHash(tipset: Tipset): Uint8Array {
  return tipset.key.multihash.digest;
}

export function tipsetTimestamp(tipset: Tipset): number {
  return Math.min(...tipset.blocks.map((b) => b.timestamp));
}
