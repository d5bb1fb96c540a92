// What the node prints and answers about an execution for the person debugging it, as Hardhat's and
// anvil's nodes do: the console.log lines a transaction or call printed (console-log.ts), and a
// failure in words (failure-message.ts) naming the contract from the ABIs the node knows
// (abi-registry.ts), and the contract a bubbled-up revert began in. For a call this is its CallReport (the JSON-RPC error's message, and lines in the
// node's log when it logged or failed); for a sealed transaction, the lines under its line in
// `fevm-devnet start`'s output. An empty registry and no console.log cost nothing: no code is read.

import { EAM_METHOD_CREATE_EXTERNAL } from '../actors/index.ts';
import type { ExecutedMessage } from '../chain/chain.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { AbiRegistry, type KnownContract } from '../eth/abi-registry.ts';
import { formatConsoleLog } from '../eth/console-log.ts';
import type { SourceLocation } from '../eth/source-map.ts';
import { failureMessage, type FailedExecution } from '../eth/failure-message.ts';
import { decodeCbor, type CID } from '../ipld/index.ts';
import { Address, EAM_ACTOR_ID, ExitCode, Protocol, bytesToHex, type Message } from '../primitives/index.ts';
import type { ApplyResult } from '../vm/index.ts';
import type { CallOutcome, CallReport, CallSpec } from './call-types.ts';
import type { ChainView } from './chain-view.ts';
import { StateReader } from './state-reader.ts';

/** The ABIs the node knows and where it prints (the node's log; none in tests that do not listen). */
export interface DebugOutput {
  abis: AbiRegistry;
  log?: (line: string) => void;
  /**
   * Only what eth_call's console.log calls printed, a line each, as Hardhat's in-process network
   * prints them (eth_estimateGas's runs print nothing here: the transaction that follows will).
   */
  consoleLog?: (line: string) => void;
}

/** The report of one eth_call or eth_estimateGas: error messages that name things, lines in the log. */
export function callReport(view: ChainView, debug: DebugOutput | undefined, method: string, at: TipsetRecord, spec: CallSpec): CallReport {
  const abis = debug?.abis ?? EMPTY;
  const to = spec.to ?? null;
  const data = spec.data ?? new Uint8Array(0);
  let identified = false;
  let contract: KnownContract | undefined;
  const known = () => {
    if (!identified) [identified, contract] = [true, identify(view, abis, at.stateRoot, to, data)];
    return contract;
  };
  const sites = new WeakMap<CallOutcome, ReturnType<typeof revertSite>>();
  const siteOf = (outcome: CallOutcome) => {
    let site = sites.get(outcome);
    if (!site) sites.set(outcome, (site = revertSite(view, abis, at.stateRoot, outcome.result, to, known())));
    return site;
  };
  const message = (outcome: CallOutcome) =>
    failureMessage({ exitCode: outcome.result.receipt.exitCode, revertData: outcome.returnData, failure: outcome.result.failure, to, contract: known(), ...siteOf(outcome) }, abis);
  return {
    failureMessage: message,
    seen(outcome) {
      if (debug?.consoleLog && method === 'eth_call') printConsoleLogs(outcome.result, debug.consoleLog);
      const failed = outcome.result.receipt.exitCode !== ExitCode.OK;
      if (!debug?.log || (!failed && !outcome.result.consoleLogs)) return;
      const target = to ? `to ${bytesToHex(to)}${nameNote(abis, known(), data)}` : `deploying${known() ? ` ${known()!.name}` : ''}`;
      debug.log(`${method}  from ${bytesToHex(spec.from ?? new Uint8Array(20))}  ${target}`);
      for (const line of detailLines(outcome.result, failed ? message(outcome) : undefined, failed ? siteOf(outcome).location : undefined)) debug.log(line);
    },
  };
}

export interface TransactionReport {
  /** ` (Vault.withdraw)`, or '' when the contract is not known. */
  callNote: string;
  /** console.log output and the failure, indented to sit under the transaction's line. */
  lines: string[];
}

