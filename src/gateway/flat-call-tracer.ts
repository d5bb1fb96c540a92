// geth's flatCallTracer and 4byteTracer (go-ethereum eth/tracers/native/call_flat.go, 4byte.go) over a
// traced FEVM message's calls (fevm-calls.ts). flatCallTracer: the callTracer's frames flattened depth
// first into OpenEthereum's list, with callTracer's gas (a frame's gasUsed counts its calls; the
// outermost frame has the transaction's gas limit and the receipt's gas used), the transaction's place
// in its block, calls of precompiles left out unless includePrecompiles, geth's error words or, with
// convertParityErrors, Parity's, and no result for a failure that is not a revert. 4byteTracer: how
// often each selector was called with each calldata size ("0x27dc297e-128": 1), precompiles and
// creates not counted.

import { toAddress, toData, toHash, toQuantity } from '../eth/index.ts';
import { ExitCode, bytesToHex } from '../primitives/index.ts';
import { InvalidParamsError } from '../rpc/index.ts';
import type { EthCall } from './fevm-calls.ts';
import { gethErrorMessage } from './geth-call-tracer.ts';

export interface FlatCallConfig {
  convertParityErrors: boolean;
  includePrecompiles: boolean;
}

/** Where the traced transaction is; absent for debug_traceCall (geth then has no hashes). */
export interface TracedLocation {
  blockHash: Uint8Array;
  blockNumber: number;
  transactionHash: Uint8Array;
  transactionPosition: number;
}

export interface FlatCallInput {
  root: EthCall;
  gasLimit: bigint;
  gasUsed: bigint;
  config: FlatCallConfig;
  location?: TracedLocation | undefined;
  /** The block a call runs in, when there is no location. */
  blockNumber: number;
  deployedCode(address: Uint8Array): Uint8Array;
}

export function parseFlatCallConfig(config: Record<string, unknown>): FlatCallConfig {
  const flag = (key: string) => {
    const value = config[key];
    if (value !== undefined && typeof value !== 'boolean') throw new InvalidParamsError(`invalid tracerConfig.${key}: expected true or false`);
    return value === true;
  };
  return { convertParityErrors: flag('convertParityErrors'), includePrecompiles: flag('includePrecompiles') };
}

/** geth's parityErrorMapping and parityErrorMappingStartingWith. */
const PARITY_ERRORS: Record<string, string> = {
  'contract creation code storage out of gas': 'Out of gas',
  'out of gas': 'Out of gas',
  'gas uint64 overflow': 'Out of gas',
  'max code size exceeded': 'Out of gas',
  'invalid jump destination': 'Bad jump destination',
  'execution reverted': 'Reverted',
  'return data out of bounds': 'Out of bounds',
  'stack limit reached 1024 (1023)': 'Out of stack',
  'precompiled failed': 'Built-in failed',
  'invalid input length': 'Built-in failed',
};
const PARITY_ERROR_PREFIXES: [string, string][] = [
  ['invalid opcode:', 'Bad instruction'],
  ['stack underflow', 'Stack underflow'],
];

function parityError(error: string): string {
  return PARITY_ERRORS[error] ?? PARITY_ERROR_PREFIXES.find(([prefix]) => error.startsWith(prefix))?.[1] ?? error;
}

export function flatCallJson(input: FlatCallInput): Record<string, unknown>[] {
  const { config, location } = input;
  const out: Record<string, unknown>[] = [];
  const where = {
    blockHash: location ? toHash(location.blockHash) : null,
    blockNumber: location?.blockNumber ?? input.blockNumber,
    transactionHash: location ? toHash(location.transactionHash) : null,
    transactionPosition: location?.transactionPosition ?? 0,
  };
  const visit = (call: EthCall, traceAddress: number[], top: boolean): void => {
    const calls = call.calls.filter((c) => config.includePrecompiles || !c.precompile || c.type === 'delegatecall');
    const create = call.type === 'create' || call.type === 'create2';
    const failed = call.exitCode !== ExitCode.OK;
    const gas = toQuantity(top ? input.gasLimit : call.gas);
    const gasUsed = toQuantity(top ? input.gasUsed : call.gasUsed);
    let output = call.output;
    if (create && !failed && output.length === 0 && call.to) output = input.deployedCode(call.to);
    const frame: Record<string, unknown> = create
      ? {
          action: { creationMethod: call.type, from: toAddress(call.from), gas, init: toData(call.input), value: toQuantity(call.value) },
          ...where,
          result: { address: call.to && !failed ? toAddress(call.to) : undefined, code: toData(output), gasUsed },
        }
      : {
          action: { callType: call.type, from: toAddress(call.from), gas, input: toData(call.input), to: call.to ? toAddress(call.to) : undefined, value: toQuantity(call.value) },
          ...where,
          result: { gasUsed, output: toData(output) },
        };
    if (failed) {
      const error = gethErrorMessage(call);
      frame.error = config.convertParityErrors ? parityError(error) : error;
      if (call.exitCode !== ExitCode.EVM_REVERTED) delete frame.result;
    }
    frame.subtraces = calls.length;
    frame.traceAddress = traceAddress;
    frame.type = create ? 'create' : 'call';
    out.push(frame);
    calls.forEach((c, i) => visit(c, [...traceAddress, i], false));
  };
  visit(input.root, [], true);
  return out;
}

/** geth's 4byteTracer: "0x<selector>-<calldata size after it>" → how many calls. */
export function fourByteJson(root: EthCall): Record<string, number> {
  const counts: Record<string, number> = {};
  const visit = (call: EthCall): void => {
    const counted = call.type !== 'create' && call.type !== 'create2' && !call.precompile && call.input.length >= 4;
    if (counted) {
      const key = `${bytesToHex(call.input.subarray(0, 4))}-${call.input.length - 4}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    call.calls.forEach(visit);
  };
  visit(root);
  return counts;
}
