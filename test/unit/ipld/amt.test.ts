// The AMT against external vectors: root CIDs and block writes pinned by ref-fvm
// ipld/amt/tests/amt_tests.rs, empty roots seen on chain (Lotus block headers) and in go-fvm-sdk, and
// go-amt-ipld's structural and malformed-node tests. Property tests are in amt-property.test.ts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Amt, AMT_MAX_INDEX, AmtError, type AmtOptions } from '../../../src/ipld/amt/index.ts';
import { CID, blockCid, decodeCbor, encodeCbor, putCbor, type Block } from '../../../src/ipld/index.ts';
import { FatalError } from '../../../src/primitives/index.ts';
import { MemoryBlockstore } from '../../../src/ipld/memory-blockstore.ts';

/** Counts block writes like ref-fvm's TrackingBlockstore (`w`, `bw`), duplicates included. */
class CountingBlockstore extends MemoryBlockstore {
  writes = 0;
  bytesWritten = 0;

  override put(cid: CID, bytes: Uint8Array): void {
    this.writes++;
    this.bytesWritten += bytes.length;
    super.put(cid, bytes);
  }

  override putMany(blocks: Iterable<Block>): void {
    for (const { cid, bytes } of blocks) this.put(cid, bytes);
  }
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function expectAmtError(fn: () => unknown, reason: AmtError['reason']): void {
  assert.throws(fn, (error: unknown) => error instanceof AmtError && error.reason === reason);
}

function expectFatal(fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => error instanceof FatalError);
}

describe('AMT empty roots', () => {
  const cases: Array<[string, AmtOptions, string]> = [
    // ref-fvm amt_tests.rs `delete_bug_test`.
    ['v3, bit width 3', {}, 'bafy2bzacedijw74yui7otvo63nfl3hdq2vdzuy7wx2tnptwed6zml4vvz7wee'],
    // Computed: [5, 0, 0, [h'00000000', [], []]]; the bit width of the FVM events AMT.
    ['v3, bit width 5', { bitWidth: 5 }, 'bafy2bzaceacu3yonapahihxmnhzuvk76yupwjmyeymd2l5n6xfs5st52shm6a'],
    // go-fvm-sdk sdk/cases/adt.go (specs-actors adt.MakeEmptyArray with BalanceTableBitwidth 6).
    ['v3, bit width 6', { bitWidth: 6 }, 'bafy2bzaceaa2jny7gkgdwnid4kuldau6bnvgyss5bszo4uy6uikrncvdu5mc2'],
    // ParentMessageReceipts of Lotus blocks whose parents carried no messages (mainnet, calibnet).
    ['v0', { version: 'v0' }, 'bafy2bzacedswlcz5ddgqnyo3sak3jmhmkxashisnlpq6ujgyhe4mlobzpnhs6'],
  ];
  for (const [name, options, expected] of cases) {
    it(`${name} is ${expected}`, () => {
      assert.equal(Amt.create(new MemoryBlockstore(), options).flush().toString(), expected);
    });
  }

  it('v0 empty root is the 8 bytes 83 00 00 83 41 00 80 80, and Lotus TxMeta of two of them matches', () => {
    const store = new MemoryBlockstore();
    const empty = Amt.create(store, { version: 'v0' }).flush();
    assert.equal(Buffer.from(store.get(empty)!).toString('hex'), '8300008341008080');
    // `Messages` of those same Lotus block headers: TxMeta [blsRoot, secpkRoot].
    assert.equal(blockCid(encodeCbor([empty, empty])).toString(), 'bafy2bzacecmda75ovposbdateg7eyhwij65zklgyijgcjwynlklmqazpwlhba');
  });

  it('go-fvm-sdk adt case: bit width 6, index 10 = BigInt 100 gives bafy2bzacebomth…', () => {
    const amt = Amt.create(new MemoryBlockstore(), { bitWidth: 6 });
    amt.set(10, new Uint8Array([0x00, 0x64]));
    assert.equal(amt.flush().toString(), 'bafy2bzacebomththj2xbwgezqwseyzb3mruxt6lr4ryeiqkhyke3a632tqjlw');
  });
});

