// JSON-RPC encodings: quantities without leading zeros, data as lower-case hex, fixed sizes for
// addresses and hashes (a wrong size is a bug, so it is fatal).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toAddress, toData, toHash, toQuantity } from '../../../src/eth/index.ts';
import { FatalError } from '../../../src/primitives/index.ts';

describe('quantity encodings', () => {
  it('toQuantity: 0x0, no leading zeros, any size', () => {
    assert.equal(toQuantity(0), '0x0');
    assert.equal(toQuantity(0n), '0x0');
    assert.equal(toQuantity(1), '0x1');
    assert.equal(toQuantity(255), '0xff');
    assert.equal(toQuantity(256n), '0x100');
    assert.equal(toQuantity(10_000_000_000), '0x2540be400');
    assert.equal(toQuantity(2n ** 256n - 1n), `0x${'f'.repeat(64)}`);
    for (const bad of [-1, -1n, 1.5, Number.MAX_SAFE_INTEGER + 1]) assert.throws(() => toQuantity(bad), FatalError);
  });

  it('toData: lower-case hex, 0x for nothing, leading zero bytes kept', () => {
    assert.equal(toData(new Uint8Array(0)), '0x');
    assert.equal(toData(Uint8Array.of(0, 0xab, 0xcd)), '0x00abcd');
  });

  it('toAddress and toHash insist on 20 and 32 bytes', () => {
    assert.equal(toAddress(new Uint8Array(20).fill(0xaa)), `0x${'aa'.repeat(20)}`);
    assert.equal(toHash(new Uint8Array(32)), `0x${'00'.repeat(32)}`);
    assert.throws(() => toAddress(new Uint8Array(32)), FatalError);
    assert.throws(() => toHash(new Uint8Array(20)), FatalError);
  });
});
