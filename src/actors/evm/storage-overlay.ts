// Contract storage writes of an EVM session, kept in layers that follow the state tree's transactions
// (a TransactionJournal), so a reverted call frame drops its writes together with its state changes.
// Reads fall through the layers to the contract's KAMT; `flush` writes what is left into the KAMTs once
// all frames have closed. Writing every SSTORE into the KAMT at once would hash and store blocks per
// write; the FVM's EVM also keeps storage in memory and flushes it when the invocation returns.

import { ContractStorage, type Blockstore, type CID } from '../../ipld/index.ts';
import { FatalError } from '../../primitives/index.ts';
import type { TransactionJournal } from '../../vm/index.ts';

interface Layer {
  writes: Map<bigint, Map<bigint, bigint>>;
  /** Contracts whose storage was wiped in this layer (CREATE over a placeholder, resurrection). */
  cleared: Set<bigint>;
}

function newLayer(): Layer {
  return { writes: new Map(), cleared: new Set() };
}

export class StorageOverlay implements TransactionJournal {
  private layers: Layer[] = [newLayer()];
  private readonly store: Blockstore;
  private readonly loaded = new Map<string, ContractStorage>();

  constructor(store: Blockstore) {
    this.store = store;
  }

  begin(): void {
    this.layers.push(newLayer());
  }

  commit(): void {
    const top = this.pop();
    const below = this.layers[this.layers.length - 1]!;
    for (const id of top.cleared) {
      below.cleared.add(id);
      below.writes.delete(id);
    }
    for (const [id, slots] of top.writes) {
      const target = below.writes.get(id);
      if (!target) below.writes.set(id, slots);
      else for (const [slot, value] of slots) target.set(slot, value);
    }
  }

  revert(): void {
    this.pop();
  }

  private pop(): Layer {
    if (this.layers.length === 1) throw new FatalError('contract storage transactions are unbalanced');
    return this.layers.pop()!;
  }

  /** The value at `slot` of contract `id`, whose flushed storage root is `root`. */
  get(id: bigint, root: CID, slot: bigint): bigint {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      const value = layer.writes.get(id)?.get(slot);
      if (value !== undefined) return value;
      if (layer.cleared.has(id)) return 0n;
    }
    return this.stored(root, slot);
  }

  /**
   * The value before this session's writes (what EIP-2200's gas rules compare with): zero for a contract
   * created or resurrected in this session.
   */
  original(id: bigint, root: CID, slot: bigint): bigint {
    return this.layers.some((layer) => layer.cleared.has(id)) ? 0n : this.stored(root, slot);
  }

  private stored(root: CID, slot: bigint): bigint {
    const key = root.toString();
    let storage = this.loaded.get(key);
    if (!storage) this.loaded.set(key, (storage = ContractStorage.load(this.store, root)));
    return storage.get(slot);
  }

  set(id: bigint, slot: bigint, value: bigint): void {
    const top = this.layers[this.layers.length - 1]!;
    let slots = top.writes.get(id);
    if (!slots) top.writes.set(id, (slots = new Map()));
    slots.set(slot, value);
  }

  clear(id: bigint): void {
    const top = this.layers[this.layers.length - 1]!;
    top.cleared.add(id);
    top.writes.delete(id);
  }

  /** Contracts with pending changes. */
  get touched(): bigint[] {
    const base = this.layers[0]!;
    return [...new Set([...base.cleared, ...base.writes.keys()])];
  }

  /** Applies the pending changes of contract `id` to the KAMT at `root`; answers the new root. */
  flushContract(id: bigint, root: CID): CID {
    if (this.layers.length !== 1) throw new FatalError('flushing contract storage with open transactions');
    const base = this.layers[0]!;
    // The KAMT already read from (its nodes loaded and charged) takes the writes; it no longer stands for `root`.
    const key = root.toString();
    const storage = base.cleared.has(id) ? ContractStorage.create(this.store) : (this.loaded.get(key) ?? ContractStorage.load(this.store, root));
    this.loaded.delete(key);
    for (const [slot, value] of base.writes.get(id) ?? []) storage.set(slot, value);
    base.cleared.delete(id);
    base.writes.delete(id);
    return storage.flush();
  }
}
