// End to end: this repository's own Hardhat 3 project (hardhat.config.ts, contracts/, test/hardhat/,
// ignition/modules/) run the way docs/hardhat.md shows, in a temporary copy (so that artifacts/,
// cache/ and ignition/deployments/ start empty and parallel runs do not share them):
// `hardhat compile`, `hardhat test nodejs --network fevm` against a devnet on a free port (FEVM_RPC_URL),
// `hardhat test nodejs --network fevm-inprocess` (the plugin starts a devnet inside Hardhat), and
// `hardhat ignition deploy … --network fevm`, whose contracts then have code and funds on the devnet.

import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { linkProjectModules, runHardhat, type HardhatRun } from '../helpers/hardhat-project.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const PROJECT_FILES = ['hardhat.config.ts', 'contracts', 'test/hardhat', 'ignition/modules'];

let devnet: Devnet;
let project: string;

before(async () => {
  devnet = await createDevnet({ memory: true, host: '127.0.0.1', port: 0 });
  project = await mkdtemp(join(tmpdir(), 'fevm-hardhat-project-'));
  for (const path of PROJECT_FILES) await cp(join(repo, path), join(project, path), { recursive: true });
  await linkProjectModules(project, repo, 'fevm-hardhat-project-e2e'); // the config imports fevm-devnet/hardhat
});

after(async () => {
  await devnet?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

/** `npx hardhat <args>` in the copy, as a user would run it, against the test's devnet. */
async function hardhat(args: string[], env: Record<string, string> = {}): Promise<HardhatRun> {
  const run = await runHardhat(repo, project, args, { FEVM_RPC_URL: devnet.url, ...env });
  console.log(`# npx hardhat ${args.join(' ')}: ${run.seconds.toFixed(1)} s`);
  return run;
}

const TESTS = 7; // test/hardhat/*.test.ts

describe('the Hardhat 3 project of this repository (docs/hardhat.md)', { timeout: 180_000 }, () => {
  test('npx hardhat compile compiles contracts/ offline', async () => {
    const run = await hardhat(['compile']);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Compiled 7 Solidity files with solc 0\.8\.37 \(evm target: cancun\)/, run.output);
  });

  test('npx hardhat test nodejs --network fevm runs test/hardhat/ against the devnet', async () => {
    const before = await devnet.provider.request({ method: 'eth_blockNumber' });
    const run = await hardhat(['test', 'nodejs', '--network', 'fevm']);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, new RegExp(`${TESTS} passing`), run.output);
    assert.doesNotMatch(run.output, /failing/, run.output);
    assert.notEqual(await devnet.provider.request({ method: 'eth_blockNumber' }), before, 'the tests ran on this devnet');
  });

  test('npx hardhat test nodejs --network fevm-inprocess starts its own devnet and exits', async () => {
    const before = await devnet.provider.request({ method: 'eth_blockNumber' });
    const run = await hardhat(['test', 'nodejs', '--network', 'fevm-inprocess'], { FEVM_RPC_URL: 'http://127.0.0.1:9/unused' });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, new RegExp(`${TESTS} passing`), run.output);
    assert.equal(await devnet.provider.request({ method: 'eth_blockNumber' }), before, 'not on the outer devnet');
  });

  test('npx hardhat ignition deploy puts WrappedFil and a funded DataDaoTreasury on the devnet', async () => {
    const confirm = { HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: 'true' };
    const wfil = await hardhat(['ignition', 'deploy', 'ignition/modules/WrappedFil.ts', '--network', 'fevm'], confirm);
    assert.equal(wfil.code, 0, wfil.output);
    const wfilAddress = /WrappedFil#WrappedFil - (0x[0-9a-fA-F]{40})/.exec(wfil.output)?.[1];
    assert.ok(wfilAddress, wfil.output);
    assert.notEqual(await devnet.provider.request({ method: 'eth_getCode', params: [wfilAddress, 'latest'] }), '0x');

    const dao = await hardhat(['ignition', 'deploy', 'ignition/modules/DataDaoTreasury.ts', '--network', 'fevm'], confirm);
    assert.equal(dao.code, 0, dao.output);
    const daoAddress = /DataDaoTreasury#DataDaoTreasury - (0x[0-9a-fA-F]{40})/.exec(dao.output)?.[1];
    assert.ok(daoAddress, dao.output);
    assert.notEqual(await devnet.provider.request({ method: 'eth_getCode', params: [daoAddress, 'latest'] }), '0x');
    assert.equal(BigInt(await devnet.provider.request({ method: 'eth_getBalance', params: [daoAddress, 'latest'] }) as string), 10n ** 18n);
  });
});
