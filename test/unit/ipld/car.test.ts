// CAR export/import: what a user shares to hand over a prepared devnet must come back whole, and a
// damaged file must be refused without touching the store.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CarError,
  MemoryBlockstore,
  collectDag,
  exportCar,
  getCbor,
  identityCid,
  importCar,
  putCbor,
  putRaw,
} from '../../../src/ipld/index.ts';

function sampleDag(store: MemoryBlockstore) {
  const code = putRaw(store, Uint8Array.of(0x60, 0x80, 0x60, 0x40));
  const leaf = putCbor(store, ['leaf', 1]);
  const shared = putCbor(store, { shared: true });
  const mid = putCbor(store, [leaf, shared, code, identityCid('fil/18/evm')]);
  const root = putCbor(store, { mid, shared, n: 7 });
  return { root, mid, leaf, shared, code };
}

describe('CAR', () => {
  it('round-trips a DAG: every block under the root, each once', () => {
    const source = new MemoryBlockstore();
    const dag = sampleDag(source);
    putCbor(source, 'unrelated block');
    const car = exportCar(source, [dag.root]);
    const target = new MemoryBlockstore();
    const { roots, blocks } = importCar(target, car);
    assert.deepEqual(roots.map(String), [dag.root.toString()]);
    assert.equal(blocks, 5);
    assert.equal(target.size, 5);
    assert.deepEqual(getCbor(target, dag.leaf), ['leaf', 1]);
    assert.deepEqual(target.get(dag.code), Uint8Array.of(0x60, 0x80, 0x60, 0x40));
  });

  it('lists parents before children', () => {
    const store = new MemoryBlockstore();
    const dag = sampleDag(store);
    const order = collectDag(store, [dag.root]).map((b) => b.cid.toString());
    assert.equal(order[0], dag.root.toString());
    assert.ok(order.indexOf(dag.mid.toString()) < order.indexOf(dag.leaf.toString()));
  });

  it('refuses a corrupted file and stores nothing from it', () => {
    const source = new MemoryBlockstore();
    const dag = sampleDag(source);
    const car = exportCar(source, [dag.root]);
    const damaged = Uint8Array.from(car);
    damaged[damaged.length - 2]! ^= 0xff;
    const target = new MemoryBlockstore();
    assert.throws(() => importCar(target, damaged), CarError);
    assert.equal(target.size, 0);
  });

  it('refuses bytes that are not a CAR file', () => {
    assert.throws(() => importCar(new MemoryBlockstore(), Uint8Array.of(1, 2, 3)), CarError);
  });
});
