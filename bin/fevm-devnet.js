#!/usr/bin/env node
// The `fevm-devnet` command. The sources are TypeScript that Node runs directly (type stripping);
// Node 22.13-22.17 needs the flag for that, so on those versions this re-runs itself with it.
import { spawnSync } from 'node:child_process';

if (!process.features.typescript) {
  const args = ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', ...process.argv.slice(1)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
