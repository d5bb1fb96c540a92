// Reading the init actor's address map, so the state tree can resolve f1/f2/f3/f4 addresses to ids
// (FEVM-FACTS §3.2; BA:actors/init/src/state.rs): init state is `[address_map, next_id, network_name]`,
// `address_map` a HAMT (bit width 5) from address bytes to a u64 actor id. Read-only: registering
// addresses is the init actor's and the VM's business, not the state tree's.

import { CID, getCbor, type Blockstore } from '../ipld/index.ts';
import { Hamt } from '../ipld/hamt/index.ts';
import { FatalError } from '../primitives/index.ts';

export const INIT_ACTOR_ID = 1n;
export const INIT_HAMT_BIT_WIDTH = 5;

/** Answers ids for addresses, from one version (head) of the init actor's state. */
export class InitAddressMap {
  readonly head: CID;
  private readonly map: Hamt;

  private constructor(head: CID, map: Hamt) {
    this.head = head;
    this.map = map;
  }

  static load(store: Blockstore, initHead: CID): InitAddressMap {
    const state = getCbor(store, initHead);
    if (!Array.isArray(state) || state.length !== 3) throw new FatalError(`init actor state ${initHead} is not a 3-tuple`);
    const root = CID.asCID(state[0]);
    if (!root) throw new FatalError(`init actor state ${initHead} has no address map link`);
    return new InitAddressMap(initHead, Hamt.load(store, root, { bitWidth: INIT_HAMT_BIT_WIDTH }));
  }

  lookup(addressBytes: Uint8Array): bigint | undefined {
    const id = this.map.get(addressBytes);
    if (id === undefined) return undefined;
    if (typeof id !== 'number' && typeof id !== 'bigint') throw new FatalError('init address map holds a non-integer id');
    return BigInt(id);
  }
}
