// geth's callTracer (go-ethereum eth/tracers/native/call.go) over a traced FEVM message: the nested
// call frames of fevm-calls.ts with geth's field names, order and rules: type in capitals, gas and
// gasUsed in hex (gasUsed counts the frame's calls, and for the outermost frame is the receipt's),
// `to` left out of a failed create, output only on success or revert, revertReason decoded, `value` left
// out of STATICCALL. Options: onlyTopCall, and withLog, which needs the EVM's steps: LOG0-4 are read off
// the stack and memory as they run, and a failed frame's logs (and its calls') are dropped, as geth does.
// Gas is Filecoin gas (FEVM's EVM gas is Filecoin gas, docs/tracing.md); native calls read as in
// trace_* (handle_filecoin_method ABI); SELFDESTRUCT is no frame of its own.

import { decodeRevert, toAddress, toData, toHash, toQuantity, traceErrorMessage } from '../eth/index.ts';
import { ExitCode, bytesToHex, uintToFixedBytes } from '../primitives/index.ts';
import type { StepListener, TracedFrame } from '../vm/index.ts';
import type { EthCall } from './fevm-calls.ts';

export interface CallTracerConfig {
  onlyTopCall: boolean;
  withLog: boolean;
}

/** A LOG as it ran, in its frame, with how many calls the frame had made before it. */
export interface CapturedLog {
  frame: TracedFrame;
  rawPosition: number;
  address: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
}

const LOG0 = 0xa0;
const LOG4 = 0xa4;

/** A step listener that keeps every LOG0-LOG4 (call `logs` once the message has run). */
export function createLogCollector(): { onStep: StepListener; logs: CapturedLog[] } {
  const logs: CapturedLog[] = [];
  const onStep: StepListener = (step, _depth, frame) => {
    const op = step.opcode.code;
    if (op < LOG0 || op > LOG4) return;
    const stack = step.stack;
    const top = stack.length - 1;
    const topicCount = op - LOG0;
    if (stack.length < 2 + topicCount) return;
    const offset = Number(stack[top]!);
    const size = Number(stack[top - 1]!);
    const topics = Array.from({ length: topicCount }, (_, i) => uintToFixedBytes(stack[top - 2 - i]!));
    const data = new Uint8Array(size);
    data.set(step.memory.subarray(offset, offset + size));
    logs.push({ frame, rawPosition: frame.calls.length, address: step.address.bytes.slice(), topics, data });
  };
  return { onStep, logs };
}

export interface CallTracerInput {
  root: EthCall;
  /** The transaction's gas limit and the receipt's gas used (the outermost frame's gas and gasUsed). */
  gasLimit: bigint;
  gasUsed: bigint;
  config: CallTracerConfig;
  logs?: readonly CapturedLog[];
  /** The index of the message's first log in its block. */
  firstLogIndex?: number;
  /** The code a create left at its address (for creates whose code the trace did not see). */
  deployedCode?(address: Uint8Array): Uint8Array;
}

/** The callTracer's answer for one message. */
export function callTracerJson(input: CallTracerInput): Record<string, unknown> {
  const logsByCall = input.config.withLog ? assignLogs(input) : new Map<EthCall, Record<string, unknown>[]>();
  const frame = (call: EthCall, top: boolean): Record<string, unknown> => {
    const failed = call.exitCode !== ExitCode.OK;
    const create = call.type === 'create' || call.type === 'create2';
    let output = call.output;
    if (create && !failed && output.length === 0 && call.to && input.deployedCode) output = input.deployedCode(call.to);
    const json: Record<string, unknown> = { from: toAddress(call.from), gas: toQuantity(top ? input.gasLimit : call.gas), gasUsed: toQuantity(top ? input.gasUsed : call.gasUsed) };
    if (call.to && !(create && failed)) json.to = toAddress(call.to);
    json.input = toData(call.input);
    const reverted = call.exitCode === ExitCode.EVM_REVERTED;
    if ((!failed || reverted) && output.length > 0) json.output = toData(output);
    if (failed) json.error = gethErrorMessage(call);
    if (reverted && output.length >= 4) {
      const reason = decodeRevert(output).reason;
      if (reason !== undefined) json.revertReason = reason;
    }
    const calls = input.config.onlyTopCall ? [] : call.calls.map((c) => frame(c, false));
    if (calls.length > 0) json.calls = calls;
    const logs = logsByCall.get(call);
    if (logs && logs.length > 0) json.logs = logs;
    if (call.type !== 'staticcall') json.value = toQuantity(call.value);
    json.type = call.type.toUpperCase();
    return json;
  };
  return frame(input.root, true);
}