describe('AMT ref-fvm vectors (ipld/amt/tests/amt_tests.rs)', () => {
  it('basic_get_set', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    amt.set(2, bytes('foo'));
    assert.deepEqual(amt.get(2), bytes('foo'));
    assert.equal(amt.count, 1);
    const root = amt.flush();
    assert.deepEqual(Amt.load(store, root).get(2), bytes('foo'));
    assert.equal(root.toString(), 'bafy2bzacedv5uu5za6oqtnozjvju5lhbgaybayzhw4txiojw7hd47ktgbv5wc');
    assert.deepEqual([store.writes, store.bytesWritten], [1, 13]);
  });

  it('legacy_amtv0_basic_get_set', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store, { version: 'v0' });
    amt.set(2, bytes('foo'));
    const root = amt.flush();
    const loaded = Amt.load(store, root, { version: 'v0' });
    assert.deepEqual(loaded.get(2), bytes('foo'));
    assert.equal(loaded.count, 1);
    assert.equal(root.toString(), 'bafy2bzaceansvim5z2rzifilsbzsjuoul2adx7iad7x3b4paj3qsexqf6ovxk');
    assert.deepEqual([store.writes, store.bytesWritten], [1, 12]);
  });

  it('out_of_range: MAX_INDEX reaches height 21, MAX_INDEX + 1 is refused', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    amt.set(AMT_MAX_INDEX, bytes('what is up'));
    assert.equal(amt.height, 21);
    expectAmtError(() => amt.set(AMT_MAX_INDEX + 1n, bytes('what is up')), 'bad-index');
    amt.set(AMT_MAX_INDEX - 1n, bytes('what is up'));
    assert.equal(amt.height, 21);
    assert.equal(amt.flush().toString(), 'bafy2bzacecl3zuubhdvkojg6uhbu4mebaehx554q6algfjitqiivvnrqprkxo');
    assert.deepEqual([store.writes, store.bytesWritten], [22, 1039]);
  });

  it('expand', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    amt.set(2, bytes('foo'));
    amt.set(11, bytes('bar'));
    amt.set(79, bytes('baz'));
    const root = amt.flush();
    const loaded = Amt.load(store, root);
    assert.deepEqual([loaded.get(2), loaded.get(11), loaded.get(79)], [bytes('foo'), bytes('bar'), bytes('baz')]);
    assert.equal(root.toString(), 'bafy2bzacecughjbclx3lbqwibrwc6pe7nttlc3qewedsrayghsvh5j5lpofiq');
    assert.deepEqual([store.writes, store.bytesWritten], [6, 261]);
  });

  it('bulk_insert: 5000 values', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    for (let i = 0; i < 5000; i++) amt.set(i, bytes('foo foo bar'));
    assert.equal(amt.count, 5000);
    const root = amt.flush();
    const loaded = Amt.load(store, root);
    for (let i = 0; i < 5000; i++) assert.deepEqual(loaded.get(i), bytes('foo foo bar'));
    assert.equal(root.toString(), 'bafy2bzacecfquuqzqzlox25aynodzw2qhxijdzfvno6tibyes3kb6nd3f7uxa');
    assert.deepEqual([store.writes, store.bytesWritten], [717, 94379]);
  });

  it('flush_read: 100 values write 16 blocks, reads after flush hit the cache', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    for (let i = 0; i < 100; i++) amt.set(i, bytes('foo foo bar'));
    amt.flush();
    for (let i = 0; i < 100; i++) assert.deepEqual(amt.get(i), bytes('foo foo bar'));
    assert.deepEqual([store.writes, store.bytesWritten], [16, 1930]);
  });

  it('delete', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    for (const i of [0, 1, 2, 3]) amt.set(i, bytes('cat'));
    assert.equal(amt.delete(1), true);
    assert.equal(amt.get(1), undefined);
    assert.equal(amt.count, 3);
    for (const i of [0, 2, 3]) amt.delete(i);
    assert.equal(amt.count, 0);
    amt.set(23, bytes('dog'));
    amt.set(24, bytes('dog'));
    amt.delete(23);
    assert.equal(amt.count, 1);
    const root = amt.flush();
    assert.equal(Amt.load(store, root).count, 1);
    const direct = Amt.create(store);
    direct.set(24, bytes('dog'));
    assert.equal(direct.flush().toString(), root.toString());
    assert.equal(root.toString(), 'bafy2bzacebnnxpurpb3zqqr22i7ch4uruz6hgykn3ryzoo4hh3ox2m2kufsvg');
    assert.deepEqual([store.writes, store.bytesWritten], [4, 122]);
  });

  it('delete_fail_check: deleting absent indexes changes nothing', () => {
    const amt = Amt.create(new MemoryBlockstore());
    amt.set(1, 'one');
    amt.set(9, 'nine');
    assert.equal(amt.height, 1);
    assert.equal(amt.delete(10), false);
    assert.equal(amt.delete(0), false);
    assert.equal(amt.count, 2);
    assert.deepEqual([amt.get(1), amt.get(9)], ['one', 'nine']);
  });

  it('delete_first_entry: deleting the only high index drops the height back to 0', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    amt.set(0, bytes('cat'));
    amt.set(27, bytes('cat'));
    assert.equal(amt.height, 1);
    amt.delete(27);
    const root = amt.flush();
    const loaded = Amt.load(store, root);
    assert.deepEqual([loaded.count, loaded.height], [1, 0]);
    assert.equal(root.toString(), 'bafy2bzacecmxrjeri2ojuy3riae2mpbnztx2hqggqgkcrxao2nwpga77j2vqe');
    assert.deepEqual([store.writes, store.bytesWritten], [1, 13]);
  });

  it('delete_reduce_height', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    amt.set(1, bytes('thing'));
    const c1 = amt.flush();
    amt.set(37, bytes('other'));
    assert.equal(amt.height, 1);
    const c2 = amt.flush();
    const reloaded = Amt.load(store, c2);
    assert.deepEqual([reloaded.count, reloaded.height], [2, 1]);
    assert.equal(reloaded.delete(37), true);
    assert.deepEqual([reloaded.count, reloaded.height], [1, 0]);
    assert.equal(reloaded.flush().toString(), c1.toString());
    assert.equal(c1.toString(), 'bafy2bzacebmkyah6kppbszluix3g332hntzx6wfdcqcr5hjdsaxri5jhgrdmo');
    assert.deepEqual([store.writes, store.bytesWritten], [5, 147]);
  });

  it('for_each: every third index below 10000, in order', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    const indexes: number[] = [];
    for (let i = 0; i < 10000; i++) if ((i + 1) % 3 === 0) indexes.push(i);
    for (const i of indexes) amt.set(i, bytes('value'));
    assert.deepEqual([...amt.entries()].map(([i]) => i), indexes);
    const root = amt.flush();
    const loaded = Amt.load(store, root);
    assert.equal(loaded.count, indexes.length);
    assert.deepEqual([...loaded.entries()].map(([i]) => i), indexes);
    assert.equal(root.toString(), 'bafy2bzaceanqxtbsuyhqgxubiq6vshtbhktmzp2if4g6kxzttxmzkdxmtipcm');
    assert.deepEqual([store.writes, store.bytesWritten], [1431, 88649]);
  });

  it('for_each_mutate: indexes 1, 9, 66, 74, 82, 515', () => {
    const amt = Amt.create(new MemoryBlockstore());
    for (const i of [1, 9, 66, 74, 82, 515]) amt.set(i, bytes('value'));
    assert.equal(amt.flush().toString(), 'bafy2bzaced44wtasbcukqjqicvxzcyn5up6sorr5khzbdkl6zjeo736f377ew');
  });

  it('delete_bug_test: set then delete index 100000 gives the empty root again', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store);
    const empty = amt.flush();
    amt.set(100_000, bytes('foo'));
    amt.delete(100_000);
    assert.deepEqual([amt.height, amt.count], [0, 0]);
    assert.equal(amt.flush().toString(), empty.toString());
    assert.deepEqual([store.writes, store.bytesWritten], [2, 18]);
  });

  it('new_from_iter: fromArray of 1000 strings reads back in order', () => {
    const store = new MemoryBlockstore();
    const data = Array.from({ length: 1000 }, (_, i) => `thing${i}`);
    const root = Amt.fromArray(store, data).flush();
    assert.deepEqual([...Amt.load(store, root).entries()], data.map((value, i) => [i, value]));
  });
});

