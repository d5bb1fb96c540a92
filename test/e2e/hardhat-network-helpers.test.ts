// End to end: a Hardhat 3 project (hardhat-project/, copied into a temporary folder) runs its
// node:test tests against an in-process devnet with @nomicfoundation/hardhat-network-helpers and the
// `fevm-devnet/hardhat` plugin (docs/hardhat.md). What a user would notice: `hardhat test` passes.
// The temporary project's node_modules links to this repository's packages, and `fevm-devnet` to
// the repository itself, as an installed dependency would be.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { linkProjectModules } from '../helpers/hardhat-project.ts';

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

interface Run {
  code: number | null;
  output: string;
}

function hardhat(args: string[]): Promise<Run> {
  const cli = join(repo, 'node_modules', 'hardhat', 'dist', 'src', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: project,
      env: { ...process.env, FEVM_DEVNET_URL: devnet.url, HARDHAT_DISABLE_TELEMETRY: 'true', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('Hardhat 3 network helpers run against the devnet with the fevm-devnet/hardhat plugin', { timeout: 120_000 }, async () => {
  const run = await hardhat(['test', 'nodejs']);
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /5 passing/, run.output);
  assert.doesNotMatch(run.output, /failing/, run.output);
});
