// One KAMT node and the algorithms on it (FEVM-FACTS §2.5; FVM:ipld/kamt/src/node.rs, pointer.rs).
// Like the HAMT, but keys are 32-byte values used as their own hash, and links carry an extension: the
// key bits all entries below share. Inserting a key that leaves an extension early splits it into a
// midway node; deleting down to one child merges the extensions again, so the shape stays canonical.
// Pointers are single-key maps: {"v": [[key, value], …]} or {"l": [cid, extension bits, path bytes]}.

import { CID } from 'multiformats/cid';
import { FatalError, compareBytes } from '../../primitives/index.ts';
import { DAG_CBOR } from '../block.ts';
import { putTrieNode, readTrieNode } from '../trie-node.ts';
import type { Blockstore } from '../blockstore.ts';
import { Bitfield } from '../hamt/bitfield.ts';
import {
  KeyBits,
  bytesToBits,
  chunkBits,
  extensionFromBytes,
  extensionToBytes,
  longestCommonPrefix,
  longestMatch,
  type Extension,
} from './extension.ts';

export interface KamtConfig {
  bitWidth: number;
  maxArrayWidth: number;
}

export interface KamtEntry {
  /** 32 bytes, big-endian. */
  key: Uint8Array;
  value: unknown;
}

type Pointer =
  | { kind: 'values'; kvs: KamtEntry[] }
  | { kind: 'link'; cid: CID; ext: Extension; cache: KamtNode | undefined }
  | { kind: 'dirty'; node: KamtNode; ext: Extension };

export const KEY_BYTES = 32;

/** U256 keys are stored as their minimal big-endian bytes (leading zeros stripped; zero is empty). */
function keyToIpld(key: Uint8Array): Uint8Array {
  let i = 0;
  while (i < key.length && key[i] === 0) i++;
  return key.subarray(i);
}

function keyFromIpld(raw: unknown, cid: CID): Uint8Array {
  if (!(raw instanceof Uint8Array) || raw.length > KEY_BYTES) throw new FatalError(`KAMT node ${cid} has a malformed key`);
  const key = new Uint8Array(KEY_BYTES);
  key.set(raw, KEY_BYTES - raw.length);
  return key;
}

export class KamtNode {
  bitfield = new Bitfield();
  pointers: Pointer[] = [];

  static load(store: Blockstore, cid: CID, config: KamtConfig, depth: number): KamtNode {
    const { bitfield, pointers } = readTrieNode(store, cid, config.bitWidth, depth, 'KAMT');
    const node = new KamtNode();
    node.bitfield = bitfield;
    node.pointers = pointers.map((p) => decodePointer(p, cid, config));
    return node;
  }

  toIpld(): unknown[] {
    return [
      this.bitfield.toBytes(),
      this.pointers.map((p) => {
        if (p.kind === 'values') return { v: p.kvs.map((kv) => [keyToIpld(kv.key), kv.value]) };
        if (p.kind === 'link') return { l: [p.cid, p.ext.length, extensionToBytes(p.ext)] };
        throw new FatalError('KAMT node encoded before its children were flushed');
      }),
    ];
  }

  get(store: Blockstore, config: KamtConfig, bits: KeyBits, depth: number, key: Uint8Array): KamtEntry | undefined {
    const idx = bits.next(config.bitWidth);
    if (!this.bitfield.test(idx)) return undefined;
    const p = this.pointers[this.bitfield.indexOf(idx)]!;
    if (p.kind === 'values') return p.kvs.find((kv) => compareBytes(kv.key, key) === 0);
    if (longestMatch(p.ext, bits, config.bitWidth) !== p.ext.length) return undefined;
    return childOf(p, store, config, depth).get(store, config, bits, depth + 1, key);
  }

