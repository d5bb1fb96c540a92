// Memory, LMDB and buffered blockstores all keep the Blockstore contract; the buffer writes through
// only on flush; the memory store does not pin the larger buffers its blocks arrive in.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BufferedBlockstore,
  LmdbBlockstore,
  LmdbEnvironment,
  MemoryBlockstore,
  blockCid,
  ownedBytes,
  putCbor,
} from '../../../src/ipld/index.ts';
import { blockstoreContract } from './blockstore-suite.ts';

describe('MemoryBlockstore', () => {
  blockstoreContract(async () => {
    const store = new MemoryBlockstore();
    return { store, reopen: async () => store, close: async () => {} };
  });

  it('keeps a copy of each block, not the larger buffer a block arrives in', () => {
    const slab = new Uint8Array(64 * 1024);
    const store = new MemoryBlockstore();
    const blocks = [1, 2, 3].map((n) => {
      slab.set([0x83, n, n, n], n * 1000);
      const view = slab.subarray(n * 1000, n * 1000 + 4);
      store.put(blockCid(view), view);
      return { cid: blockCid(view), bytes: Uint8Array.from(view) };
    });
    slab.fill(0);
    for (const { cid, bytes } of blocks) {
      const kept = store.get(cid)!;
      assert.deepEqual(kept, bytes);
      assert.notEqual(kept.buffer, slab.buffer);
    }
  });

  it('reads back every block of several pages of them', () => {
    const store = new MemoryBlockstore();
    const blocks = Array.from({ length: 3000 }, (_, i) => {
      const bytes = new Uint8Array(1000 + (i % 97)).fill(i & 0xff);
      bytes[0] = i >> 8;
      return { cid: blockCid(bytes, 0x55), bytes };
    });
    store.putMany(blocks);
    for (const { cid, bytes } of blocks) assert.deepEqual(store.get(cid), bytes);
  });

  it('keeps a block larger than its pages whole', () => {
    const big = new Uint8Array(600 * 1024).map((_, i) => i & 0xff);
    const store = new MemoryBlockstore();
    store.put(blockCid(big, 0x55), big);
    assert.deepEqual(store.get(blockCid(big, 0x55)), big);
  });
});

describe('ownedBytes', () => {
  it('answers bytes that own their whole buffer as they are, and copies a view', () => {
    const whole = new Uint8Array([1, 2, 3]);
    assert.equal(ownedBytes(whole), whole);
    const view = new Uint8Array(100).subarray(10, 13);
    const owned = ownedBytes(view);
    assert.notEqual(owned, view);
    assert.deepEqual(owned, view);
    assert.equal(owned.buffer.byteLength, 3);
  });
});

describe('LmdbBlockstore', () => {
  blockstoreContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-lmdb-'));
    let env = LmdbEnvironment.open(dir);
    return {
      store: new LmdbBlockstore(env),
      reopen: async () => {
        await env.close();
        env = LmdbEnvironment.open(dir);
        return new LmdbBlockstore(env);
      },
      close: async () => {
        await env.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describe('BufferedBlockstore', () => {
  blockstoreContract(async () => {
    const base = new MemoryBlockstore();
    const store = new BufferedBlockstore(base);
    return {
      store,
      reopen: async () => {
        store.flush();
        return base;
      },
      close: async () => {},
    };
  });

  it('keeps writes out of the base store until flush, and drops them on discard', () => {
    const base = new MemoryBlockstore();
    const buffered = new BufferedBlockstore(base);
    const kept = putCbor(buffered, 'kept');
    assert.equal(base.has(kept), false);
    assert.equal(buffered.has(kept), true);
    buffered.flush();
    assert.equal(base.has(kept), true);
    const dropped = putCbor(buffered, 'dropped');
    buffered.discard();
    assert.equal(buffered.has(dropped), false);
    assert.equal(base.has(dropped), false);
  });
});
