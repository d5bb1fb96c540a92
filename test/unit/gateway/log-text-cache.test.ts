// The JSON text of answered logs, kept by tipset: made once, made again when the tipset at a height is
// another one (its block hash differs, as after evm_revert), and bounded, the tipsets used longest ago
// going first.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LogTextCache } from '../../../src/gateway/log-text-cache.ts';

const hash = (n: number) => new Uint8Array(32).fill(n);

describe('log text cache', () => {
  it('makes a log\'s text once per tipset, and again for another tipset at the same height', () => {
    const cache = new LogTextCache();
    let made = 0;
    const make = (text: string) => () => (made++, text);
    assert.equal(cache.text(5, hash(1), 0, make('a')), 'a');
    assert.equal(cache.text(5, hash(1), 0, make('x')), 'a');
    assert.equal(cache.text(5, hash(1), 1, make('b')), 'b');
    assert.equal(made, 2);
    assert.equal(cache.text(5, hash(2), 0, make('c')), 'c', 'a new tipset at height 5');
    assert.equal(cache.text(5, hash(2), 1, make('d')), 'd', 'none of the old tipset\'s texts stay');
  });

  it('keeps at most its size, dropping the tipsets used longest ago', () => {
    const cache = new LogTextCache(256 * 3 + 30);
    const text = (height: number) => cache.text(height, hash(height), 0, () => `${height}`.padEnd(10, '.'));
    text(1);
    text(2);
    text(1); // 1 is used more recently than 2 now
    text(3);
    text(4); // over the bound: 2 goes first
    let remade = 0;
    cache.text(1, hash(1), 0, () => (remade++, ''));
    cache.text(2, hash(2), 0, () => (remade++, '2'.padEnd(10, '.')));
    assert.equal(remade, 1, 'only 2 was dropped');
  });
});
