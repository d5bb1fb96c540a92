// One HAMT v3 node and the algorithms on it (FEVM-FACTS §2.4; FVM:ipld/hamt/src/node.rs, pointer.rs).
// A node is `[bitfield, pointers]`; a pointer is a link to a child node or a bucket of at most
// `maxArrayWidth` `[key, value]` pairs sorted by key. A full bucket that receives one more key becomes a
// child node; a child left with few enough values collapses back into a bucket, so the shape depends
// only on the content. Children are loaded lazily and cached; modified ones are marked dirty.

import { CID } from 'multiformats/cid';
import { FatalError, compareBytes } from '../../primitives/index.ts';
import { DAG_CBOR } from '../block.ts';
import { putTrieNode, readTrieNode } from '../trie-node.ts';
import type { Blockstore } from '../blockstore.ts';
import { Bitfield } from './bitfield.ts';

export interface HamtConfig {
  bitWidth: number;
  maxArrayWidth: number;
}

export interface KeyValue {
  key: Uint8Array;
  value: unknown;
}

export type Pointer =
  | { kind: 'values'; kvs: KeyValue[] }
  | { kind: 'link'; cid: CID; cache: HamtNode | undefined }
  | { kind: 'dirty'; node: HamtNode };

/** Reads `bitWidth` bits of the key's hash starting at bit `offset`, most significant bit first. */
export function hashBits(digest: Uint8Array, offset: number, bitWidth: number): number {
  if (offset + bitWidth > digest.length * 8) throw new FatalError('HAMT hash bits exhausted (maximum depth reached)');
  let v = 0;
  for (let bit = offset; bit < offset + bitWidth; bit++) v = (v << 1) | ((digest[bit >>> 3]! >>> (7 - (bit & 7))) & 1);
  return v;
}

export class HamtNode {
  bitfield = new Bitfield();
  pointers: Pointer[] = [];

  static load(store: Blockstore, cid: CID, config: HamtConfig, depth: number): HamtNode {
    const { bitfield, pointers } = readTrieNode(store, cid, config.bitWidth, depth, 'HAMT');
    const node = new HamtNode();
    node.bitfield = bitfield;
    node.pointers = pointers.map((p) => decodePointer(p, cid, config));
    return node;
  }

  toIpld(): unknown[] {
    return [
      this.bitfield.toBytes(),
      this.pointers.map((p) => {
        if (p.kind === 'values') return p.kvs.map((kv) => [kv.key, kv.value]);
        if (p.kind === 'link') return p.cid;
        throw new FatalError('HAMT node encoded before its children were flushed');
      }),
    ];
  }

  get(store: Blockstore, config: HamtConfig, digest: Uint8Array, depth: number, key: Uint8Array): KeyValue | undefined {
    const idx = hashBits(digest, depth * config.bitWidth, config.bitWidth);
    if (!this.bitfield.test(idx)) return undefined;
    const p = this.pointers[this.bitfield.indexOf(idx)]!;
    if (p.kind === 'values') return p.kvs.find((kv) => compareBytes(kv.key, key) === 0);
    return childOf(p, store, config, depth).get(store, config, digest, depth + 1, key);
  }

  /** Inserts or replaces; answers true when a new key was added. */
  set(store: Blockstore, config: HamtConfig, digest: Uint8Array, depth: number, kv: KeyValue, hash: (k: Uint8Array) => Uint8Array): boolean {
    const idx = hashBits(digest, depth * config.bitWidth, config.bitWidth);
    if (!this.bitfield.test(idx)) {
      this.pointers.splice(this.bitfield.indexOf(idx), 0, { kind: 'values', kvs: [kv] });
      this.bitfield.set(idx);
      return true;
    }
    const at = this.bitfield.indexOf(idx);
    const p = this.pointers[at]!;
    if (p.kind !== 'values') {
      const child = childOf(p, store, config, depth);
      this.pointers[at] = { kind: 'dirty', node: child };
      return child.set(store, config, digest, depth + 1, kv, hash);
    }
    let pos = 0;
    while (pos < p.kvs.length) {
      const c = compareBytes(p.kvs[pos]!.key, kv.key);
      if (c === 0) {
        p.kvs[pos] = kv;
        return false;
      }
      if (c > 0) break;
      pos++;
    }
    if (p.kvs.length < config.maxArrayWidth) {
      p.kvs.splice(pos, 0, kv);
      return true;
    }
    // A full bucket turns into a child node holding its values and the new one.
    const child = new HamtNode();
    child.set(store, config, digest, depth + 1, kv, hash);
    for (const old of p.kvs) child.set(store, config, hash(old.key), depth + 1, old, hash);
    this.pointers[at] = { kind: 'dirty', node: child };
    return true;
  }

