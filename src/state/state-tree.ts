// The state tree (FEVM-FACTS §2.2-2.3; FVM:fvm/src/state_tree.rs): actors in a HAMT keyed by ID-address
// bytes, behind layers of pending changes that nested transactions push, commit and revert. The HAMT
// changes only on `flush`, which needs every transaction closed. Resolving f1/f2/f3/f4 addresses reads
// the init actor's address map; writing that map is the init actor's job (actors/), not this file's.

import type { CID } from '../ipld/index.ts';
import type { Blockstore } from '../ipld/index.ts';
import { Hamt } from '../ipld/hamt/index.ts';
import { Address, FatalError, Protocol } from '../primitives/index.ts';
import { actorStateFromIpld, actorStateToIpld, type ActorState } from './actor-state.ts';
import { INIT_ACTOR_ID, InitAddressMap, assignNewId, mapAddressToId } from './init-address-map.ts';
import { putStateRoot, readStateRoot } from './state-root.ts';

/** Bit width of the actors HAMT (`HAMT_BIT_WIDTH` in FVM:shared/src/lib.rs). */
export const ACTORS_HAMT_BIT_WIDTH = 5;

/** A layer of changes: id → new record, or null for a deletion. */
type Layer = Map<bigint, ActorState | null>;

export class StateTree {
  readonly store: Blockstore;
  private readonly actors: Hamt;
  /** layers[0] holds changes not yet in the HAMT; each transaction pushes one more. */
  private readonly layers: Layer[] = [new Map()];
  /** Decoded records of the HAMT as of the last flush (a read cache, never ahead of the HAMT). */
  private readonly committed = new Map<bigint, ActorState | null>();
  private initMap: InitAddressMap | undefined;

  private constructor(store: Blockstore, actors: Hamt) {
    this.store = store;
    this.actors = actors;
  }

  static create(store: Blockstore): StateTree {
    return new StateTree(store, Hamt.create(store, { bitWidth: ACTORS_HAMT_BIT_WIDTH }));
  }

  static load(store: Blockstore, root: CID): StateTree {
    return new StateTree(store, Hamt.load(store, readStateRoot(store, root), { bitWidth: ACTORS_HAMT_BIT_WIDTH }));
  }

  /** The actor at `address` (an ID address, or any address the init actor knows), or undefined. */
  getActor(address: Address | bigint): ActorState | undefined {
    const id = typeof address === 'bigint' ? address : this.lookupId(address);
    if (id === undefined) return undefined;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const change = this.layers[i]!.get(id);
      if (change !== undefined) return change ?? undefined;
    }
    return this.readCommitted(id) ?? undefined;
  }

  setActor(id: bigint, actor: ActorState): void {
    this.top().set(id, actor);
  }

  deleteActor(id: bigint): void {
    this.top().set(id, null);
  }

  /**
   * The actor id of `address`: ID addresses are their own id; others go through the init actor's
   * address map as it stands in this tree (transactions included). Undefined when unknown.
   */
  lookupId(address: Address): bigint | undefined {
    if (address.protocol === Protocol.ID) return address.id;
    const init = this.getActor(INIT_ACTOR_ID);
    if (!init) return undefined;
    if (!this.initMap || !this.initMap.head.equals(init.head)) this.initMap = InitAddressMap.load(this.store, init.head);
    return this.initMap.lookup(address.bytes);
  }

  /**
   * Gives `address` the init actor's next id, in the init actor's address map (FVM `register_new_address`).
   * A second registration of the same address is a bug in the caller.
   */
  registerNewAddress(address: Address): bigint {
    if (this.lookupId(address) !== undefined) throw new FatalError(`address ${address} is already registered`);
    const init = this.getActor(INIT_ACTOR_ID);
    if (!init) throw new FatalError('cannot register an address: there is no init actor');
    const { head, id } = assignNewId(this.store, init.head, address.bytes);
    this.setActor(INIT_ACTOR_ID, { ...init, head });
    return id;
  }

  /** Adds `address` as one more name of actor `id` in the init actor's map (the f2 of a new contract). */
  mapAddress(address: Address, id: bigint): void {
    const init = this.getActor(INIT_ACTOR_ID);
    if (!init) throw new FatalError('cannot map an address: there is no init actor');
    this.setActor(INIT_ACTOR_ID, { ...init, head: mapAddressToId(this.store, init.head, address.bytes, id) });
  }

  /** Opens a nested transaction: changes from here on can be committed or reverted together. */
  begin(): void {
    this.layers.push(new Map());
  }

  /** Folds the innermost transaction's changes into the one around it. */
  commit(): void {
    const layer = this.popLayer('commit');
    const below = this.top();
    for (const [id, change] of layer) below.set(id, change);
  }

  /** Drops the innermost transaction's changes. */
  revert(): void {
    this.popLayer('revert');
  }

  /** Number of open transactions. */
  get depth(): number {
    return this.layers.length - 1;
  }

  /**
   * Runs `fn` in a transaction: commits when it returns (and `keep`, if given, approves the result),
   * reverts when it throws or `keep` says no. Nobody rolls back by hand.
   */
  withTransaction<T>(fn: () => T, keep?: (result: T) => boolean): T {
    this.begin();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.revert();
      throw error;
    }
    if (keep && !keep(result)) this.revert();
    else this.commit();
    return result;
  }

  /** Writes pending changes to the HAMT and the blockstore; answers the state root. */
  flush(): CID {
    if (this.layers.length !== 1) throw new FatalError(`cannot flush the state tree with ${this.depth} open transaction(s)`);
    this.applyBaseLayer();
    return putStateRoot(this.store, this.actors.flush());
  }

  /** Every actor, in the HAMT's order. Needs every transaction closed (it applies pending changes). */
  *entries(): IterableIterator<[bigint, ActorState]> {
    if (this.layers.length !== 1) throw new FatalError('cannot iterate the state tree inside a transaction');
    this.applyBaseLayer();
    for (const [key, value] of this.actors.entries()) {
      yield [Address.fromBytes(key).id, actorStateFromIpld(value)];
    }
  }

  private applyBaseLayer(): void {
    const base = this.layers[0]!;
    for (const [id, change] of base) {
      const key = Address.newId(id).bytes;
      if (change === null) this.actors.delete(key);
      else this.actors.set(key, actorStateToIpld(change));
      this.committed.set(id, change);
    }
    base.clear();
  }

  private readCommitted(id: bigint): ActorState | null {
    let actor = this.committed.get(id);
    if (actor === undefined) {
      const raw = this.actors.get(Address.newId(id).bytes);
      actor = raw === undefined ? null : actorStateFromIpld(raw);
      this.committed.set(id, actor);
    }
    return actor;
  }

  private top(): Layer {
    return this.layers[this.layers.length - 1]!;
  }

  private popLayer(what: string): Layer {
    if (this.layers.length === 1) throw new FatalError(`${what} without an open transaction`);
    return this.layers.pop()!;
  }
}
