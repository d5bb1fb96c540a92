// Where a message's revert began: followed down while each caller reverted again with its callee's
// bytes, and not past a caller that reverted with its own, a callee that a caller caught, or a sibling;
// and where in the origin's code the REVERT ran.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Address } from '../../../src/primitives/index.ts';
import { RevertOrigin } from '../../../src/vm/revert-origin.ts';

const A = Address.newId(1001n);
const B = Address.newId(1002n);
const C = Address.newId(1003n);
const NO = new Uint8Array([0x08, 0xc3, 0x79, 0xa0]);
const OTHER = new Uint8Array([0xde, 0xad]);

/** Runs `frames` in a fresh tracker: a frame calls its children, then exits reverting with `data` or not. */
interface Frame {
  actor: Address;
  data?: Uint8Array;
  /** Where it reverted, told by the frame's exit (or else, when `told`, before it). */
  pc?: number;
  told?: boolean;
  calls?: Frame[];
}

function siteOf(top: Frame) {
  const reverts = new RevertOrigin();
  const run = (frame: Frame) => {
    reverts.enter();
    for (const call of frame.calls ?? []) run(call);
    if (frame.told && frame.pc !== undefined) reverts.revertedAt(frame.pc);
    reverts.exit(frame.data && { data: frame.data, actor: frame.actor, ...(!frame.told && { pc: frame.pc }) });
  };
  run(top);
  return reverts.ofMessage;
}

const originOf = (top: Frame) => siteOf(top)?.actor;

describe('RevertOrigin', () => {
  it('names the innermost contract when the revert bubbled up unchanged through every caller', () => {
    assert.equal(originOf({ actor: A, data: NO, calls: [{ actor: B, data: NO, calls: [{ actor: C, data: NO }] }] }), C);
  });

  it('names the caller when it reverted with bytes of its own', () => {
    assert.equal(originOf({ actor: A, data: OTHER, calls: [{ actor: B, data: NO }] }), A);
    assert.equal(originOf({ actor: A, data: NO, calls: [{ actor: B, data: OTHER, calls: [{ actor: C, data: NO }] }] }), A);
  });

  it('does not follow a callee whose revert was caught before a later call succeeded', () => {
    assert.equal(originOf({ actor: A, data: NO, calls: [{ actor: B, data: NO }, { actor: C }] }), A);
  });

  it("does not take a sibling's callee for the frame's own", () => {
    // A calls B (whose callee C reverted NO, caught), then B returns; A's later revert with NO is A's own.
    assert.equal(originOf({ actor: A, data: NO, calls: [{ actor: B, calls: [{ actor: C, data: NO }] }] }), A);
  });

  it("keeps where the origin's code reverted, told by its exit or before it", () => {
    assert.deepEqual(siteOf({ actor: A, data: NO, calls: [{ actor: B, data: NO, pc: 417 }] }), { actor: B, pc: 417 });
    assert.deepEqual(siteOf({ actor: A, data: NO, pc: 90, told: true, calls: [{ actor: B, data: OTHER, pc: 417 }] }), { actor: A, pc: 90 });
    assert.deepEqual(siteOf({ actor: A, data: NO, told: true, pc: 12, calls: [{ actor: B, data: NO, told: true, pc: 33 }] }), { actor: B, pc: 33 });
    assert.deepEqual(siteOf({ actor: A, data: NO }), { actor: A, pc: undefined });
  });

  it('answers nothing when the message did not revert', () => {
    assert.equal(originOf({ actor: A, calls: [{ actor: B, data: NO }] }), undefined);
  });
});
