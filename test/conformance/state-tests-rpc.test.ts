// The Ethereum state tests of state-tests.test.ts again, black-box over JSON-RPC: one in-process devnet
// (in memory, genesis at time 0, mining on request) serves every case over real HTTP; each case is set
// up with the development methods, run with eth_sendRawTransaction and read back with standard methods
// (state-test-rpc-runner.ts), then evm_revert goes back to the clean genesis snapshot. Same targets and
// the same judging as the in-process suite (state-test-judge.ts): `portable` ≥ 97%, `needs-care` ≥ 85%,
// counting cases that differ by a FEVM rule. Each case also runs in-process first: that run tells the
// JSON-RPC run where to look (contracts and slots JSON-RPC cannot list), and a rule (shown by rerunning
// in-process with Ethereum's gas numbers, or the CALLCODE probe) counts only when the in-process run
// fails the very same way as the JSON-RPC run did: the JSON-RPC result is what is judged.
// Counted apart and printed: cases whose fee cap was raised to Lotus's minimum, cases whose pre-state
// the development methods cannot express (these count as not matching), and cases that end otherwise
// than in-process. `unsupported-on-fevm`: type 1 and type 3 transactions must be refused by
// eth_sendRawTransaction, and the CALLCODE and BLOBHASH cases end as they do in-process (where
// state-tests.test.ts shows the interpreter refusing the instruction).
// Data: FEVM_CONFORMANCE_DIR, or ../shared/conformance beside the repository.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createDevnet } from '../../src/cli/devnet.ts';
import { createRpcRecorder, type RpcRecorder } from './rpc-recorder.ts';
import { conformanceDir, loadStateTests, type IndexedCase } from './state-test-case.ts';
import { classSummary, failureLine, findFevmRule, judge, TARGETS, type JudgedCase, type JudgedClass, type JudgedOutcome } from './state-test-judge.ts';
import { runStateTest, type StateTestOutcome } from './state-test-runner.ts';
import { runStateTestOverRpc, MIN_FEE_CAP, type RpcStateTestOutcome, type RpcStateTestRun } from './state-test-rpc-runner.ts';

const CLASSES: JudgedClass[] = ['portable', 'needs-care'];

interface RpcCaseReport extends JudgedCase {
  outcome: RpcStateTestOutcome;
  feeCapRaised: boolean;
  /** The in-process run of the same case matches Ethereum. */
  inProcessPass: boolean;
  /** How the in-process run of the case compares, when no rule is counted for a failing case. */
  ruleNote?: string;
}

async function judgeRpcRun(indexed: IndexedCase, run: RpcStateTestRun, inProcess: StateTestOutcome): Promise<RpcCaseReport> {
  const { outcome, feeCapRaised } = run;
  const vm = judge(indexed, inProcess);
  const report = { indexed, outcome, feeCapRaised, inProcessPass: vm.pass, fevmRule: undefined };
  if (outcome.stage === 'not-expressible') return { ...report, pass: false, reason: `not expressible over JSON-RPC: ${outcome.reason}` };
  const verdict = judge(indexed, outcome);
  if (verdict.pass) return { ...report, ...verdict };
  if (vm.pass) return { ...report, ...verdict, ruleNote: 'in-process it matches Ethereum' };
  if (!sameFailure(outcome, inProcess)) return { ...report, ...verdict, ruleNote: `in-process it fails otherwise: ${vm.reason}` };
  return { ...report, ...verdict, fevmRule: await findFevmRule(indexed, outcome) };
}

/** Both refused, or both ran with the same differences (each side names an account's kind its own way). */
function sameFailure(rpc: JudgedOutcome, inProcess: StateTestOutcome): boolean {
  const refused = (o: JudgedOutcome) => o.stage === 'convert' || o.stage === 'prevalidation';
  if (refused(rpc) || refused(inProcess)) return refused(rpc) && refused(inProcess);
  if (rpc.stage !== 'applied' || inProcess.stage !== 'applied') return false;
  const normal = (differences: string[]) => differences.map((d) => d.replace(/^(0x[0-9a-f]{40}) \((?:[^()]|\([^()]*\))*\)/, '$1')).sort().join('\n');
  return normal(rpc.differences) === normal(inProcess.differences);
}

interface UnsupportedRun {
  indexed: IndexedCase;
  run: RpcStateTestRun;
  inProcess: StateTestOutcome;
}

interface Results {
  reports: Map<JudgedClass, RpcCaseReport[]>;
  unsupported: UnsupportedRun[];
}

/** Every case over JSON-RPC on one devnet, reverting to a clean genesis between cases. */
async function runAll(cases: IndexedCase[]): Promise<Results> {
  const reports = new Map<JudgedClass, RpcCaseReport[]>(CLASSES.map((c) => [c, []]));
  const unsupported: UnsupportedRun[] = [];
  const devnet = await createDevnet({ memory: true, port: 0, accounts: 1, genesisTimestamp: 0 });
  try {
    const rpc: RpcRecorder = createRpcRecorder(devnet.url);
    const chainId = Number(await rpc.call<string>('eth_chainId'));
    await rpc.call('evm_setAutomine', [false]);
    let snapshot = await rpc.call<string>('evm_snapshot');
    for (const indexed of cases) {
      const cls = indexed.entry.fevm.class;
      const inProcess = await runStateTest(indexed.testCase);
      const run = await runStateTestOverRpc(rpc, indexed.testCase, chainId, inProcess.stage === 'applied' ? inProcess.contracts : undefined);
      if (cls === 'unsupported-on-fevm') unsupported.push({ indexed, run, inProcess });
      else reports.get(cls)!.push(await judgeRpcRun(indexed, run, inProcess));
      assert.equal(await rpc.call('evm_revert', [snapshot]), true);
      snapshot = await rpc.call<string>('evm_snapshot');
    }
  } finally {
    await devnet.close();
  }
  return { reports, unsupported };
}

