// The faster code analysis that replaces @ethereumjs/evm's answers exactly what the original answers
// (JUMPDESTs, opcodes, every PUSH value, a PUSH cut off by the end of the code), and a contract
// whose bytecode block is read again runs with the analysis of its first run.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { canonicalCode, installJumpAnalysis } from '../../../src/actors/evm/jump-analysis.ts';

type Analyse = (this: unknown, code: Uint8Array) => { jumps: Uint8Array; pushes: Record<number, bigint>; opcodesCached: unknown[] };
const { Interpreter } = (await import(new URL('./interpreter.js', import.meta.resolve('@ethereumjs/evm')).href)) as { Interpreter: { prototype: { _getValidJumpDestinations: Analyse } } };
const original = Interpreter.prototype._getValidJumpDestinations;
await installJumpAnalysis();
const patched = Interpreter.prototype._getValidJumpDestinations;

const opcodeMap = Array.from({ length: 256 }, (_, op) => ({ op }));
const self = { _evm: { _opcodeMap: opcodeMap }, common: { isActivatedEIP: () => false }, lookupOpInfo: (op: number) => opcodeMap[op] };

describe('jump analysis', () => {
  it('matches @ethereumjs/evm on 200 random codes, PUSH1 to PUSH32 and truncated pushes included', () => {
    for (let i = 0; i < 200; i++) {
      const code = randomBytes(1 + (i * 37) % 3000);
      assert.deepEqual(patched.call(self, code), original.call(self, code));
    }
  });

  it('answers the same analysis object for the same code buffer, a new one for other code', () => {
    const code = randomBytes(500);
    assert.equal(patched.call(self, code), patched.call(self, code));
    assert.notEqual(patched.call(self, code), patched.call(self, Uint8Array.from(code)));
  });

  it('canonicalCode gives the first buffer read for a bytecode block every time after', async () => {
    const bytes = randomBytes(100);
    const cid = CID.createV1(0x55, await sha256.digest(bytes));
    const first = canonicalCode(cid, bytes);
    assert.equal(canonicalCode(cid, Uint8Array.from(bytes)), first);
  });
});
