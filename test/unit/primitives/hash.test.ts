// Hash vectors of FEVM-FACTS appendix, and the FRC-42 method number of InvokeEVM.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex, frc42MethodNumber, keccak256 } from '../../../src/primitives/index.ts';

describe('hashes', () => {
  it('keccak256 of "" and of 0xfe match the EVM actor constants', () => {
    assert.equal(bytesToHex(keccak256(new Uint8Array(0))), '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    assert.equal(bytesToHex(keccak256(Uint8Array.of(0xfe))), '0xbcc90f2d6dada5b18e155c17a1c0a55920aae94f39857d39d0d8ed07ae8f228b');
  });

  it('selectors of handle_filecoin_method, Error(string) and Panic(uint256)', () => {
    const selector = (sig: string) => bytesToHex(keccak256(new TextEncoder().encode(sig)).subarray(0, 4));
    assert.equal(selector('handle_filecoin_method(uint64,uint64,bytes)'), '0x868e10c4');
    assert.equal(selector('Error(string)'), '0x08c379a0');
    assert.equal(selector('Panic(uint256)'), '0x4e487b71');
  });

  it('FRC-42 method number of "InvokeEVM" is 3844450837', () => {
    assert.equal(frc42MethodNumber('InvokeEVM'), 3844450837);
  });
});