/**
 * How an unsupported case must end over JSON-RPC: a type 1 or type 3 transaction refused by
 * eth_sendRawTransaction; a CALLCODE or BLOBHASH case as it ends in-process, where the suite
 * state-tests.test.ts shows the interpreter refusing the instruction (JSON-RPC cannot see inside).
 */
function unsupportedViolation({ indexed, run, inProcess }: UnsupportedRun): string | undefined {
  const { notes } = indexed.entry.fevm;
  const refusedWith = (pattern: RegExp) => (run.outcome.stage === 'convert' && pattern.test(run.outcome.reason) ? undefined : `not refused by eth_sendRawTransaction: ${describeOutcome(run.outcome)}`);
  if (notes.some((n) => n.startsWith('tx-type-1'))) return refusedWith(/EIP-2930 \(type 1\) transactions are not supported/);
  if (notes.some((n) => n.startsWith('tx-type-3'))) return refusedWith(/transaction type 3 is not supported/);
  if (run.outcome.stage === 'not-expressible') return `not expressible over JSON-RPC: ${run.outcome.reason}`;
  const [rpc, vm] = [judge(indexed, run.outcome), judge(indexed, inProcess)];
  if ((rpc.pass && vm.pass) || (!rpc.pass && !vm.pass && sameFailure(run.outcome, inProcess))) return undefined;
  return `ends otherwise than in-process: over JSON-RPC ${rpc.pass ? 'matches Ethereum' : rpc.reason}; in-process ${vm.pass ? 'matches Ethereum' : vm.reason}`;
}

function describeOutcome(outcome: RpcStateTestOutcome): string {
  return outcome.stage === 'applied' ? `ran (${outcome.differences.length} differences)` : `${outcome.stage}: ${outcome.reason}`;
}

// The cases run here, at the top level, not in a `before` hook: node:test tracks every async resource
// created inside a test or hook (an async hook on each promise), which makes this suite about 3× slower.
let setupError: Error | undefined;
let reports = new Map<JudgedClass, RpcCaseReport[]>();
let unsupported: UnsupportedRun[] = [];
try {
  ({ reports, unsupported } = await runAll(loadStateTests(conformanceDir(path.resolve(import.meta.dirname, '../..')))));
} catch (error) {
  setupError = error as Error;
}

describe('Ethereum state tests (Cancun) over JSON-RPC', () => {
  it('finds the conformance data', () => {
    assert.ifError(setupError);
    assert.ok([...reports.values()].some((r) => r.length > 0), 'index.json lists no portable or needs-care cases');
  });

  for (const cls of CLASSES) {
    it(`${cls}: at least ${TARGETS[cls] * 100}% match Ethereum over JSON-RPC, or differ by a FEVM rule shown on the case`, (t: TestContext) => {
      assert.ifError(setupError);
      const list = reports.get(cls)!;
      const raised = list.filter((r) => r.feeCapRaised);
      const unexpressible = list.filter((r) => r.outcome.stage === 'not-expressible');
      const onlyHere = list.filter((r) => r.pass && !r.inProcessPass);
      const otherwise = list.filter((r) => r.ruleNote !== undefined).length + onlyHere.length;
      const summary = classSummary(cls, list, `; fee cap raised to ${MIN_FEE_CAP} attoFIL in ${raised.length} (${raised.filter((r) => r.pass).length} of them match); ${unexpressible.length} not expressible over JSON-RPC; ${otherwise} end otherwise than in-process`);
      t.diagnostic(summary.text);
      for (const r of list.filter((r) => !r.pass)) t.diagnostic(`${failureLine(r)}${r.ruleNote ? ` [${r.ruleNote}]` : ''}`);
      for (const r of onlyHere) t.diagnostic(`MATCHES ONLY OVER JSON-RPC ${r.indexed.entry.id}: ${r.reason}`);
      assert.ok(summary.explained >= summary.needed, `${summary.text}: below target`);
    });
  }

  it('unsupported-on-fevm: type 1 and type 3 transactions refused by eth_sendRawTransaction, CALLCODE and BLOBHASH cases end as in-process', (t: TestContext) => {
    assert.ifError(setupError);
    const violations = unsupported.flatMap((u) => {
      const v = unsupportedViolation(u);
      return v ? [`${u.indexed.entry.id}: ${v}`] : [];
    });
    const refused = unsupported.filter((u) => u.run.outcome.stage === 'convert').length;
    t.diagnostic(`unsupported-on-fevm: ${unsupported.length - violations.length}/${unsupported.length} end the FEVM way over JSON-RPC (${refused} refused by eth_sendRawTransaction); ${unsupported.filter((u) => u.run.outcome.stage !== 'not-expressible' && judge(u.indexed, u.run.outcome).pass).length} match Ethereum's post state`);
    for (const v of violations) t.diagnostic(`NOT FEVM WAY ${v}`);
    assert.deepEqual(violations, []);
  });
});
