// The JSON shapes of Lotus's trace_* answers (LOTUS:chain/types/ethtypes/eth_types.go EthTrace,
// EthTraceBlock, EthTraceReplayBlockTransaction; node/impl/eth/trace.go `traceErrMsg`), OpenEthereum's
// shapes with Lotus's choices: blockNumber and transactionPosition are JSON numbers, gas and value hex
// quantities, `result` is there even when the call failed, `error` only when it did, and the error
// words come from the Filecoin exit code. Pure: plain values in, JSON out.

import { toAddress, toData, toHash, toQuantity } from './quantity.ts';

export interface EthTraceCallAction {
  callType: 'call' | 'staticcall' | 'delegatecall';
  from: Uint8Array;
  to: Uint8Array;
  gas: bigint;
  value: bigint;
  input: Uint8Array;
}

export interface EthTraceCreateAction {
  from: Uint8Array;
  gas: bigint;
  value: bigint;
  init: Uint8Array;
}

/** One entry of a flat trace (Lotus EthTrace). */
export type EthTrace = {
  error?: string;
  subtraces: number;
  traceAddress: number[];
} & (
  | { type: 'call'; action: EthTraceCallAction; result: { gasUsed: bigint; output: Uint8Array } }
  | { type: 'create'; action: EthTraceCreateAction; result: { address?: Uint8Array; gasUsed: bigint; code: Uint8Array } }
);

export interface EthTraceLocation {
  blockHash: Uint8Array;
  blockNumber: number;
  transactionHash: Uint8Array;
  transactionPosition: number;
}

/** An EthTrace as Lotus writes it. */
export function ethTraceJson(trace: EthTrace): Record<string, unknown> {
  const json: Record<string, unknown> = { type: trace.type };
  if (trace.error) json.error = trace.error;
  json.subtraces = trace.subtraces;
  json.traceAddress = trace.traceAddress;
  if (trace.type === 'call') {
    const { action, result } = trace;
    json.action = { callType: action.callType, from: toAddress(action.from), to: toAddress(action.to), gas: toQuantity(action.gas), value: toQuantity(action.value), input: toData(action.input) };
    json.result = { gasUsed: toQuantity(result.gasUsed), output: toData(result.output) };
  } else {
    const { action, result } = trace;
    json.action = { from: toAddress(action.from), gas: toQuantity(action.gas), value: toQuantity(action.value), init: toData(action.init) };
    json.result = { ...(result.address && { address: toAddress(result.address) }), gasUsed: toQuantity(result.gasUsed), code: toData(result.code) };
  }
  return json;
}

/** An EthTrace with the block and transaction it belongs to (trace_block, trace_transaction, trace_filter). */
export function ethTraceBlockJson(trace: EthTrace, at: EthTraceLocation): Record<string, unknown> {
  return {
    ...ethTraceJson(trace),
    blockHash: toHash(at.blockHash),
    blockNumber: at.blockNumber,
    transactionHash: toHash(at.transactionHash),
    transactionPosition: at.transactionPosition,
  };
}

/** One transaction of trace_replayBlockTransactions: only "trace" is served, so stateDiff and vmTrace are null. */
export function ethTraceReplayJson(traces: readonly EthTrace[], transactionHash: Uint8Array): Record<string, unknown> {
  const first = traces[0];
  const output = !first ? new Uint8Array(0) : first.type === 'call' ? first.result.output : first.result.code;
  return { output: toData(output), stateDiff: null, trace: traces.map(ethTraceJson), transactionHash: toHash(transactionHash), vmTrace: null };
}

/** go-state-types' names of the exit codes Lotus prints (`ExitCode.String()`). */
const EXIT_CODE_NAMES: Record<number, string> = {
  0: 'Ok',
  1: 'SysErrSenderInvalid',
  2: 'SysErrSenderStateInvalid',
  3: 'SysErrReserved1',
  4: 'SysErrIllegalInstruction',
  5: 'SysErrInvalidReceiver',
  6: 'SysErrInsufficientFunds',
  7: 'SysErrOutOfGas',
  8: 'SysErrReserved2',
  9: 'SysErrIllegalExitCode',
  10: 'SysFatal',
  11: 'SysErrMissingReturn',
  12: 'SysErrReserved3',
  13: 'SysErrReserved4',
  14: 'SysErrReserved5',
  15: 'SysErrReserved6',
  16: 'ErrIllegalArgument',
  17: 'ErrNotFound',
  18: 'ErrForbidden',
  19: 'ErrInsufficientFunds',
  20: 'ErrIllegalState',
  21: 'ErrSerialization',
  22: 'ErrUnhandledMessage',
  23: 'ErrUnspecified',
  24: 'ErrAssertionFailed',
  25: 'ErrReadOnly',
  26: 'ErrNotPayable',
};

/** The EVM's exit codes as Lotus words them when the callee is an EVM contract or the EAM. */
const EVM_ERRORS: Record<number, string> = {
  33: 'Reverted',
  34: 'invalid instruction',
  35: 'undefined instruction',
  36: 'stack underflow',
  37: 'stack overflow',
  38: 'illegal memory access',
  39: 'invalid jump destination',
  40: 'self destruct failed',
};

/** `SysErrOutOfGas(7)`, `ErrForbidden(18)`, `33` (go-state-types `ExitCode.String()`). */
export function filecoinExitCodeName(code: number): string {
  const name = EXIT_CODE_NAMES[code];
  return name ? `${name}(${code})` : String(code);
}

/** A trace's `error` (Lotus `traceErrMsg`): undefined on success. */
export function traceErrorMessage(exitCode: number, evmCallee: boolean): string | undefined {
  if (exitCode === 0) return undefined;
  // EVM tools expect these literal words.
  if (exitCode === 7) return 'out of gas';
  if (exitCode < 16) return `vm error: ${filecoinExitCodeName(exitCode)}`;
  if (evmCallee && EVM_ERRORS[exitCode]) return EVM_ERRORS[exitCode];
  return `actor error: ${filecoinExitCodeName(exitCode)}`;
}
