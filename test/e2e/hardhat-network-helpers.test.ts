// End to end: a Hardhat 3 project (hardhat-project/, copied into a temporary folder) runs its
// node:test tests against an in-process devnet with @nomicfoundation/hardhat-network-helpers and the
// `fevm-devnet/hardhat` plugin (docs/hardhat.md), and Solidity's console.log printed by the plugin's
// in-process devnet. What a user would notice: `hardhat test` passes and shows what contracts logged.
// The temporary project's node_modules links to this repository's packages, and `fevm-devnet` to
// the repository itself, as an installed dependency would be.

import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { linkProjectModules, runHardhat } from '../helpers/hardhat-project.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

let devnet: Devnet;
let project: string;

before(async () => {
  devnet = await createDevnet({ memory: true, host: '127.0.0.1', port: 0 });
  project = await mkdtemp(join(tmpdir(), 'fevm-hardhat-'));
  await cp(fileURLToPath(new URL('hardhat-project', import.meta.url)), project, { recursive: true });
  await linkProjectModules(project, repo, 'fevm-hardhat-e2e'); // the config imports fevm-devnet/hardhat
});

after(async () => {
  await devnet?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

test('Hardhat 3 network helpers run against the devnet with the fevm-devnet/hardhat plugin', { timeout: 120_000 }, async () => {
  const run = await runHardhat(repo, project, ['test', 'nodejs'], { FEVM_DEVNET_URL: devnet.url });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /7 passing/, run.output);
  assert.doesNotMatch(run.output, /failing/, run.output);
  // test/console-log.test.js, on the plugin's in-process devnet: the transaction's and the call's lines.
  assert.match(run.output, /^\s*greeting changes from hello to bonjour$/m, run.output);
  assert.match(run.output, /^\s*shouting 3 times$/m, run.output);
});
