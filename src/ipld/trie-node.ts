// What HAMT and KAMT nodes share on disk (FVM:ipld/hamt and ipld/kamt `Node::load`): the tuple
// `[bitfield, pointers]`, one pointer per set bit, at most 2^bitWidth of them, and no empty node below the
// root. Each trie decodes its own pointers from what this answers.

import type { CID } from 'multiformats/cid';
import { FatalError } from '../primitives/index.ts';
import { getCbor } from './block.ts';
import type { Blockstore } from './blockstore.ts';
import { Bitfield } from './hamt/bitfield.ts';

export function readTrieNode(store: Blockstore, cid: CID, bitWidth: number, depth: number, kind: string): { bitfield: Bitfield; pointers: unknown[] } {
  const raw = getCbor(store, cid);
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
