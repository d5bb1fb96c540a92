#!/usr/bin/env node
// The `fevm-devnet` command. It runs dist/ when that is current, else the TypeScript in src/
// (bin/sources.js); Node 22.13-22.17 needs a flag to strip types, so on those versions it re-runs
// itself with it. Node's compile cache keeps V8's compiled code (and the stripped TypeScript) between
// starts, which with dist/ makes a cold start mostly the devnet's own work.
import module from 'node:module';
import { spawnSync } from 'node:child_process';
import { sourceModule } from './sources.js';

module.enableCompileCache?.();
const entry = sourceModule('cli/main');
if (entry.typescript && !process.features.typescript) {
  const args = ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', ...process.argv.slice(1)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
const { main } = await import(entry.url);
process.exitCode = await main(process.argv.slice(2));
