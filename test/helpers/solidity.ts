// Solidity for tests and benchmarks, compiled offline with the npm `solc` package (solc-js). Outputs are
// cached under node_modules/.cache by a hash of the input, so a test run compiles each source once.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface CompiledContract {
  abi: unknown[];
  /** Creation code (initcode), hex with 0x. */
  bytecode: string;
  /** Runtime code, hex with 0x. */
  deployedBytecode: string;
}

const CACHE_DIR = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'fevm-devnet-solc');

/** solc's standard JSON in and out, as Hardhat hands them to `hardhat_addCompilationResult`. */
export interface CompilationResult {
  solcVersion: string;
  input: { language: string; sources: Record<string, { content: string }>; settings: Record<string, unknown> };
  output: {
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string; linkReferences: unknown }; deployedBytecode: { object: string; linkReferences: unknown; immutableReferences: unknown; sourceMap: string } } }>>;
    /** Each source's id, which source maps refer to. */
    sources: Record<string, { id: number }>;
  };
}

/**
 * Compiles `sources` with the output Hardhat asks solc for (ABI, creation and runtime code with their
 * link and immutable references); answers input and output whole. Cached like compileSolidity.
 */
export function compileStandardJson(sources: Record<string, string>, evmVersion = 'cancun'): CompilationResult {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: {
      evmVersion,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode', 'evm.deployedBytecode', 'evm.methodIdentifiers'] } },
    },
  };
  const text = JSON.stringify(input);
  const cached = join(CACHE_DIR, `standard-${createHash('sha256').update(text).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as CompilationResult;
  } catch {
    // Not compiled yet.
  }
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string; version(): string };
  const output = JSON.parse(solc.compile(text)) as CompilationResult['output'] & { errors?: { severity: string; formattedMessage: string }[] };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const result: CompilationResult = { solcVersion: solc.version().replace(/\.Emscripten.*$/, ''), input, output };
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(result));
  return result;
}

/** Compiles `sources` (file name → Solidity); answers every contract by name. */
export function compileSolidity(sources: Record<string, string>, evmVersion = 'cancun'): Record<string, CompiledContract> {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: {
      evmVersion,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const text = JSON.stringify(input);
  const key = createHash('sha256').update(text).digest('hex');
  const cached = join(CACHE_DIR, `${key}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as Record<string, CompiledContract>;
  } catch {
    // Not compiled yet.
  }
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string };
  const output = JSON.parse(solc.compile(text)) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const result: Record<string, CompiledContract> = {};
  for (const file of Object.values(output.contracts)) {
    for (const [name, c] of Object.entries(file)) {
      result[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`, deployedBytecode: `0x${c.evm.deployedBytecode.object}` };
    }
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(result));
  return result;
}
