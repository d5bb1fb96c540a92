// The init actor's address map, so the state tree can resolve f1/f2/f3/f4 addresses to ids and assign
// ids to new addresses (FEVM-FACTS §3.2; BA:actors/init/src/state.rs; FVM:fvm/src/state_tree.rs
// `register_new_address`): init state is `[address_map, next_id, network_name]`, `address_map` a HAMT
// (bit width 5) from address bytes to a u64 actor id.

import { CID, getCbor, putCbor, type Blockstore } from '../ipld/index.ts';
import { Hamt } from '../ipld/hamt/index.ts';
import { FatalError } from '../primitives/index.ts';

export const INIT_ACTOR_ID = 1n;
export const INIT_HAMT_BIT_WIDTH = 5;

/** Answers ids for addresses, from one version (head) of the init actor's state. */
export interface InitState {
  addressMap: CID;
  nextId: bigint;
  networkName: string;
}

export function readInitState(store: Blockstore, head: CID): InitState {
  const state = getCbor(store, head);
  if (!Array.isArray(state) || state.length !== 3) throw new FatalError(`init actor state ${head} is not a 3-tuple`);
  const [map, nextId, name] = state as unknown[];
  const addressMap = CID.asCID(map);
  if (!addressMap || (typeof nextId !== 'number' && typeof nextId !== 'bigint') || typeof name !== 'string') {
    throw new FatalError(`init actor state ${head} is malformed`);
  }
  return { addressMap, nextId: BigInt(nextId), networkName: name };
}

export function putInitState(store: Blockstore, state: InitState): CID {
  return putCbor(store, [state.addressMap, state.nextId, state.networkName]);
}

/**
 * Maps `address` to a new id (the init actor's next_id) and answers the new init state head and id.
 * The caller makes sure the address is not mapped yet.
 */
export function assignNewId(store: Blockstore, initHead: CID, address: Uint8Array): { head: CID; id: bigint } {
  const state = readInitState(store, initHead);
  const map = Hamt.load(store, state.addressMap, { bitWidth: INIT_HAMT_BIT_WIDTH });
  const id = state.nextId;
  map.set(address, id);
  return { id, head: putInitState(store, { ...state, addressMap: map.flush(), nextId: id + 1n }) };
}

/** Maps `address` to the existing actor `id` (an f2 address beside an f410 one) and answers the new init head. */
export function mapAddressToId(store: Blockstore, initHead: CID, address: Uint8Array, id: bigint): CID {
  const state = readInitState(store, initHead);
  const map = Hamt.load(store, state.addressMap, { bitWidth: INIT_HAMT_BIT_WIDTH });
  if (map.get(address) !== undefined) throw new FatalError('address is already mapped in the init actor');
  map.set(address, id);
  return putInitState(store, { ...state, addressMap: map.flush() });
}

export class InitAddressMap {
  readonly head: CID;
  private readonly map: Hamt;

  private constructor(head: CID, map: Hamt) {
    this.head = head;
    this.map = map;
  }

  static load(store: Blockstore, initHead: CID): InitAddressMap {
    const { addressMap } = readInitState(store, initHead);
    return new InitAddressMap(initHead, Hamt.load(store, addressMap, { bitWidth: INIT_HAMT_BIT_WIDTH }));
  }

  lookup(addressBytes: Uint8Array): bigint | undefined {
    const id = this.map.get(addressBytes);
    if (id === undefined) return undefined;
    if (typeof id !== 'number' && typeof id !== 'bigint') throw new FatalError('init address map holds a non-integer id');
    return BigInt(id);
  }
}