/** What `fevm-devnet start` prints about a sealed transaction besides its line. */
export function transactionReport(view: ChainView, abis: AbiRegistry, record: TipsetRecord, executed: ExecutedMessage): TransactionReport {
  const { result } = executed;
  const message = executed.signed.message;
  const failed = result.receipt.exitCode !== ExitCode.OK;
  if (!failed && !result.consoleLogs && abis.size === 0) return { callNote: '', lines: [] };
  const deploying = message.to.protocol === Protocol.ID && message.to.id === EAM_ACTOR_ID && message.method === EAM_METHOD_CREATE_EXTERNAL;
  const to = deploying ? null : view.ethAddress(message.to);
  const input = cborBytes(message.params);
  const contract = abis.size === 0 ? undefined : identify(view, abis, record.stateRoot, to, input);
  const callNote = to ? nameNote(abis, contract, input) : contract ? ` (${contract.name})` : '';
  const revertData = result.receipt.exitCode === ExitCode.EVM_REVERTED ? cborBytes(result.receipt.returnData) : new Uint8Array(0);
  const site = failed ? revertSite(view, abis, record.stateRoot, result, to, contract) : {};
  const failure = failed ? failureMessage({ exitCode: result.receipt.exitCode, revertData, failure: result.failure, to, contract, ...site }, abis) : undefined;
  return { callNote, lines: detailLines(result, failure, site.location) };
}

const EMPTY = new AbiRegistry();

/** The known contract a call or deployment runs: by its code at `stateRoot`, or a deployment by its input. */
function identify(view: ChainView, abis: AbiRegistry, stateRoot: CID, to: Uint8Array | null, input: Uint8Array): KnownContract | undefined {
  if (abis.size === 0) return undefined;
  if (to === null) return abis.contractForCreation(input);
  return abis.contractForCode(new StateReader(view.store, stateRoot, view.node.chain.registry).code(to));
}

/**
 * Where a revert began, as the state at `stateRoot` has it: the contract a bubbled-up revert came from
 * (ApplyResult.revertOrigin; one that does not exist there, whose constructor reverted, is left out),
 * and the source line of its REVERT (ApplyResult.revertPc) when its compilation gave a source map.
 */
function revertSite(
  view: ChainView,
  abis: AbiRegistry,
  stateRoot: CID,
  result: ApplyResult,
  to: Uint8Array | null,
  called: KnownContract | undefined,
): Pick<FailedExecution, 'origin' | 'location'> {
  if (result.revertOrigin === undefined && (result.revertPc === undefined || abis.size === 0)) return {};
  const reader = new StateReader(view.store, stateRoot, view.node.chain.registry);
  let origin: FailedExecution['origin'];
  if (result.revertOrigin !== undefined && reader.tree.getActor(result.revertOrigin)) {
    const address = view.ethAddress(Address.newId(result.revertOrigin), reader.tree);
    if (address) origin = { address, contract: abis.size === 0 ? undefined : abis.contractForCode(reader.code(address)) };
  }
  if (result.revertOrigin !== undefined && !origin) return {};
  const address = origin?.address ?? to;
  const contract = origin ? origin.contract : called;
  const location = result.revertPc !== undefined && address && contract ? abis.sourceLocation(contract, reader.code(address), result.revertPc) : undefined;
  return { ...(origin && { origin }), ...(location && { location }) };
}

function nameNote(abis: AbiRegistry, contract: KnownContract | undefined, calldata: Uint8Array): string {
  return contract ? ` (${abis.callName(contract, calldata)})` : '';
}

/** A transaction's or call's console.log output, a line each and nothing else (Hardhat's in-process network). */
export function printConsoleLogs(result: Pick<ApplyResult, 'consoleLogs'>, print: (line: string) => void): void {
  for (const data of result.consoleLogs ?? []) for (const line of formatConsoleLog(data).split('\n')) print(line);
}

/** Hardhat's layout: a `console.log:` block, then the error, and the source line it reverted at. */
function detailLines(result: Pick<ApplyResult, 'consoleLogs'>, failure: string | undefined, location?: SourceLocation): string[] {
  const lines: string[] = [];
  if (result.consoleLogs) {
    lines.push('    console.log:');
    for (const data of result.consoleLogs) for (const line of formatConsoleLog(data).split('\n')) lines.push(`      ${line}`);
  }
  if (failure !== undefined) lines.push(`    error: ${failure}`);
  if (failure !== undefined && location) lines.push(`      ${location.file}:${location.line}:  ${location.text}`);
  return lines;
}

/** A message's params or return as the bytes inside their CBOR byte string (InvokeContract, CreateExternal). */
function cborBytes(cbor: Message['params']): Uint8Array {
  if (cbor.length === 0) return cbor;
  try {
    const decoded = decodeCbor(cbor);
    return decoded instanceof Uint8Array ? decoded : cbor;
  } catch {
    return cbor;
  }
}