describe('AMT go-amt-ipld behaviours (amt_test.go, invalid_test.go)', () => {
  it('TestCidStability: flushing after each set, then deleting backwards, revisits every root', () => {
    const store = new MemoryBlockstore();
    const amt = Amt.create(store);
    const roots: string[] = [];
    for (let i = 0; i < 500; i++) {
      roots.push(amt.flush().toString());
      amt.set(i, String(i));
    }
    for (let i = 499; i >= 0; i--) {
      assert.equal(amt.delete(i), true);
      assert.equal(amt.flush().toString(), roots[i]);
    }
    const reloaded = Amt.load(store, CID.parse(roots[499]!));
    for (let i = 498; i >= 0; i--) {
      reloaded.delete(i);
      assert.equal(reloaded.flush().toString(), roots[i]);
    }
  });

  it('TestMaxRange: MAX_INDEX works at every bit width, MAX_INDEX + 1 is refused', () => {
    for (let bitWidth = 1; bitWidth <= 18; bitWidth++) {
      const store = new MemoryBlockstore();
      const amt = Amt.create(store, { bitWidth });
      amt.set(AMT_MAX_INDEX, bytes('what is up 1'));
      assert.deepEqual(amt.get(AMT_MAX_INDEX), bytes('what is up 1'));
      assert.deepEqual([...amt.bigEntries()], [[AMT_MAX_INDEX, bytes('what is up 1')]]);
      expectAmtError(() => [...amt.entries()], 'index-not-safe');
      expectAmtError(() => amt.set(AMT_MAX_INDEX + 1n, bytes('x')), 'bad-index');
      expectAmtError(() => amt.get(AMT_MAX_INDEX + 1n), 'bad-index');
      assert.ok(bitWidth * amt.height < 64 && bitWidth * (amt.height + 1) >= 64);
      const loaded = Amt.load(store, amt.flush());
      assert.deepEqual(loaded.get(AMT_MAX_INDEX), bytes('what is up 1'));
      assert.equal(loaded.delete(AMT_MAX_INDEX), true);
      assert.deepEqual([loaded.height, loaded.count], [0, 0]);
    }
  });

  it('TestNew: load reads the bit width from the root, and refuses a different expected one', () => {
    const store = new MemoryBlockstore();
    const numbers = Array.from({ length: 10 }, (_, i) => i);
    const root = Amt.fromArray(store, numbers, { bitWidth: 4 }).flush();
    assert.equal(Amt.load(store, root).bitWidth, 4);
    assert.equal(Amt.load(store, root, { bitWidth: 4 }).count, 10);
    expectAmtError(() => Amt.load(store, root, { bitWidth: 3 }), 'bit-width-mismatch');
  });

  it('TestInvalidHeightEmpty: an empty root above height 0 is corrupt', () => {
    const store = new MemoryBlockstore();
    for (const bitWidth of [2, 3, 5]) {
      const bitmap = new Uint8Array(bitWidth <= 3 ? 1 : 1 << (bitWidth - 3));
      expectFatal(() => Amt.load(store, putCbor(store, [bitWidth, 1, 0, [bitmap, [], []]])));
    }
  });

  it('TestInvalidHeightSingle: values in a root claiming height 1 are corrupt', () => {
    const store = new MemoryBlockstore();
    expectFatal(() => Amt.load(store, putCbor(store, [3, 1, 1, [new Uint8Array([1]), [], ['']]])));
  });

  it('TestInvalidHeightTall: a too-tall root still loads and finds nothing past its data', () => {
    const store = new MemoryBlockstore();
    const amt = Amt.create(store);
    amt.set(15, '');
    // The same root node, claimed one level taller than it is.
    const [, , count, node] = decodeCbor<unknown[]>(store.get(amt.flush())!);
    const tall = Amt.load(store, putCbor(store, [3, 2, count, node]));
    assert.equal(tall.get(31), undefined);
  });

  it('TestBadBitfield and other malformed nodes are fatal', () => {
    const store = new MemoryBlockstore();
    const sub = putCbor(store, [new Uint8Array([1]), [], ['x']]);
    const malformed: unknown[] = [
      [3, 10, 10, [new Uint8Array([0xff]), [sub], []]], // 8 bits set, 1 link
      [3, 0, 1, [new Uint8Array([1, 0]), [], ['x']]], // bitmap 2 bytes at bit width 3
      [5, 0, 1, [new Uint8Array([1]), [], ['x']]], // bitmap 1 byte at bit width 5
      [3, 1, 1, [new Uint8Array([1]), [sub], ['x']]], // links and values
      [3, 0, 1, [new Uint8Array([1]), [sub], []]], // links at height 0
      [3, 1, 1, [new Uint8Array([1]), ['not a cid'], []]],
      [3, 0, 2, [new Uint8Array([1]), [], ['x', 'y']]], // fewer bits than values
      [3, 22, 0, [new Uint8Array([0]), [], []]], // 3 * 22 >= 64
      [3, 0, 9, [new Uint8Array([1]), [], ['x']]], // 9 values cannot fit height 0
      [0, 0, 0, [new Uint8Array([0]), [], []]], // bit width 0
      [0, 0, [new Uint8Array([0]), [], []]], // a v0 root read as v3
    ];
    for (const form of malformed) expectFatal(() => Amt.load(store, putCbor(store, form)));
    expectFatal(() => Amt.load(store, putCbor(store, [3, 0, 0, [new Uint8Array([0]), [], []]]), { version: 'v0' }));
  });

  it('a malformed child is found when first read, not at load', () => {
    const store = new MemoryBlockstore();
    const emptyChild = putCbor(store, [new Uint8Array([0]), [], []]);
    const amt = Amt.load(store, putCbor(store, [3, 1, 1, [new Uint8Array([2]), [emptyChild], []]]));
    expectFatal(() => amt.get(8));
    assert.equal(amt.get(0), undefined);
  });
});

