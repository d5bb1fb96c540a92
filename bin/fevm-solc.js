#!/usr/bin/env node
// `fevm-solc`: a solc-compatible command for Foundry, backed by the npm `solc` package (solc-js), since
// no native solc can be had from npm. forge calls it as it calls solc: `--version` must answer a native
// version line, and `--standard-json` reads the compiler input on stdin and writes the output on
// stdout (forge also passes `--allow-paths`, `--base-path` and `--include-path`, which resolve imports
// that are not in the input). Point foundry.toml at it: `solc = "node_modules/fevm-devnet/bin/fevm-solc.js"`
// (or `forge build --use <path>`); see docs/foundry.md.
// Not owned here: the compiler itself, and EVM version defaults (the project's foundry.toml sets cancun).
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function solc() {
  return require('solc');
}

/** solc-js reports `0.8.37+commit.f401782d.Emscripten.clang`; forge wants a native-looking line. */
function nativeVersion() {
  return solc().version().replace(/\.Emscripten\.clang$/, '.Linux.g++');
}

function optionValues(name) {
  const values = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name && args[i + 1] !== undefined) values.push(...args[++i].split(','));
    else if (args[i].startsWith(`${name}=`)) values.push(...args[i].slice(name.length + 1).split(','));
  }
  return values;
}

/** Imports missing from the input: looked up under the base path and each include path, then as given. */
function findImports(path) {
  const roots = [...optionValues('--base-path'), ...optionValues('--include-path'), process.cwd()];
  for (const root of roots) {
    const file = isAbsolute(path) ? path : join(root, path);
    if (existsSync(file)) return { contents: readFileSync(file, 'utf8') };
  }
  return { error: `file not found: ${path} (looked under ${roots.map((r) => resolve(r)).join(', ')})` };
}

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${nativeVersion()}\n`);
} else if (args.includes('--standard-json')) {
  const input = readFileSync(0, 'utf8');
  process.stdout.write(solc().compile(input, { import: findImports }));
} else {
  process.stderr.write('fevm-solc: only --version and --standard-json are supported (a solc stand-in for Foundry, backed by solc-js)\n');
  process.exitCode = 1;
}
