// HAMT v3 as Filecoin stores it (FEVM-FACTS §2.4; FVM:ipld/hamt): SHA-256 of the key, `bitWidth` bits per
// level from the most significant bit, buckets of 3, canonical shape. Used for the actors map of the state
// tree (bit width 5) and actor maps such as the init actor's address map. Keys are byte strings; values
// are IPLD data-model values, stored as given. Synchronous over the synchronous Blockstore.

import type { CID } from 'multiformats/cid';
import { sha256 } from '../../primitives/index.ts';
import type { Blockstore } from '../blockstore.ts';
import { HamtNode, type HamtConfig } from './hamt-node.ts';
import { putTrieNode } from '../trie-node.ts';

export interface HamtOptions {
  /** Bits of the hash per level: 5 (32 slots) for Filecoin state; ref-fvm's library default is 8. */
  bitWidth?: number;
}

export const HAMT_DEFAULT_BIT_WIDTH = 5;
/** Bucket size (max_array_width) of every Filecoin HAMT. */
export const HAMT_BUCKET_SIZE = 3;

export class Hamt {
  readonly store: Blockstore;
  private readonly config: HamtConfig;
  private readonly root: HamtNode;
  /** The root's CID as of the last flush or load; undefined when modified since. */
  private rootCid: CID | undefined;

  private constructor(store: Blockstore, config: HamtConfig, root: HamtNode, rootCid: CID | undefined) {
    this.store = store;
    this.config = config;
    this.root = root;
    this.rootCid = rootCid;
  }

  static create(store: Blockstore, options: HamtOptions = {}): Hamt {
    return new Hamt(store, configOf(options), new HamtNode(), undefined);
  }

  static load(store: Blockstore, root: CID, options: HamtOptions = {}): Hamt {
    const config = configOf(options);
    return new Hamt(store, config, HamtNode.load(store, root, config, 0), root);
  }

  get(key: Uint8Array): unknown | undefined {
    return this.root.get(this.store, this.config, sha256(key), 0, key)?.value;
  }

  has(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets `key` to `value` (a dag-cbor encodable value); answers true when the key is new. */
  set(key: Uint8Array, value: unknown): boolean {
    this.rootCid = undefined;
    return this.root.set(this.store, this.config, sha256(key), 0, { key, value }, sha256);
  }

  /** Removes `key`; answers whether it was there. */
  delete(key: Uint8Array): boolean {
    const deleted = this.root.delete(this.store, this.config, sha256(key), 0, key);
    if (deleted) this.rootCid = undefined;
    return deleted;
  }

  /** Every entry once, in slot order of the hashed keys (deterministic for a given content). */
  *entries(): IterableIterator<[Uint8Array, unknown]> {
    for (const kv of this.root.entries(this.store, this.config, 0)) yield [kv.key, kv.value];
  }

  /** Writes modified nodes bottom-up and answers the root CID; cheap when nothing changed. */
  flush(): CID {
    if (!this.rootCid) {
      this.root.flushChildren(this.store);
      this.rootCid = putTrieNode(this.store, this.root.toIpld());
    }
    return this.rootCid;
  }
}

function configOf(options: HamtOptions): HamtConfig {
  const bitWidth = options.bitWidth ?? HAMT_DEFAULT_BIT_WIDTH;
  if (!Number.isInteger(bitWidth) || bitWidth < 1 || bitWidth > 8) throw new RangeError(`HAMT bit width must be 1..8, got ${bitWidth}`);
  return { bitWidth, maxArrayWidth: HAMT_BUCKET_SIZE };
}
