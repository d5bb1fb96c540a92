// Exit codes print with their names, as Lotus shows them in errors and receipts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExitCode, exitCodeToString, isSystemExitCode } from '../../../src/primitives/index.ts';

describe('exit codes', () => {
  it('numbers match ref-fvm and builtin-actors', () => {
    assert.equal(ExitCode.SYS_OUT_OF_GAS, 7);
    assert.equal(ExitCode.USR_NOT_FOUND, 17);
    assert.equal(ExitCode.USR_READ_ONLY, 25);
    assert.equal(ExitCode.EVM_REVERTED, 33);
    assert.equal(ExitCode.EVM_UNDEFINED_INSTRUCTION, 35);
    assert.equal(ExitCode.EVM_SELFDESTRUCT_FAILED, 40);
  });

  it('print with their names, unknown ones by number', () => {
    assert.equal(exitCodeToString(33), 'EVM_REVERTED(33)');
    assert.equal(exitCodeToString(1000), 'ExitCode(1000)');
  });

  it('system codes are 1..15', () => {
    assert.ok(isSystemExitCode(7));
    assert.ok(!isSystemExitCode(0));
    assert.ok(!isSystemExitCode(16));
  });
});
