// Revert data as geth words it: Error(string) and Panic(uint256) encoded by ethers' ABI coder, custom
// errors by selector, empty and malformed data without a reason.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AbiCoder, Interface } from 'ethers';
import { decodeRevert } from '../../../src/eth/index.ts';
import { hexToBytes } from '../../../src/primitives/index.ts';

const errors = new Interface(['error Error(string)', 'error Panic(uint256)', 'error InsufficientBalance(uint256 available, uint256 required)']);
const encode = (name: string, args: unknown[]): Uint8Array => hexToBytes(errors.encodeErrorResult(name, args));

describe('decodeRevert', () => {
  it('Error(string) gives its string', () => {
    assert.deepEqual(decodeRevert(encode('Error', ['not enough tokens'])), { reason: 'not enough tokens', message: 'execution reverted: not enough tokens' });
    assert.deepEqual(decodeRevert(encode('Error', ['héllo ✓ '.repeat(20)])).reason, 'héllo ✓ '.repeat(20));
    assert.deepEqual(decodeRevert(encode('Error', [''])), { reason: '', message: 'execution reverted: ' });
  });

  it('Panic(uint256) gives code and meaning for the standard codes', () => {
    const expected: [number, string][] = [
      [0x01, 'assert(false)'],
      [0x11, 'arithmetic underflow or overflow'],
      [0x12, 'division or modulo by zero'],
      [0x21, 'enum overflow'],
      [0x22, 'invalid encoded storage byte array accessed'],
      [0x31, 'out-of-bounds array access; popping on an empty array'],
      [0x32, 'out-of-bounds access of an array or bytesN'],
      [0x41, 'out of memory'],
      [0x51, 'uninitialized function'],
    ];
    for (const [code, meaning] of expected) {
      const reason = `panic: 0x${code.toString(16)} (${meaning})`;
      assert.deepEqual(decodeRevert(encode('Panic', [code])), { reason, message: `execution reverted: ${reason}` });
    }
    assert.equal(decodeRevert(encode('Panic', [0x99])).reason, 'panic: 0x99 (unknown panic code)');
    assert.equal(decodeRevert(encode('Panic', [2n ** 255n])).reason, `panic: 0x8${'0'.repeat(63)} (unknown panic code)`);
  });

  it('a custom error is named by its selector', () => {
    const data = encode('InsufficientBalance', [1n, 2n]);
    assert.equal(errors.getError('InsufficientBalance')!.selector, '0xcf479181');
    assert.deepEqual(decodeRevert(data), { reason: 'custom error 0xcf479181', message: 'execution reverted: custom error 0xcf479181' });
    assert.equal(decodeRevert(hexToBytes('0xdeadbeef')).reason, 'custom error 0xdeadbeef');
  });

  it('no data, or data too short or inconsistent to decode, gives no reason', () => {
    const bare = { message: 'execution reverted' };
    assert.deepEqual(decodeRevert(new Uint8Array(0)), bare);
    assert.deepEqual(decodeRevert(Uint8Array.of(0x08, 0xc3, 0x79)), bare);
    assert.deepEqual(decodeRevert(hexToBytes('0x4e487b71')), bare);
    assert.deepEqual(decodeRevert(hexToBytes('0x08c379a0')), bare);
    const good = encode('Error', ['abc']);
    assert.deepEqual(decodeRevert(good.subarray(0, good.length - 32)), bare, 'string body cut off');
    const badOffset = Uint8Array.from(good);
    badOffset[4 + 31] = 0xff;
    assert.deepEqual(decodeRevert(badOffset), bare, 'offset beyond the data');
    const hugeLength = hexToBytes(`0x08c379a0${AbiCoder.defaultAbiCoder().encode(['uint256', 'uint256'], [32, 2n ** 200n]).slice(2)}`);
    assert.deepEqual(decodeRevert(hugeLength), bare, 'length beyond the data');
  });
});
