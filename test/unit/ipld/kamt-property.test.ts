// KAMT properties against a Map: random slot writes (small slots sharing long prefixes, mapping-like
// random slots, both mixed) and deletes; flush, reload, same content in ascending key order, and the
// same root whatever the history.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryBlockstore } from '../../../src/ipld/index.ts';
import { ContractStorage, Kamt } from '../../../src/ipld/kamt/index.ts';

const slot = fc.oneof(
  fc.bigInt({ min: 0n, max: 64n }),
  fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
  fc.integer({ min: 0, max: 255 }).map((n) => BigInt(n) << 248n),
  fc.integer({ min: 0, max: 200 }).map((n) => (1n << BigInt(n)) | 1n),
);
const value = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
const op = fc.tuple(slot, fc.oneof(value, fc.constant(0n)));

function build(entries: [bigint, bigint][]): string {
  const s = ContractStorage.create(new MemoryBlockstore());
  for (const [k, v] of entries) s.set(k, v);
  return s.flush().toString();
}

describe('ContractStorage properties', () => {
  it('matches a Map model across flush and reload; root independent of history', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 200 }), fc.integer(), (ops, seed) => {
        const store = new MemoryBlockstore();
        const storage = ContractStorage.create(store);
        const model = new Map<bigint, bigint>();
        for (const [k, v] of ops) {
          storage.set(k, v);
          if (v === 0n) model.delete(k);
          else model.set(k, v);
        }
        const root = storage.flush();
        const reloaded = ContractStorage.load(store, root);
        const expected = [...model.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
        assert.deepEqual([...reloaded.entries()], expected);
        for (const [k, v] of model) assert.equal(reloaded.get(k), v);
        const shuffled = fc.sample(fc.shuffledSubarray(expected, { minLength: expected.length, maxLength: expected.length }), { seed, numRuns: 1 })[0]!;
        assert.equal(build(shuffled), root.toString());
      }),
      { numRuns: 80 },
    );
  });

  it('writing slots then zeroing them gives back the same root', () => {
    fc.assert(
      fc.property(fc.uniqueArray(slot, { maxLength: 80 }), fc.uniqueArray(slot, { maxLength: 80 }), (base, extra) => {
        const baseSet = new Set(base);
        const added = extra.filter((k) => !baseSet.has(k));
        const storage = ContractStorage.create(new MemoryBlockstore());
        for (const k of base) storage.set(k, 1n);
        const before = storage.flush().toString();
        for (const k of added) storage.set(k, 2n);
        storage.flush();
        for (const k of added) storage.set(k, 0n);
        assert.equal(storage.flush().toString(), before);
      }),
      { numRuns: 80 },
    );
  });
});

describe('Kamt with buckets of 3 and bit width 3', () => {
  it('matches a Map model and is history independent', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 255 }).map((n) => n << 8)).map((n) => {
      const k = new Uint8Array(32);
      k[30] = n >> 8;
      k[31] = n & 0xff;
      return k;
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.option(fc.integer(), { nil: undefined })), { maxLength: 150 }), (ops) => {
        const store = new MemoryBlockstore();
        const kamt = Kamt.create(store, { bitWidth: 3, maxArrayWidth: 3 });
        const model = new Map<string, [Uint8Array, number]>();
        for (const [k, v] of ops) {
          const h = Buffer.from(k).toString('hex');
          if (v === undefined) assert.equal(kamt.delete(k), model.delete(h));
          else {
            kamt.set(k, v);
            model.set(h, [k, v]);
          }
        }
        const root = kamt.flush();
        const fresh = Kamt.create(new MemoryBlockstore(), { bitWidth: 3, maxArrayWidth: 3 });
        const sorted = [...model.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
        for (const [, [k, v]] of [...sorted].reverse()) fresh.set(k, v);
        assert.equal(fresh.flush().toString(), root.toString());
        const reloaded = Kamt.load(store, root, { bitWidth: 3, maxArrayWidth: 3 });
        assert.deepEqual([...reloaded.entries()].map(([k, v]) => [Buffer.from(k).toString('hex'), v]), sorted.map(([h, [, v]]) => [h, v]));
      }),
      { numRuns: 80 },
    );
  });
});
