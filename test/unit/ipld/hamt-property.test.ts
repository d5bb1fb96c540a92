// HAMT properties against a plain Map: random puts and deletes, flush, reload, same content; every
// entry once; the same root CID whatever the order of insertion, and after deleting back to a subset.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryBlockstore } from '../../../src/ipld/index.ts';
import { Hamt } from '../../../src/ipld/hamt/index.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** A small key space so buckets overflow into children and collapse back on delete. */
const key = fc.integer({ min: 0, max: 400 }).map((n) => Uint8Array.of(n >> 8, n & 0xff));
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

function build(entries: [Uint8Array, number][], bitWidth: number): string {
  const hamt = Hamt.create(new MemoryBlockstore(), { bitWidth });
  for (const [k, v] of entries) hamt.set(k, v);
  return hamt.flush().toString();
}

for (const bitWidth of [5, 8, 2]) {
  describe(`HAMT properties, bit width ${bitWidth}`, () => {
    it('matches a Map model across flush and reload; root independent of history', () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 400 }), fc.integer(), (ops, seed) => {
          const store = new MemoryBlockstore();
          const hamt = Hamt.create(store, { bitWidth });
          const model = new Map<string, [Uint8Array, number]>();
          for (const o of ops) {
            if (o.kind === 'set') {
              assert.equal(hamt.set(o.key, o.value), !model.has(hex(o.key)));
              model.set(hex(o.key), [o.key, o.value]);
            } else {
              assert.equal(hamt.delete(o.key), model.delete(hex(o.key)));
            }
          }
          const root = hamt.flush();
          const reloaded = Hamt.load(store, root, { bitWidth });
          const seen = new Map<string, unknown>();
          for (const [k, v] of reloaded.entries()) {
            assert.ok(!seen.has(hex(k)), 'an entry came twice');
            seen.set(hex(k), v);
          }
          assert.equal(seen.size, model.size);
          for (const [h, [k, v]] of model) {
            assert.equal(seen.get(h), v);
            assert.equal(reloaded.get(k), v);
          }
          const entries = [...model.values()];
          const shuffled = fc.sample(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), { seed, numRuns: 1 })[0]!;
          assert.equal(build(shuffled, bitWidth), root.toString());
        }),
        { numRuns: 60 },
      );
    });

    it('adding keys then deleting them gives back the same root', () => {
      fc.assert(
        fc.property(fc.uniqueArray(key, { selector: hex, maxLength: 150 }), fc.uniqueArray(key, { selector: hex, maxLength: 150 }), (base, extra) => {
          const baseSet = new Set(base.map(hex));
          const added = extra.filter((k) => !baseSet.has(hex(k)));
          const hamt = Hamt.create(new MemoryBlockstore(), { bitWidth });
          for (const k of base) hamt.set(k, 1);
          const before = hamt.flush().toString();
          for (const k of added) hamt.set(k, 2);
          hamt.flush();
          for (const k of added) assert.ok(hamt.delete(k));
          assert.equal(hamt.flush().toString(), before);
        }),
        { numRuns: 60 },
      );
    });
  });
}
