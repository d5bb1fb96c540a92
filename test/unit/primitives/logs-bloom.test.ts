// The 2048-bit logs bloom (FEVM-FACTS §7.4): one hand-computed vector, the same bloom built as a
// 2048-bit number with ethers' keccak, and membership (no false negatives).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256 as ethersKeccak } from 'ethers';
import { bloomMayContain, bytesToHex, hexToBytes, logsBloom } from '../../../src/primitives/index.ts';

const fill = (n: number, byte: number) => new Uint8Array(n).fill(byte);

describe('logsBloom', () => {
  it('sets bits 1490, 1537 and 1783 for keccak256("") = c5d2 4601 86f7…: bytes 69, 63 and 33', () => {
    const expected = new Uint8Array(256);
    expected[69] = 0x04; // 0xc5d2 % 2048 = 1490 → byte 255 − 186, bit 2
    expected[63] = 0x02; // 0x4601 % 2048 = 1537 → byte 255 − 192, bit 1
    expected[33] = 0x80; // 0x86f7 % 2048 = 1783 → byte 255 − 222, bit 7
    assert.deepEqual(logsBloom([{ address: new Uint8Array(0), topics: [] }]), expected);
  });

  it('is the big-endian 2048-bit number with bit n set for each 11-bit n of every address and topic', () => {
    const logs = [{ address: fill(20, 0x11), topics: [fill(32, 1), fill(32, 2)] }, { address: fill(20, 0x22), topics: [] }];
    let number = 0n;
    for (const item of [fill(20, 0x11), fill(32, 1), fill(32, 2), fill(20, 0x22)]) {
      const h = hexToBytes(ethersKeccak(item));
      for (let i = 0; i < 6; i += 2) number |= 1n << BigInt((h[i]! * 256 + h[i + 1]!) % 2048);
    }
    assert.equal(bytesToHex(logsBloom(logs)), `0x${number.toString(16).padStart(512, '0')}`);
    assert.ok(bloomMayContain(logsBloom(logs), fill(32, 2)));
    assert.ok(!bloomMayContain(logsBloom([]), fill(32, 2)));
    assert.deepEqual(logsBloom([]), new Uint8Array(256));
  });
});
