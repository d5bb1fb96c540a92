// What HAMT and KAMT nodes share on disk (FVM:ipld/hamt and ipld/kamt `Node::load`): the tuple
// `[bitfield, pointers]`, one pointer per set bit, at most 2^bitWidth of them, and no empty node below the
// root. Each trie decodes its own pointers from what this answers.

import type { CID } from 'multiformats/cid';
import { FatalError } from '../primitives/index.ts';
import { blockCid, decodeCbor, encodeCbor, getBlock } from './block.ts';
import type { Blockstore } from './blockstore.ts';
import { BoundedCache } from './bounded-cache.ts';
import { Bitfield } from './hamt/bitfield.ts';

/**
 * Decoded trie nodes by CID. Reading a node still reads its block from the store (which is what the FVM
 * charges for); only the decoding is shared. Callers build their own node objects from the pointers and
 * never change the decoded values. Weighed by block size: a decoded node takes about five times its
 * block in the heap, so 4 MiB of blocks is about 20 MB, far more than the paths a tipset or an eth_call
 * reads (state tree and contract storage: tens of nodes). Bounded by count instead (32,768 nodes) it
 * reached 260 MB of mostly dead node versions after 4,000 one-transfer tipsets.
 */
const decoded = new BoundedCache<unknown>(4 * 1024 * 1024);

/** The decoded-node cache, for tests of its bound. */
export const decodedTrieNodes: { readonly size: number; readonly weight: number } = decoded;

function decodeTrieBlock(store: Blockstore, cid: CID): unknown {
  const bytes = getBlock(store, cid);
  const key = cid.toString();
  let raw = decoded.get(key);
  if (raw === undefined) {
    raw = decodeCbor(bytes);
    decoded.set(key, raw, bytes.length);
  }
  return raw;
}

/** Writes a trie node, and keeps the form a later read of the block would decode to. */
export function putTrieNode(store: Blockstore, value: unknown): CID {
  const bytes = encodeCbor(value);
  const cid = blockCid(bytes);
  store.put(cid, bytes);
  decoded.set(cid.toString(), asDecoded(value), bytes.length);
  return cid;
}

/** `value` as dag-cbor decoding gives it back: a copy whose integers in the safe range are numbers. */
function asDecoded(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
  if (Array.isArray(value)) return value.map(asDecoded);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDecoded(v)]));
  }
  return value;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function readTrieNode(store: Blockstore, cid: CID, bitWidth: number, depth: number, kind: string): { bitfield: Bitfield; pointers: unknown[] } {
  const raw = decodeTrieBlock(store, cid);
  if (!Array.isArray(raw) || raw.length !== 2 || !(raw[0] instanceof Uint8Array) || !Array.isArray(raw[1])) {
    throw new FatalError(`${kind} node ${cid} is not a [bitfield, pointers] tuple`);
  }
  const bitfield = Bitfield.fromBytes(raw[0]);
  const pointers = raw[1] as unknown[];
  if (pointers.length > 1 << bitWidth || bitfield.count() !== pointers.length) {
    throw new FatalError(`${kind} node ${cid} has ${pointers.length} pointers for ${bitfield.count()} bits`);
  }
  if (pointers.length === 0 && depth !== 0) throw new FatalError(`${kind} node ${cid} below the root is empty`);
  return { bitfield, pointers };
}
