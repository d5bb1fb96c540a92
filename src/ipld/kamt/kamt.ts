// KAMT (FEVM-FACTS §2.5; FVM:ipld/kamt): the trie EVM actors keep their storage in. Keys are 32-byte U256
// values used as their own hash (no hashing), stored as minimal big-endian bytes; values are IPLD values
// stored as given. The EVM's configuration is bit width 5 and buckets of 1 (BA:actors/evm/src/
// interpreter/system.rs KAMT_CONFIG); both are options for the general structure.

import type { CID } from 'multiformats/cid';
import type { Blockstore } from '../blockstore.ts';
import { KeyBits, bytesToBits } from './extension.ts';
import { KEY_BYTES, KamtNode, type KamtConfig } from './kamt-node.ts';
import { putTrieNode } from '../trie-node.ts';

export interface KamtOptions {
  bitWidth?: number;
  maxArrayWidth?: number;
}

/** The EVM actor's KAMT configuration. */
export const EVM_KAMT_CONFIG: Readonly<KamtConfig> = { bitWidth: 5, maxArrayWidth: 1 };

export class Kamt {
  readonly store: Blockstore;
  private readonly config: KamtConfig;
  private readonly root: KamtNode;
  private rootCid: CID | undefined;

  private constructor(store: Blockstore, config: KamtConfig, root: KamtNode, rootCid: CID | undefined) {
    this.store = store;
    this.config = config;
    this.root = root;
    this.rootCid = rootCid;
  }

  static create(store: Blockstore, options: KamtOptions = {}): Kamt {
    return new Kamt(store, configOf(options), new KamtNode(), undefined);
  }

  static load(store: Blockstore, root: CID, options: KamtOptions = {}): Kamt {
    const config = configOf(options);
    return new Kamt(store, config, KamtNode.load(store, root, config, 0), root);
  }

  get(key: Uint8Array): unknown | undefined {
    return this.root.get(this.store, this.config, bitsOf(key), 0, key)?.value;
  }

  /** Sets `key` (32 bytes) to `value`; answers true when the key is new. */
  set(key: Uint8Array, value: unknown): boolean {
    this.rootCid = undefined;
    return this.root.set(this.store, this.config, bitsOf(key), 0, { key, value });
  }

  delete(key: Uint8Array): boolean {
    const deleted = this.root.delete(this.store, this.config, bitsOf(key), 0, key);
    if (deleted) this.rootCid = undefined;
    return deleted;
  }

  /** Every entry, in ascending key order (keys are their own hash, so slot order is key order). */
  *entries(): IterableIterator<[Uint8Array, unknown]> {
    for (const kv of this.root.entries(this.store, this.config, 0)) yield [kv.key, kv.value];
  }

  flush(): CID {
    if (!this.rootCid) {
      this.root.flushChildren(this.store);
      this.rootCid = putTrieNode(this.store, this.root.toIpld());
    }
    return this.rootCid;
  }
}

function bitsOf(key: Uint8Array): KeyBits {
  if (key.length !== KEY_BYTES) throw new RangeError(`KAMT keys are ${KEY_BYTES} bytes, got ${key.length}`);
  return new KeyBits(bytesToBits(key));
}

function configOf(options: KamtOptions): KamtConfig {
  const bitWidth = options.bitWidth ?? EVM_KAMT_CONFIG.bitWidth;
  const maxArrayWidth = options.maxArrayWidth ?? EVM_KAMT_CONFIG.maxArrayWidth;
  if (!Number.isInteger(bitWidth) || bitWidth < 1 || bitWidth > 8) throw new RangeError(`KAMT bit width must be 1..8, got ${bitWidth}`);
  if (!Number.isInteger(maxArrayWidth) || maxArrayWidth < 1) throw new RangeError(`KAMT bucket size must be ≥ 1, got ${maxArrayWidth}`);
  return { bitWidth, maxArrayWidth };
}
