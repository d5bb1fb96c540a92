// The contract every Blockstore must keep, run against each implementation by blockstore.test.ts.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { blockCid, encodeCbor, type Block, type Blockstore } from '../../../src/ipld/index.ts';

export interface BlockstoreFixture {
  store: Blockstore;
  /** Reopens the same storage (for persistent stores), or answers the same store. */
  reopen(): Promise<Blockstore>;
  close(): Promise<void>;
}

function block(value: unknown): Block {
  const bytes = encodeCbor(value);
  return { cid: blockCid(bytes), bytes };
}

export function blockstoreContract(make: () => Promise<BlockstoreFixture>): void {
  it('answers undefined and false for a block it never had', async () => {
    const f = await make();
    const { cid } = block('absent');
    assert.equal(f.store.get(cid), undefined);
    assert.equal(f.store.has(cid), false);
    await f.close();
  });

  it('gives back the exact bytes that were put', async () => {
    const f = await make();
    const b = block({ hello: 'world', n: 42 });
    f.store.put(b.cid, b.bytes);
    assert.deepEqual(f.store.get(b.cid), b.bytes);
    assert.equal(f.store.has(b.cid), true);
    await f.close();
  });

  it('putMany writes every block, visible after reopening', async () => {
    const f = await make();
    const blocks = Array.from({ length: 500 }, (_, i) => block([i, `block ${i}`]));
    f.store.putMany(blocks);
    const again = await f.reopen();
    for (const b of blocks) assert.deepEqual(again.get(b.cid), b.bytes);
    await f.close();
  });

  it('putMany writes none when the batch fails midway', async () => {
    const f = await make();
    const good = block('good');
    function* failing(): Generator<Block> {
      yield good;
      throw new Error('writer failed');
    }
    assert.throws(() => f.store.putMany(failing()), /writer failed/);
    assert.equal(f.store.has(good.cid), false);
    await f.close();
  });

  it('putting the same block twice is harmless', async () => {
    const f = await make();
    const b = block([1, 2, 3]);
    f.store.put(b.cid, b.bytes);
    f.store.putMany([b, b]);
    assert.deepEqual(f.store.get(b.cid), b.bytes);
    await f.close();
  });
}