  /** Inserts or replaces; answers true when a new key was added. */
  set(store: Blockstore, config: KamtConfig, bits: KeyBits, depth: number, kv: KamtEntry): boolean {
    const idx = bits.next(config.bitWidth);
    if (!this.bitfield.test(idx)) {
      this.insert(idx, { kind: 'values', kvs: [kv] });
      return true;
    }
    const at = this.bitfield.indexOf(idx);
    const p = this.pointers[at]!;
    if (p.kind !== 'values') {
      const matched = longestMatch(p.ext, bits, config.bitWidth);
      if (matched === p.ext.length) {
        const child = childOf(p, store, config, depth);
        this.pointers[at] = { kind: 'dirty', node: child, ext: p.ext };
        return child.set(store, config, bits, depth + 1, kv);
      }
      // The key leaves the extension early: a midway node holds the old child and the new key.
      const midway = new KamtNode();
      const oldIdx = parseInt(p.ext.slice(matched, matched + config.bitWidth), 2);
      const tail = p.ext.slice(matched + config.bitWidth);
      midway.insert(oldIdx, p.kind === 'link' ? { kind: 'link', cid: p.cid, ext: tail, cache: p.cache } : { kind: 'dirty', node: p.node, ext: tail });
      midway.insert(bits.next(config.bitWidth), { kind: 'values', kvs: [kv] });
      this.pointers[at] = { kind: 'dirty', node: midway, ext: p.ext.slice(0, matched) };
      return true;
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
    // A full bucket becomes a child, behind an extension of the bits all its keys share.
    const hashes = p.kvs.map((old) => bytesToBits(old.key));
    const ext = longestCommonPrefix(bits, config.bitWidth, hashes);
    const consumed = bits.consumed;
    const child = new KamtNode();
    child.set(store, config, bits, depth + 1, kv);
    p.kvs.forEach((old, i) => child.set(store, config, new KeyBits(hashes[i]!, consumed), depth + 1, old));
    this.pointers[at] = { kind: 'dirty', node: child, ext };
    return true;
  }

  delete(store: Blockstore, config: KamtConfig, bits: KeyBits, depth: number, key: Uint8Array): boolean {
    const idx = bits.next(config.bitWidth);
    if (!this.bitfield.test(idx)) return false;
    const at = this.bitfield.indexOf(idx);
    const p = this.pointers[at]!;
    if (p.kind === 'values') {
      const i = p.kvs.findIndex((kv) => compareBytes(kv.key, key) === 0);
      if (i < 0) return false;
      if (p.kvs.length === 1) this.remove(at, idx);
      else p.kvs.splice(i, 1);
      return true;
    }
    if (longestMatch(p.ext, bits, config.bitWidth) !== p.ext.length) return false;
    const child = childOf(p, store, config, depth);
    if (!child.delete(store, config, bits, depth + 1, key)) return false;
    this.pointers[at] = collapse(child, p.ext, config);
    return true;
  }

  flushChildren(store: Blockstore): void {
    for (let i = 0; i < this.pointers.length; i++) {
      const p = this.pointers[i]!;
      if (p.kind !== 'dirty') continue;
      p.node.flushChildren(store);
      this.pointers[i] = { kind: 'link', cid: putTrieNode(store, p.node.toIpld()), ext: p.ext, cache: p.node };
    }
  }

  *entries(store: Blockstore, config: KamtConfig, depth: number): IterableIterator<KamtEntry> {
    for (const p of this.pointers) {
      if (p.kind === 'values') yield* p.kvs;
      else yield* childOf(p, store, config, depth).entries(store, config, depth + 1);
    }
  }

  private insert(idx: number, pointer: Pointer): void {
    this.pointers.splice(this.bitfield.indexOf(idx), 0, pointer);
    this.bitfield.set(idx);
  }

  private remove(at: number, idx: number): void {
    this.pointers.splice(at, 1);
    this.bitfield.clear(idx);
  }

  /** Index of the highest set bit (the only one, when a node has one pointer). */
  lastIndex(width: number): number {
    for (let i = (1 << width) - 1; i >= 0; i--) if (this.bitfield.test(i)) return i;
    throw new FatalError('KAMT node has no pointers');
  }
}

function childOf(p: Pointer, store: Blockstore, config: KamtConfig, depth: number): KamtNode {
  if (p.kind === 'dirty') return p.node;
  if (p.kind === 'link') return (p.cache ??= KamtNode.load(store, p.cid, config, depth + 1));
  throw new FatalError('KAMT pointer is a bucket, not a child');
}

/** The canonical pointer for a modified child behind extension `ext` (pointer.rs `clean`). */
function collapse(child: KamtNode, ext: Extension, config: KamtConfig): Pointer {
  const n = child.pointers.length;
  if (n === 0) throw new FatalError('KAMT child node left without pointers');
  if (n === 1) {
    const only = child.pointers[0]!;
    if (only.kind === 'values') return only;
    // One child left: skip this node by joining the extensions around its only slot.
    const merged = ext + chunkBits(child.lastIndex(config.bitWidth), config.bitWidth) + only.ext;
    return only.kind === 'link' ? { ...only, ext: merged } : { kind: 'dirty', node: only.node, ext: merged };
  }
  if (n <= config.maxArrayWidth) {
    const kvs: KamtEntry[] = [];
    for (const p of child.pointers) {
      if (p.kind !== 'values') return { kind: 'dirty', node: child, ext };
      kvs.push(...p.kvs);
    }
    if (kvs.length <= config.maxArrayWidth) {
      kvs.sort((a, b) => compareBytes(a.key, b.key));
      return { kind: 'values', kvs };
    }
  }
  return { kind: 'dirty', node: child, ext };
}

function decodePointer(raw: unknown, cid: CID, config: KamtConfig): Pointer {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new FatalError(`KAMT node ${cid} has a malformed pointer`);
  const entries = Object.entries(raw);
  if (entries.length !== 1) throw new FatalError(`KAMT node ${cid} has a pointer with ${entries.length} keys`);
  const [tag, body] = entries[0]!;
  if (tag === 'l') {
    const [link, length, path] = Array.isArray(body) ? (body as unknown[]) : [];
    const target = CID.asCID(link);
    if (!target || target.code !== DAG_CBOR || typeof length !== 'number' || !(path instanceof Uint8Array)) {
      throw new FatalError(`KAMT node ${cid} has a malformed link`);
    }
    if (length % config.bitWidth !== 0) throw new FatalError(`KAMT node ${cid} has an extension of ${length} bits`);
    return { kind: 'link', cid: target, ext: extensionFromBytes(length, path), cache: undefined };
  }
  if (tag !== 'v' || !Array.isArray(body) || body.length === 0 || body.length > config.maxArrayWidth) {
    throw new FatalError(`KAMT node ${cid} has a malformed bucket`);
  }
  const kvs = body.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new FatalError(`KAMT node ${cid} has a malformed key/value pair`);
    return { key: keyFromIpld(pair[0], cid), value: pair[1] as unknown };
  });
  for (let i = 1; i < kvs.length; i++) {
    if (compareBytes(kvs[i - 1]!.key, kvs[i]!.key) >= 0) throw new FatalError(`KAMT node ${cid} has unsorted or duplicate keys`);
  }
  return { kind: 'values', kvs };
}
