// console.log in the VM: calls to Hardhat's console address are handed up on the message's apply
// result, in call order and from reverted frames too, and cost exactly what the same call to any other
// empty address costs: the same contract built against a console library with another address uses
// the same gas and leaves the same storage, and nothing is captured for it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { getAddress } from 'ethers';
import { readEvmState } from '../../../src/actors/evm/evm-state.ts';
import { formatConsoleLog } from '../../../src/eth/console-log.ts';
import { ExitCode } from '../../../src/primitives/index.ts';
import { callContract, deployContract, mustCall } from '../../helpers/evm-contracts.ts';
import { createHarness } from '../../helpers/fvm-harness.ts';
import { compileSolidity } from '../../helpers/solidity.ts';

const CONSOLE_SOL = readFileSync(createRequire(import.meta.url).resolve('hardhat/console.sol'), 'utf8');
const FIXTURE = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'ConsoleLogger.sol'), 'utf8');
const CONSOLE_ADDRESS = '0x000000000000000000636F6e736F6c652e6c6f67';
/** Another empty address of the same shape: a console library pointing there is console.log that no one hears. */
const ELSEWHERE = getAddress('0x000000000000000000636f6e736f6c652e6c6f68');

function compile(consoleSol: string) {
  return compileSolidity({ 'ConsoleLogger.sol': FIXTURE, 'hardhat/console.sol': consoleSol }).ConsoleLogger!;
}

async function run(consoleSol: string) {
  const h = createHarness();
  const logger = await deployContract(h, compile(consoleSol));
  const work = await callContract(h, logger, 'work', [5n]);
  const tried = await callContract(h, logger, 'tryFailing', [3n]);
  const count = (await mustCall(h, logger, 'count'))[0] as bigint;
  return { h, logger, work: work.result, tried: tried.result, count };
}

describe('console.log capture', () => {
  it('hands the calls up on the apply result, reverted frames included', async () => {
    assert.ok(CONSOLE_SOL.includes(CONSOLE_ADDRESS));
    const { logger, work, tried } = await run(CONSOLE_SOL);
    assert.equal(work.receipt.exitCode, ExitCode.OK);
    const sender = `0x${'a1'.repeat(20)}`;
    assert.deepEqual(work.consoleLogs?.map(formatConsoleLog), ['work 5', `count is 5 ${sender}`]);
    assert.equal(tried.receipt.exitCode, ExitCode.OK);
    assert.deepEqual(tried.consoleLogs?.map(formatConsoleLog), ['about to fail 3'], 'the reverted inner call logged');
    assert.equal(logger.result.consoleLogs, undefined, 'no console.log: no list at all');
  });

  it('changes neither gas nor state', async () => {
    const heard = await run(CONSOLE_SOL);
    const unheard = await run(CONSOLE_SOL.replace(CONSOLE_ADDRESS, ELSEWHERE));
    assert.equal(unheard.work.consoleLogs, undefined);
    assert.equal(heard.logger.result.receipt.gasUsed, unheard.logger.result.receipt.gasUsed, 'deployment gas');
    assert.equal(heard.work.receipt.gasUsed, unheard.work.receipt.gasUsed, 'gas of a transaction that logs');
    assert.equal(heard.tried.receipt.gasUsed, unheard.tried.receipt.gasUsed, 'gas of a transaction whose reverted frame logs');
    assert.equal(heard.count, 6n);
    assert.equal(unheard.count, 6n);
    // Only the bytecode (the address in it) differs: every balance, nonce and the contract's storage root are the same.
    const view = (r: typeof heard) =>
      [...r.h.tree.entries()].map(([id, a]) => [id, a.balance, a.sequence, id === r.logger.id ? readEvmState(r.h.store, a.head).contractState.toString() : a.head.toString()]);
    assert.deepEqual(view(heard), view(unheard));
  });
});
