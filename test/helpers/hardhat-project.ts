// A throwaway Hardhat project beside the repository, as the e2e tests use one: a package.json, and a
// node_modules whose entries link to the repository's, with `fevm-devnet` linked to the repository
// itself (so `fevm-devnet/hardhat` resolves as it does for a user who installed the package); and
// `npx hardhat <args>` run in it.

import { spawn } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function linkProjectModules(project: string, repo: string, name: string): Promise<void> {
  await writeFile(join(project, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  await mkdir(join(project, 'node_modules'));
  for (const entry of await readdir(join(repo, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    await symlink(join(repo, 'node_modules', entry), join(project, 'node_modules', entry));
  }
  await symlink(repo, join(project, 'node_modules', 'fevm-devnet'));
}

export interface HardhatRun {
  code: number | null;
  /** stdout and stderr together. */
  output: string;
  seconds: number;
}

/** `npx hardhat <args>` in `project`, with `env` added (and no inherited FEVM_DEVNET_IN_PROCESS). */
export function runHardhat(repo: string, project: string, args: string[], env: Record<string, string> = {}): Promise<HardhatRun> {
  const cli = join(repo, 'node_modules', 'hardhat', 'dist', 'src', 'cli.js');
  const started = performance.now();
  const { FEVM_DEVNET_IN_PROCESS: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: project,
      env: { ...inherited, HARDHAT_DISABLE_TELEMETRY: 'true', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, seconds: (performance.now() - started) / 1000 }));
  });
}
