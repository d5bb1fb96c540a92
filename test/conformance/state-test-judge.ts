// How a state test's outcome is judged against Ethereum's expectation, and which documented FEVM rule
// explains a difference, shared by the in-process suite (state-tests.test.ts) and the JSON-RPC one
// (state-tests-rpc.test.ts). Judging reads only the outcome's stage, exit code and post-state
// differences, so both runs are judged alike; the rule search reruns the case in-process (a rerun
// with Ethereum's gas numbers, an opcode probe), which only the VM can do.

import { probeOpcodes } from './opcode-probe.ts';
import type { FevmClass, IndexedCase } from './state-test-case.ts';
import { runStateTest } from './state-test-runner.ts';

export type JudgedClass = Exclude<FevmClass, 'unsupported-on-fevm'>;
export const TARGETS: Record<JudgedClass, number> = { portable: 0.97, 'needs-care': 0.85 };
export const CALLCODE = 0xf2;

/** What judging needs of a run, whichever way it ran. */
export type JudgedOutcome =
  /** The node refused the signed transaction before it became a message. */
  | { stage: 'convert'; reason: string }
  /** The message was refused before it ran (no receipt, no nonce change); the VM gives an exit code. */
  | { stage: 'prevalidation'; exitCode?: number; reason: string }
  /**
   * The message ran; `differences` lists every way the state differs from the expectation. The VM
   * gives the receipt's exit code, JSON-RPC the Ethereum receipt's status.
   */
  | ({ stage: 'applied'; differences: string[] } & ({ exitCode: number; failure: string | null } | { status: string }))
  /** Something threw that should have been a receipt. */
  | { stage: 'crashed'; reason: string };

/**
 * Documented FEVM rules that make a case differ from Ethereum, each shown for the case itself:
 * - gas: the case matches Ethereum when rerun with Ethereum's gas numbers in the interpreter (explicit
 *   CALL gas, the 2300 stipend, stored GAS values, depth reachable only beyond 10 billion gas);
 * - CALLCODE: the interpreter refused CALLCODE as an undefined instruction on the case's path;
 * - access list: the transaction carries an access list, which FEVM (Lotus) refuses.
 */
export type FevmRule = 'gas' | 'CALLCODE' | 'access list';

export interface Verdict {
  /** Matches Ethereum's expectation (or, for an invalid transaction, was refused). */
  pass: boolean;
  reason: string;
}

export function judge(indexed: IndexedCase, outcome: JudgedOutcome): Verdict {
  const exception = indexed.testCase.expect.exception;
  if (outcome.stage === 'crashed') return { pass: false, reason: `crashed: ${outcome.reason}` };
  if (outcome.stage !== 'applied') {
    const exit = outcome.stage === 'prevalidation' && outcome.exitCode !== undefined ? ` (exit ${outcome.exitCode})` : '';
    const refusal = outcome.stage === 'convert' ? `parser refused it: ${outcome.reason}` : `pre-validation refused it${exit}: ${outcome.reason}`;
    return exception ? { pass: true, reason: refusal } : { pass: false, reason: `valid on Ethereum, but the ${refusal}` };
  }
  const receipt = 'status' in outcome ? `status ${outcome.status}` : `exit ${outcome.exitCode}${outcome.failure ? ` (${outcome.failure})` : ''}`;
  if (exception) return { pass: false, reason: `Ethereum refuses it (${exception}); FEVM ran it: ${receipt}` };
  if (outcome.differences.length === 0) return { pass: true, reason: receipt };
  return { pass: false, reason: `${receipt}: ${outcome.differences.join('; ')}` };
}

/** The FEVM rule a failing case runs into, shown by rerunning it in-process (undefined: none found). */
export async function findFevmRule(indexed: IndexedCase, outcome: JudgedOutcome): Promise<FevmRule | undefined> {
  if (outcome.stage === 'convert' && /access lists are not supported/.test(outcome.reason)) return 'access list';
  if (outcome.stage !== 'applied' && outcome.stage !== 'convert') return undefined;
  if (judge(indexed, await runStateTest(indexed.testCase, 'ethereum')).pass) return 'gas';
  const probe = await probeOpcodes(() => runStateTest(indexed.testCase));
  return probe.undefinedOpcodes.includes(CALLCODE) ? 'CALLCODE' : undefined;
}

export interface JudgedCase extends Verdict {
  indexed: IndexedCase;
  fevmRule: FevmRule | undefined;
}

/** The class's line of counts; `extra` adds what a run counts apart. */
export function classSummary(cls: JudgedClass, list: readonly JudgedCase[], extra = ''): { text: string; explained: number; needed: number } {
  const percent = (n: number) => `${((100 * n) / list.length).toFixed(1)}%`;
  const passed = list.filter((r) => r.pass).length;
  const byRule = (rule: FevmRule) => list.filter((r) => r.fevmRule === rule).length;
  const ruled = list.filter((r) => r.fevmRule !== undefined).length;
  const text = `${cls}: ${passed}/${list.length} match Ethereum (${percent(passed)}); ${ruled} more differ by a FEVM rule shown on the case (gas ${byRule('gas')}, CALLCODE ${byRule('CALLCODE')}, access list ${byRule('access list')}): ${percent(passed + ruled)} together, target ${TARGETS[cls] * 100}%${extra}`;
  return { text, explained: passed + ruled, needed: Math.ceil(TARGETS[cls] * list.length) };
}

export function failureLine(report: JudgedCase): string {
  return `${report.fevmRule ? `FEVM RULE (${report.fevmRule})` : 'FAIL'} ${report.indexed.entry.id}: ${report.reason}`;
}
