// The AMT against a Map model under random sets, deletes, flushes and reloads, at dense, sparse and
// huge (bigint, up to 2^64 - 2) indexes, and the canonical-form promise: the root depends only on the
// content, never on the order or history of writes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Amt, AMT_MAX_INDEX, type AmtOptions } from '../../../src/ipld/amt/index.ts';
import { MemoryBlockstore } from '../../../src/ipld/memory-blockstore.ts';

type Op =
  | { kind: 'set'; index: bigint; value: unknown }
  | { kind: 'delete'; index: bigint }
  | { kind: 'deleteExisting'; pick: number }
  | { kind: 'flush' }
  | { kind: 'reload' };

/** Mostly small indexes (shared nodes), some sparse ones, a few that force tall trees. */
const indexArb: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 5, arbitrary: fc.bigInt({ min: 0n, max: 70n }) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 5000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) + 100n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: AMT_MAX_INDEX - 100n, max: AMT_MAX_INDEX }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: AMT_MAX_INDEX }) },
);

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.uint8Array({ maxLength: 6 }),
  fc.integer(),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), index: indexArb, value: valueArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), index: indexArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deleteExisting' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

const optionsArb: fc.Arbitrary<AmtOptions> = fc.oneof(
  fc.constantFrom(1, 2, 3, 5).map((bitWidth) => ({ bitWidth })),
  fc.constant({ version: 'v0' as const }),
);

/** Public indexes are numbers while safe; the model keys everything by bigint. */
function publicIndex(index: bigint): number | bigint {
  return index <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(index) : index;
}

function sortedEntries(model: Map<bigint, unknown>): Array<[bigint, unknown]> {
  return [...model].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Height of the canonical tree: the least that reaches the largest index. */
function expectedHeight(model: Map<bigint, unknown>, bitWidth: number): number {
  let max = -1n;
  for (const index of model.keys()) if (index > max) max = index;
  let height = 0;
  while (bitWidth * (height + 1) < 64 && max >= 1n << BigInt(bitWidth * (height + 1))) height++;
  return height;
}

function buildRoot(store: MemoryBlockstore, entries: Array<[bigint, unknown]>, options: AmtOptions): string {
  const amt = Amt.create(store, options);
  for (const [index, value] of entries) amt.set(publicIndex(index), value);
  return amt.flush().toString();
}

function assertMatches(amt: Amt, model: Map<bigint, unknown>): void {
  assert.equal(amt.count, model.size);
  assert.deepEqual([...amt.bigEntries()], sortedEntries(model));
  for (const [index, value] of model) assert.deepEqual(amt.get(publicIndex(index)), value);
  assert.equal(amt.height, expectedHeight(model, amt.bitWidth));
}

describe('AMT matches a Map model', () => {
  it('under random sets, deletes, flushes and reloads', () => {
    fc.assert(
      fc.property(optionsArb, fc.array(opArb, { maxLength: 80, size: 'max' }), fc.array(indexArb, { maxLength: 5 }), (options, ops, probes) => {
        const store = new MemoryBlockstore();
        const model = new Map<bigint, unknown>();
        let amt = Amt.create(store, options);
        for (const op of ops) {
          switch (op.kind) {
            case 'set':
              amt.set(publicIndex(op.index), op.value);
              model.set(op.index, op.value);
              break;
            case 'delete':
              assert.equal(amt.delete(publicIndex(op.index)), model.delete(op.index));
              break;
            case 'deleteExisting': {
              const keys = [...model.keys()];
              if (keys.length === 0) break;
              const index = keys[op.pick % keys.length]!;
              // Half the time as a bigint even when it is small: both forms name the same index.
              assert.equal(amt.delete(op.pick % 2 === 0 ? publicIndex(index) : index), true);
              model.delete(index);
              break;
            }
            case 'flush':
              amt.flush();
              break;
            case 'reload':
              amt = Amt.load(store, amt.flush(), options);
              break;
          }
        }
        assertMatches(amt, model);
        for (const probe of probes) assert.deepEqual(amt.get(publicIndex(probe)), model.get(probe));

        // Same content, same root: reloaded, and rebuilt from scratch in three different orders.
        const root = amt.flush().toString();
        const reloaded = Amt.load(store, amt.flush(), options);
        assertMatches(reloaded, model);
        const entries = sortedEntries(model);
        const scrambled = [...entries].sort(([a], [b]) => Number(((a * 2654435761n) % 1009n) - ((b * 2654435761n) % 1009n)));
        const fresh = new MemoryBlockstore();
        assert.equal(buildRoot(fresh, entries, options), root);
        assert.equal(buildRoot(fresh, [...entries].reverse(), options), root);
        assert.equal(buildRoot(fresh, scrambled, options), root);
      }),
      { numRuns: 150 },
    );
  });

  it('adding values then deleting them again gives back the original root', () => {
    const entryArb = fc.tuple(indexArb, valueArb);
    fc.assert(
      fc.property(
        optionsArb,
        fc.uniqueArray(entryArb, { selector: ([index]) => index, maxLength: 40, size: 'max' }),
        fc.uniqueArray(indexArb, { maxLength: 20, size: 'max' }),
        fc.boolean(),
        (options, base, extra, flushBetween) => {
          const store = new MemoryBlockstore();
          const amt = Amt.create(store, options);
          for (const [index, value] of base) amt.set(publicIndex(index), value);
          const before = amt.flush().toString();
          const baseIndexes = new Set(base.map(([index]) => index));
          const added = extra.filter((index) => !baseIndexes.has(index));
          for (const index of added) amt.set(publicIndex(index), 'extra');
          const grown = flushBetween ? Amt.load(store, amt.flush(), options) : amt;
          for (const index of [...added].reverse()) assert.equal(grown.delete(publicIndex(index)), true);
          assert.equal(grown.flush().toString(), before);
          assert.equal(grown.count, base.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fromArray equals setting 0..n-1 one by one, for v3 and v0', () => {
    fc.assert(
      fc.property(optionsArb, fc.array(valueArb, { maxLength: 600, size: 'max' }), (options, values) => {
        const store = new MemoryBlockstore();
        const built = Amt.fromArray(store, values, options);
        assert.deepEqual([...built.entries()], values.map((value, i) => [i, value]));
        const oneByOne = Amt.create(store, options);
        values.forEach((value, i) => oneByOne.set(i, value));
        assert.equal(built.flush().toString(), oneByOne.flush().toString());
      }),
      { numRuns: 60 },
    );
  });
});
