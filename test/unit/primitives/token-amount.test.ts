// Token amounts: Filecoin's big-int bytes and FIL formatting (FEVM-FACTS §2.2).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ATTO_PER_FIL,
  TokenAmountError,
  bigintToBytes,
  bytesToBigint,
  bytesToHex,
  formatFil,
  hexToBytes,
  parseFil,
} from '../../../src/primitives/index.ts';

describe('big-int bytes', () => {
  it('zero is the empty byte string', () => {
    assert.deepEqual(bigintToBytes(0n), new Uint8Array(0));
    assert.equal(bytesToBigint(new Uint8Array(0)), 0n);
  });

  it('positive and negative values carry a sign byte and a minimal magnitude', () => {
    assert.equal(bytesToHex(bigintToBytes(1n)), '0x0001');
    assert.equal(bytesToHex(bigintToBytes(256n)), '0x000100');
    assert.equal(bytesToHex(bigintToBytes(-1n)), '0x0101');
    assert.equal(bytesToHex(bigintToBytes(ATTO_PER_FIL)), '0x000de0b6b3a7640000');
  });

  it('refuses a bad sign byte and more than 128 bytes', () => {
    assert.throws(() => bytesToBigint(hexToBytes('0x0201')), TokenAmountError);
    assert.throws(() => bytesToBigint(new Uint8Array(129)), TokenAmountError);
    assert.throws(() => bigintToBytes(1n << 1024n), TokenAmountError);
  });

  it('round-trips any value that fits (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 1000n), max: 1n << 1000n }), (v) => {
        assert.equal(bytesToBigint(bigintToBytes(v)), v);
      }),
    );
  });
});

describe('FIL formatting', () => {
  it('prints exact FIL amounts without trailing zeros', () => {
    assert.equal(formatFil(0n), '0 FIL');
    assert.equal(formatFil(ATTO_PER_FIL * 10000n), '10000 FIL');
    assert.equal(formatFil(ATTO_PER_FIL + ATTO_PER_FIL / 2n), '1.5 FIL');
    assert.equal(formatFil(1n), '0.000000000000000001 FIL');
    assert.equal(formatFil(-5n * ATTO_PER_FIL), '-5 FIL');
  });

  it('parses what it prints, and attoFIL', () => {
    assert.equal(parseFil('1.5 FIL'), ATTO_PER_FIL + ATTO_PER_FIL / 2n);
    assert.equal(parseFil('100 attoFIL'), 100n);
    assert.equal(parseFil('2'), 2n * ATTO_PER_FIL);
    assert.throws(() => parseFil('1.5 ETH'), TokenAmountError);
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (v) => assert.equal(parseFil(formatFil(v)), v)));
  });
});