describe('AMT API', () => {
  it('takes number and bigint indexes alike and refuses bad ones', () => {
    const amt = Amt.create(new MemoryBlockstore());
    amt.set(5n, 'five');
    assert.equal(amt.get(5), 'five');
    assert.equal(amt.get(5n), 'five');
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53, -1n]) expectAmtError(() => amt.get(bad), 'bad-index');
    expectAmtError(() => amt.set(0, undefined), 'bad-value');
  });

  it('refuses bad options', () => {
    const store = new MemoryBlockstore();
    expectAmtError(() => Amt.create(store, { bitWidth: 0 }), 'bad-options');
    expectAmtError(() => Amt.create(store, { bitWidth: 19 }), 'bad-options');
    expectAmtError(() => Amt.create(store, { version: 'v0', bitWidth: 5 }), 'bad-options');
  });

  it('overwriting keeps the count; flush is cached until the next change', () => {
    const store = new CountingBlockstore();
    const amt = Amt.create(store, { bitWidth: 5 });
    amt.set(40, 1);
    amt.set(40, 2);
    assert.equal(amt.count, 1);
    const root = amt.flush();
    const writes = store.writes;
    assert.equal(amt.flush(), root);
    assert.equal(store.writes, writes);
    assert.equal(amt.delete(41), false);
    assert.equal(amt.flush(), root);
  });

  it('a value dag-cbor cannot encode fails the flush as bad-value, and a fixed AMT flushes whole', () => {
    const store = new MemoryBlockstore();
    const amt = Amt.create(store);
    for (let i = 0; i < 40; i++) amt.set(i, i);
    amt.set(20, { nested: undefined });
    expectAmtError(() => amt.flush(), 'bad-value');
    assert.equal(store.size, 0);
    amt.set(20, 20);
    const loaded = Amt.load(store, amt.flush());
    assert.deepEqual([...loaded.entries()], Array.from({ length: 40 }, (_, i) => [i, i]));
  });

  it('v0 and v3 share nodes below the root; only the root block differs', () => {
    const values = Array.from({ length: 100 }, (_, i) => i * i);
    const v3 = new MemoryBlockstore();
    const v0 = new MemoryBlockstore();
    Amt.fromArray(v3, values).flush();
    Amt.fromArray(v0, values, { version: 'v0' }).flush();
    assert.equal(v3.size, v0.size);
  });
});
