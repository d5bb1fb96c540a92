// The state root object (FEVM-FACTS §2.3; FVM:shared/src/state/mod.rs): CBOR tuple
// `[version, actors, info]` with version 5 (StateTreeVersion::V5, actors v10+), `actors` the root of the
// actors HAMT and `info` the CID of an empty CBOR array (StateInfo0). ref-fvm supports only V5; so do we.

import { CID, EMPTY_ARR_CID, getCbor, putCbor, type Blockstore } from '../ipld/index.ts';
import { FatalError } from '../primitives/index.ts';

export const STATE_TREE_VERSION = 5;

export function putStateRoot(store: Blockstore, actorsRoot: CID): CID {
  return putCbor(store, [STATE_TREE_VERSION, actorsRoot, EMPTY_ARR_CID]);
}

/** The actors HAMT root inside a state root; refuses versions other than 5. */
export function readStateRoot(store: Blockstore, root: CID): CID {
  const value = getCbor(store, root);
  if (!Array.isArray(value) || value.length !== 3) throw new FatalError(`state root ${root} is not a [version, actors, info] tuple`);
  const [version, actors] = value as unknown[];
  if (version !== STATE_TREE_VERSION) throw new FatalError(`state root ${root} has version ${String(version)}; only version 5 is supported`);
  const actorsCid = CID.asCID(actors);
  if (!actorsCid) throw new FatalError(`state root ${root} has no actors HAMT link`);
  return actorsCid;
}