  /** Removes `key`; answers whether it was there. Collapses children that became small. */
  delete(store: Blockstore, config: HamtConfig, digest: Uint8Array, depth: number, key: Uint8Array): boolean {
    const idx = hashBits(digest, depth * config.bitWidth, config.bitWidth);
    if (!this.bitfield.test(idx)) return false;
    const at = this.bitfield.indexOf(idx);
    const p = this.pointers[at]!;
    if (p.kind === 'values') {
      const i = p.kvs.findIndex((kv) => compareBytes(kv.key, key) === 0);
      if (i < 0) return false;
      if (p.kvs.length === 1) {
        this.pointers.splice(at, 1);
        this.bitfield.clear(idx);
      } else {
        p.kvs.splice(i, 1);
      }
      return true;
    }
    const child = childOf(p, store, config, depth);
    if (!child.delete(store, config, digest, depth + 1, key)) return false;
    this.pointers[at] = collapse(child, config);
    return true;
  }

  /** Writes dirty children bottom-up and turns them into links. */
  flushChildren(store: Blockstore): void {
    for (let i = 0; i < this.pointers.length; i++) {
      const p = this.pointers[i]!;
      if (p.kind !== 'dirty') continue;
      p.node.flushChildren(store);
      this.pointers[i] = { kind: 'link', cid: putTrieNode(store, p.node.toIpld()), cache: p.node };
    }
  }

  *entries(store: Blockstore, config: HamtConfig, depth: number): IterableIterator<KeyValue> {
    for (const p of this.pointers) {
      if (p.kind === 'values') yield* p.kvs;
      else yield* childOf(p, store, config, depth).entries(store, config, depth + 1);
    }
  }
}

function childOf(p: Pointer, store: Blockstore, config: HamtConfig, depth: number): HamtNode {
  if (p.kind === 'dirty') return p.node;
  if (p.kind === 'link') return (p.cache ??= HamtNode.load(store, p.cid, config, depth + 1));
  throw new FatalError('HAMT pointer is a bucket, not a child');
}

/** The canonical pointer for a modified child (pointer.rs `clean`): a bucket when its values fit one. */
function collapse(child: HamtNode, config: HamtConfig): Pointer {
  const n = child.pointers.length;
  if (n === 0) throw new FatalError('HAMT child node left without pointers');
  if (n === 1) {
    const only = child.pointers[0]!;
    return only.kind === 'values' ? only : { kind: 'dirty', node: child };
  }
  if (n <= config.maxArrayWidth) {
    const kvs: KeyValue[] = [];
    for (const p of child.pointers) {
      if (p.kind !== 'values') return { kind: 'dirty', node: child };
      kvs.push(...p.kvs);
    }
    if (kvs.length <= config.maxArrayWidth) {
      kvs.sort((a, b) => compareBytes(a.key, b.key));
      return { kind: 'values', kvs };
    }
  }
  return { kind: 'dirty', node: child };
}

function decodePointer(raw: unknown, cid: CID, config: HamtConfig): Pointer {
  const link = CID.asCID(raw);
  if (link) {
    if (link.code !== DAG_CBOR) throw new FatalError(`HAMT node ${cid} links to a non-dag-cbor block`);
    return { kind: 'link', cid: link, cache: undefined };
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > config.maxArrayWidth) {
    throw new FatalError(`HAMT node ${cid} has a malformed bucket`);
  }
  const kvs = raw.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2 || !(pair[0] instanceof Uint8Array)) {
      throw new FatalError(`HAMT node ${cid} has a malformed key/value pair`);
    }
    return { key: pair[0], value: pair[1] as unknown };
  });
  for (let i = 1; i < kvs.length; i++) {
    if (compareBytes(kvs[i - 1]!.key, kvs[i]!.key) >= 0) throw new FatalError(`HAMT node ${cid} has unsorted or duplicate keys`);
  }
  return { kind: 'values', kvs };
}
