// Decoded HAMT and KAMT nodes are shared between reads from a cache with a fixed bound: writing many
// versions of a trie (what every tipset does to the state tree and to contract storage) does not grow
// it past 4 MiB of blocks, and the nodes still read back right.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hamt, MemoryBlockstore } from '../../../src/ipld/index.ts';
import { decodedTrieNodes } from '../../../src/ipld/trie-node.ts';

describe('decoded trie node cache', () => {
  it('stays within 4 MiB of blocks over 3,000 versions of a 2,000-entry HAMT', () => {
    const store = new MemoryBlockstore();
    const key = (i: number) => new TextEncoder().encode(`key ${i}`);
    const value = (i: number) => new TextEncoder().encode(`value ${i}`.padEnd(40));
    let hamt = Hamt.create(store);
    for (let i = 0; i < 2000; i++) hamt.set(key(i), value(i));
    let root = hamt.flush();
    for (let v = 0; v < 3000; v++) {
      hamt = Hamt.load(store, root);
      hamt.set(key(v % 2000), value(2000 + v));
      root = hamt.flush();
    }
    assert.ok(decodedTrieNodes.weight <= 4 * 1024 * 1024, `${decodedTrieNodes.weight} bytes of blocks decoded and kept`);
    const last = Hamt.load(store, root);
    assert.deepEqual(last.get(key(2999 % 2000)), value(2000 + 2999));
  });
});
