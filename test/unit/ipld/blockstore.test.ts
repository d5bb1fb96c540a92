// Memory, LMDB and buffered blockstores all keep the Blockstore contract; the buffer writes through
// only on flush.

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
  putCbor,
} from '../../../src/ipld/index.ts';
import { blockstoreContract } from './blockstore-suite.ts';

describe('MemoryBlockstore', () => {
  blockstoreContract(async () => {
    const store = new MemoryBlockstore();
    return { store, reopen: async () => store, close: async () => {} };
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
