// The tipset-logs table as the chain store reads it: the heights with logs and the values read last
// kept in memory within their bound, what a committed transaction wrote reaching that memory, and a
// failed one or a deletion making it read the table anew.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryKv } from '../../../src/chain/store/kv.ts';
import { StoredLogs } from '../../../src/chain/store/stored-logs.ts';
import { encodeTipsetLogs } from '../../../src/chain/store/tipset-logs.ts';

const value = (n: number, logs = 1) =>
  encodeTipsetLogs({
    blockHash: new Uint8Array(32).fill(n),
    bloom: new Uint8Array(256),
    events: Array.from({ length: logs }, () => ({ messageIndex: 0, address: new Uint8Array(20).fill(n), topics: [], data: new Uint8Array(0) })),
    txHash: () => undefined,
  });

function setup(limits = { maxLogs: 100, maxBytes: 1 << 20 }) {
  const kv = new MemoryKv();
  const stored = new StoredLogs(kv.table('tipset-logs'), limits);
  const write = (fn: () => void) => {
    kv.transaction(fn);
    stored.settle();
  };
  return { kv, stored, write };
}

const heights = (stored: StoredLogs, from = 0, to = 100) => [...stored.between(from, to)].map(({ height, logs }) => [height, logs.blockHash[0]]);

describe('stored logs', () => {
  it('answers the heights with logs in a range, and keeps the values read', () => {
    const { stored, write } = setup();
    write(() => [3, 5, 9].forEach((h) => stored.put(h, value(h))));
    assert.deepEqual(heights(stored), [[3, 3], [5, 5], [9, 9]]);
    assert.deepEqual(heights(stored, 4, 9), [[5, 5], [9, 9]]);
    assert.equal(stored.get(5), stored.get(5), 'the same value object while kept');
    write(() => stored.put(7, value(7)));
    assert.deepEqual(heights(stored, 4, 9), [[5, 5], [7, 7], [9, 9]], 'a committed write joins the heights');
  });

  it('reads again what a deletion or a failed transaction may have changed', () => {
    const { kv, stored, write } = setup();
    write(() => [1, 2, 3].forEach((h) => stored.put(h, value(h))));
    heights(stored);
    write(() => {
      stored.deleteBetween(2, 2);
      stored.put(2, value(42));
    });
    assert.deepEqual(heights(stored), [[1, 1], [2, 42], [3, 3]]);
    assert.throws(() =>
      kv.transaction(() => {
        stored.put(4, value(4));
        throw new Error('rolled back');
      }),
    );
    stored.forget();
    assert.deepEqual(heights(stored), [[1, 1], [2, 42], [3, 3]], 'nothing of the failed transaction');
  });

  it('keeps at most its bound of logs, the values used longest ago going first', () => {
    const { stored, write } = setup({ maxLogs: 4, maxBytes: 1 << 20 });
    write(() => [1, 2, 3].forEach((h) => stored.put(h, value(h, 2))));
    const one = stored.get(1);
    const two = stored.get(2);
    stored.get(1); // 2 is now the least recently used
    stored.get(3); // 6 logs kept: 2 goes
    assert.equal(stored.get(1), one, 'still kept');
    assert.notEqual(stored.get(2), two, 'read anew');
    assert.deepEqual(heights(stored), [[1, 1], [2, 2], [3, 3]], 'all still readable');
  });
});
