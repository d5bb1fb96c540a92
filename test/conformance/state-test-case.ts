// Ethereum state tests (Cancun) as the conformance snapshot stores them: `index.json` lists every case
// with its file and how well it can port to FEVM (portable / needs-care / unsupported-on-fevm, with
// notes), and each `<file>.json` holds the cases themselves (env, pre, tx, expect). This file only reads
// them; running a case is state-test-runner.ts.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type FevmClass = 'portable' | 'needs-care' | 'unsupported-on-fevm';
export const FEVM_CLASSES: FevmClass[] = ['portable', 'needs-care', 'unsupported-on-fevm'];

export interface IndexEntry {
  id: string;
  file: string;
  txType: number;
  fevm: { class: FevmClass; notes: string[] };
}

export interface StateTestAccount {
  balance: string;
  code: string;
  nonce: string;
  storage: Record<string, string>;
}

export interface StateTestEnv {
  currentBaseFee: string;
  currentCoinbase: string;
  currentNumber: string;
  currentRandom: string;
  currentTimestamp: string;
  currentGasLimit: string;
}

export interface StateTestTx {
  nonce: string;
  /** Empty for a contract creation. */
  to: string;
  sender: string;
  secretKey: string;
  data: string;
  gasLimit: string;
  value: string;
  gasPrice?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  accessList?: { address: string; storageKeys: string[] }[];
  blobVersionedHashes?: string[];
  maxFeePerBlobGas?: string;
}

export interface StateTestCase {
  id: string;
  env: StateTestEnv;
  pre: Record<string, StateTestAccount>;
  tx: StateTestTx;
  txbytes: string;
  expect: {
    postState: Record<string, StateTestAccount>;
    logsHash: string;
    exception: string | null;
  };
}

export interface IndexedCase {
  entry: IndexEntry;
  testCase: StateTestCase;
}

/** Where the snapshot lives: FEVM_CONFORMANCE_DIR, or ../shared/conformance beside the repository. */
export function conformanceDir(repoRoot: string): string {
  return path.resolve(repoRoot, process.env.FEVM_CONFORMANCE_DIR ?? '../shared/conformance');
}

/** Every case of `<dir>/state-tests/index.json` with its test data; a clear error when the data is absent. */
export function loadStateTests(dir: string): IndexedCase[] {
  const testsDir = path.join(dir, 'state-tests');
  const indexFile = path.join(testsDir, 'index.json');
  if (!existsSync(indexFile)) {
    throw new Error(`Ethereum state tests not found: ${indexFile} does not exist. Set FEVM_CONFORMANCE_DIR to the conformance snapshot (the folder holding state-tests/index.json).`);
  }
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { cases: IndexEntry[] };
  const files = new Map<string, Map<string, StateTestCase>>();
  return index.cases.map((entry) => {
    let cases = files.get(entry.file);
    if (!cases) {
      const list = JSON.parse(readFileSync(path.join(testsDir, entry.file), 'utf8')) as StateTestCase[];
      files.set(entry.file, (cases = new Map(list.map((c) => [c.id, c]))));
    }
    const testCase = cases.get(entry.id);
    if (!testCase) throw new Error(`state test ${entry.id} is listed in index.json but missing from ${entry.file}`);
    return { entry, testCase };
  });
}