/**
 * geth's words for a failed frame: the interpreter's failure as geth names it, a revert as "execution
 * reverted", and for a native actor the words Lotus's traces use.
 */
export function gethErrorMessage(call: Pick<EthCall, 'exitCode' | 'evmCallee' | 'evmError'>): string {
  switch (call.evmError) {
    case 'revert':
      return 'execution reverted';
    case 'out of gas':
      return 'out of gas';
    case 'invalid JUMP':
      return 'invalid jump destination';
    case 'static state change':
      return 'write protection';
    case 'create collision':
      return 'contract address collision';
    case 'code size to deposit exceeds maximum code size':
      return 'max code size exceeded';
    case undefined:
      break;
    default:
      return call.exitCode === ExitCode.EVM_INVALID_INSTRUCTION ? 'invalid opcode: INVALID' : call.evmError;
  }
  if (call.exitCode === ExitCode.EVM_REVERTED && call.evmCallee) return 'execution reverted';
  if (call.evmCallee && call.exitCode === ExitCode.EVM_INVALID_INSTRUCTION) return 'invalid opcode: INVALID';
  if (call.evmCallee && call.exitCode === ExitCode.EVM_UNDEFINED_INSTRUCTION) return 'invalid opcode';
  return traceErrorMessage(call.exitCode, call.evmCallee) ?? 'failed';
}

/**
 * Each kept log in the frame that emitted it, numbered across the block and placed among the frame's
 * calls (`position`: how many calls came before it), as geth's OnLog does.
 */
function assignLogs(input: CallTracerInput): Map<EthCall, Record<string, unknown>[]> {
  const owners = new Map<TracedFrame, EthCall>();
  const failed = new Set<EthCall>();
  const walk = (call: EthCall, parentFailed: boolean) => {
    owners.set(call.codeFrame, call);
    const f = parentFailed || call.exitCode !== ExitCode.OK;
    if (f) failed.add(call);
    for (const c of call.calls) walk(c, f);
  };
  walk(input.root, false);
  const out = new Map<EthCall, Record<string, unknown>[]>();
  let index = input.firstLogIndex ?? 0;
  for (const log of input.logs ?? []) {
    const owner = owners.get(log.frame);
    if (!owner || failed.has(owner)) continue;
    if (input.config.onlyTopCall && owner !== input.root) continue;
    const entry = {
      address: toAddress(log.address),
      topics: log.topics.map(toHash),
      data: bytesToHex(log.data),
      index: toQuantity(index++),
      position: toQuantity(positionAmongCalls(owner, log)),
    };
    let list = out.get(owner);
    if (!list) out.set(owner, (list = []));
    list.push(entry);
  }
  return out;
}

/** How many of `owner`'s calls come from the recorded calls its frame had made when `log` ran. */
function positionAmongCalls(owner: EthCall, log: CapturedLog): number {
  const before = new Set<TracedFrame>();
  const add = (f: TracedFrame) => {
    before.add(f);
    f.calls.forEach(add);
  };
  log.frame.calls.slice(0, log.rawPosition).forEach(add);
  return owner.calls.filter((c) => before.has(c.frame)).length;
}
