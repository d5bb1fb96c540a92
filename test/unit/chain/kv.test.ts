// The chain's key-value tables, in memory and in LMDB, against one model: puts and deletes inside and
// outside transactions (a throwing one leaves nothing), and range answering keys in [from, to) in
// byte order, transaction writes included. The log index and the tipset records read through range.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { LmdbEnvironment } from '../../../src/ipld/index.ts';
import { LmdbKv, MemoryKv, type KvStore } from '../../../src/chain/store/kv.ts';

type Op = { kind: 'put'; key: number; value: number } | { kind: 'delete'; key: number } | { kind: 'range'; from: number; to: number } | { kind: 'tx'; ops: Op[]; fail: boolean };

const key = (n: number) => new Uint8Array([n >> 8, n & 0xff]);
const simple = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key: fc.nat(300), value: fc.nat(255) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(300) }),
  fc.record({ kind: fc.constant('range' as const), from: fc.nat(300), to: fc.nat(300) }),
);
const op: fc.Arbitrary<Op> = fc.oneof(simple, fc.record({ kind: fc.constant('tx' as const), ops: fc.array(simple, { maxLength: 8 }), fail: fc.boolean() }));

function check(store: KvStore, ops: Op[]): void {
  const table = store.table('t');
  let model = new Map<number, number>();
  const apply = (o: Op, into: Map<number, number>) => {
    if (o.kind === 'put') {
      table.put(key(o.key), new Uint8Array([o.value]));
      into.set(o.key, o.value);
    } else if (o.kind === 'delete') {
      table.delete(key(o.key));
      into.delete(o.key);
    } else if (o.kind === 'range') {
      const got = [...table.range(key(o.from), key(o.to))].map(([k, v]) => [(k[0]! << 8) | k[1]!, v[0]!]);
      const want = [...into].filter(([k]) => k >= o.from && k < o.to).sort(([a], [b]) => a - b);
      assert.deepEqual(got, want);
    }
  };
  for (const o of ops) {
    if (o.kind !== 'tx') {
      apply(o, model);
      continue;
    }
    const inside = new Map(model);
    try {
      store.transaction(() => {
        for (const inner of o.ops) apply(inner, inside);
        if (o.fail) throw new Error('rolled back');
      });
      model = inside;
    } catch (error) {
      assert.equal((error as Error).message, 'rolled back');
    }
    for (const [k, v] of model) assert.deepEqual(table.get(key(k)), new Uint8Array([v]));
  }
}

describe('chain key-value tables', () => {
  it('MemoryKv behaves as the model', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => check(new MemoryKv(), ops)), { numRuns: 200 });
  });

  it('LmdbKv behaves as the model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-kv-'));
    const env = LmdbEnvironment.open(dir);
    try {
      let n = 0;
      fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const kv = new LmdbKv(env);
        const name = `t${n++}`;
        check({ table: () => kv.table(name), transaction: (fn) => kv.transaction(fn) }, ops);
      }), { numRuns: 12 });
    } finally {
      await env.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('MemoryKv keeps a value given as a view into a larger buffer without that buffer', () => {
    const kv = new MemoryKv();
    const slab = new Uint8Array(64 * 1024).fill(7);
    kv.table('t').put(key(1), slab.subarray(100, 108));
    kv.transaction(() => kv.table('t').put(key(2), slab.subarray(200, 204)));
    for (const [k, length] of [[1, 8], [2, 4]] as const) {
      const kept = kv.table('t').get(key(k))!;
      assert.deepEqual(kept, new Uint8Array(length).fill(7));
      assert.equal(kept.buffer.byteLength, length);
    }
  });
});
