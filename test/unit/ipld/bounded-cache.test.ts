// The bounded cache behind the decoded-node, CID and link-count caches: it never holds more than its
// weight, keeps what is used, and lets what is not age out.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from '../../../src/ipld/index.ts';

describe('BoundedCache', () => {
  it('never holds more than its weight, however many entries go in', () => {
    const cache = new BoundedCache<string>(1000);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`k${i}`, `v${i}`, 1 + (i % 37));
      assert.ok(cache.weight <= 1000, `weight ${cache.weight} after ${i + 1} entries`);
    }
    assert.equal(cache.get('k9999'), 'v9999');
    assert.equal(cache.get('k0'), undefined);
  });

  it('keeps an entry that is read while others come and go', () => {
    const cache = new BoundedCache<number>(100);
    cache.set('hot', 1);
    for (let i = 0; i < 1000; i++) {
      cache.set(`cold${i}`, i);
      assert.equal(cache.get('hot'), 1, `lost after ${i + 1} other entries`);
    }
    assert.ok(cache.size <= 100);
  });

  it('answers the latest value of a key set twice, counted once', () => {
    const cache = new BoundedCache<string>(100);
    cache.set('a', 'first', 10);
    cache.set('a', 'second', 20);
    assert.equal(cache.get('a'), 'second');
    assert.equal(cache.weight, 20);
  });

  it('does not keep an entry heavier than half its weight (it would push out everything else)', () => {
    const cache = new BoundedCache<string>(100);
    cache.set('small', 's', 10);
    cache.set('huge', 'h', 60);
    assert.equal(cache.get('huge'), undefined);
    assert.equal(cache.get('small'), 's');
  });
});
