// The JSON text of answered logs hangs on the stored value it was made from: kept per log, and none for
// another value (another tipset at that height, or the value read anew).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LogTextCache } from '../../../src/gateway/log-text-cache.ts';
import { TipsetLogs, encodeTipsetLogs } from '../../../src/chain/store/tipset-logs.ts';

const stored = () => {
  const events = [0, 1].map((i) => ({ messageIndex: i, address: new Uint8Array(20).fill(i), topics: [], data: new Uint8Array(0) }));
  return new TipsetLogs(encodeTipsetLogs({ blockHash: new Uint8Array(32), bloom: new Uint8Array(256), events, txHash: () => undefined }));
};

describe('log text cache', () => {
  it('keeps texts per stored value: filled once, empty for another value', () => {
    const cache = new LogTextCache();
    const logs = stored();
    cache.of(logs)[1] = 'b';
    assert.equal(cache.of(logs)[1], 'b');
    assert.equal(cache.of(logs)[0], undefined, 'not made yet');
    assert.deepEqual(cache.of(stored()), [], 'another value (another tipset, or the same read anew)');
  });
});
