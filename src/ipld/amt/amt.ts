// `Amt`: Filecoin's array mapped trie, a sparse u64-indexed array stored as IPLD blocks, byte-for-byte
// as ref-fvm `fvm_ipld_amt` (v3, and the legacy v0 root that Lotus uses for message and receipt
// lists). FEVM-FACTS §2.6. Synchronous over a `Blockstore`; nodes load lazily and stay cached, writes
// stay in memory until `flush`, which stores only the changed nodes, in one `putMany`.
// Owns height changes and counting; node layout is amt-node.ts, the walks amt-walk.ts, the root block
// amt-root.ts. Values are dag-cbor data (Uint8Array, numbers, bigint, CID, arrays, maps); it does not
// type or copy them, so a value must not be mutated after `set` or after it is read.

import { blockCid, encodeCbor, getCbor, type CID } from '../block.ts';
import type { Block, Blockstore } from '../blockstore.ts';
import { FevmError } from '../../primitives/index.ts';
import { AmtError } from './amt-error.ts';
import { heightHolds, toAmtIndex } from './amt-index.ts';
import { AmtNode, loadAmtChild } from './amt-node.ts';
import { amtConfig, amtRootForm, amtRootFromForm, type AmtOptions, type AmtRoot, type AmtVersion } from './amt-root.ts';
import { amtDelete, amtEntries, amtFlushChildren, amtGet, amtSet, type AmtShape } from './amt-walk.ts';

/**
 * A Filecoin AMT.
 *
 * @example
 * const amt = Amt.create(store, { bitWidth: 5 });
 * amt.set(0, event);
 * const eventsRoot = amt.flush();
 */
export class Amt implements AmtShape {
  readonly store: Blockstore;
  readonly version: AmtVersion;
  readonly bitWidth: number;
  private height_: number;
  private count_: number;
  private root: AmtNode;
  /** CID of the last flush, until the next change. */
  private flushed: CID | undefined;

  private constructor(store: Blockstore, version: AmtVersion, root: AmtRoot, flushed: CID | undefined) {
    this.store = store;
    this.version = version;
    this.bitWidth = root.bitWidth;
    this.height_ = root.height;
    this.count_ = root.count;
    this.root = root.node;
    this.flushed = flushed;
  }

  /** An empty AMT (v3, bit width 3 unless told otherwise). */
  static create(store: Blockstore, options?: AmtOptions): Amt {
    const { version, bitWidth } = amtConfig(options);
    const node = new AmtNode(true, 1 << bitWidth);
    return new Amt(store, version, { bitWidth, height: 0, count: 0, node }, undefined);
  }

  /** The AMT stored under `root`. A v3 root carries its bit width; `options.bitWidth` must agree. */
  static load(store: Blockstore, root: CID, options: AmtOptions = {}): Amt {
    const config = amtConfig({ version: options.version ?? 'v3' });
    return new Amt(store, config.version, amtRootFromForm(getCbor(store, root), options, root), root);
  }

  /** An AMT holding `values[i]` at index i, like go-amt-ipld `FromArray`. Not flushed yet. */
  static fromArray(store: Blockstore, values: readonly unknown[], options?: AmtOptions): Amt {
    const amt = Amt.create(store, options);
    for (let i = 0; i < values.length; i++) amt.set(i, values[i]);
    return amt;
  }

  /** Number of values held. */
  get count(): number {
    return this.count_;
  }

  /** Levels above the leaves: 0 while every index fits one node. */
  get height(): number {
    return this.height_;
  }

  get(index: number | bigint): unknown {
    const i = toAmtIndex(index);
    if (!heightHolds(i, this.bitWidth, this.height_)) return undefined;
    return amtGet(this, this.root, this.height_, i);
  }

  /** Stores `value` (any dag-cbor data except undefined) at `index`, growing the tree when needed. */
  set(index: number | bigint, value: unknown): void {
    const i = toAmtIndex(index);
    if (value === undefined) throw new AmtError('bad-value', `cannot store undefined at AMT index ${i}`);
    while (!heightHolds(i, this.bitWidth, this.height_)) this.grow();
    if (amtSet(this, this.root, this.height_, i, value)) this.count_++;
    this.flushed = undefined;
  }

  /** Removes the value at `index`; answers whether there was one. */
  delete(index: number | bigint): boolean {
    const i = toAmtIndex(index);
    if (!heightHolds(i, this.bitWidth, this.height_)) return false;
    if (!amtDelete(this, this.root, this.height_, i)) return false;
    this.count_--;
    this.flushed = undefined;
    this.shrink();
    return true;
  }

  /** `[index, value]` pairs in ascending index order. Throws `AmtError('index-not-safe')` past 2^53 - 1. */
  *entries(): IterableIterator<[number, unknown]> {
    for (const [index, value] of amtEntries(this, this.root, this.height_, 0)) {
      if (typeof index === 'bigint') {
        throw new AmtError('index-not-safe', `AMT index ${index} is above 2^53 - 1; use bigEntries()`);
      }
      yield [index, value];
    }
  }

  /** `[index, value]` pairs in ascending index order, every index a bigint. */
  *bigEntries(): IterableIterator<[bigint, unknown]> {
    for (const [index, value] of amtEntries(this, this.root, this.height_, 0)) yield [BigInt(index), value];
  }

  /** Stores every changed node and the root block in one `putMany`; answers the root CID. */
  flush(): CID {
    if (this.flushed) return this.flushed;
    const blocks: Block[] = [];
    const encoded: AmtNode[] = [];
    try {
      let bytes: Uint8Array;
      try {
        amtFlushChildren(this, this.root, blocks, encoded);
        const root = { bitWidth: this.bitWidth, height: this.height_, count: this.count_, node: this.root };
        bytes = encodeCbor(amtRootForm(this.version, root));
      } catch (error) {
        if (error instanceof FevmError) throw error;
        throw new AmtError('bad-value', 'an AMT value is not dag-cbor data', error);
      }
      const cid = blockCid(bytes);
      blocks.push({ cid, bytes });
      this.store.putMany(blocks);
      this.flushed = cid;
      return cid;
    } catch (error) {
      // Nothing was stored, so no node may keep a CID from this attempt: a later flush would link to
      // blocks that were never written.
      for (const node of encoded) node.cid = undefined;
      throw error;
    }
  }

  /**
   * One more level: the old root becomes child 0, or an empty root just gets taller. A root node's
   * `cid` is only set while it is an unchanged former child, so it is right to keep as a child again.
   */
  private grow(): void {
    const root = new AmtNode(false, 1 << this.bitWidth);
    if (this.root.size > 0) {
      root.slots[0] = this.root;
      root.size = 1;
    }
    this.root = root;
    this.height_++;
  }

  /**
   * Restores the canonical shape after a delete, so equal contents give equal roots: an empty AMT is a
   * bare height-0 leaf, and a root whose only child is child 0 is replaced by that child.
   */
  private shrink(): void {
    if (this.root.size === 0) {
      this.root = new AmtNode(true, 1 << this.bitWidth);
      this.height_ = 0;
      return;
    }
    while (this.height_ > 0 && this.root.size === 1 && this.root.slots[0] !== undefined) {
      this.root = loadAmtChild(this.store, this.root, 0, this.bitWidth, this.height_ - 1)!;
      this.height_--;
    }
  }
}
