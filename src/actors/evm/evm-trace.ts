// What the EVM actor reports to a message's tracer (vm/tracing): each run of bytecode, the call frames
// @ethereumjs/evm runs inside it (each would be a send on FEVM: CALL, STATICCALL, DELEGATECALL, CREATE,
// CREATE2, and the calls FEVM answers itself: precompiles, native actors), and, when the tracer wants
// them, every step. Only reached when the message has a tracer: an untraced run attaches no listener.

import type { EVM, InterpreterStep, Message } from '@ethereumjs/evm';
import { ExitCode } from '../../primitives/index.ts';
import { OutOfGasError, type EvmCallEnd, type ExecutionTracer } from '../../vm/index.ts';
import { exitCodeForEvmError } from './evm-exit-codes.ts';

type CallResult = Awaited<ReturnType<EVM['runCall']>>;

const EMPTY = new Uint8Array(0);

/** Starts tracing one run on `evm` (its steps, when wanted); answers the function that ends it. */
export function traceEvmRun(tracer: ExecutionTracer, evm: EVM): () => void {
  tracer.enterEvmRun();
  if (!tracer.wantsSteps) return () => tracer.exitEvmRun();
  const listener = (step: InterpreterStep) => tracer.evmStep(step);
  evm.events.on('step', listener);
  return () => {
    evm.events.off('step', listener);
    tracer.exitEvmRun();
  };
}

/** Runs one inner call frame (`call`) and reports it to the tracer. */
export async function traceEvmCall(tracer: ExecutionTracer, message: Message, call: () => Promise<CallResult>): Promise<CallResult> {
  const internal = message as Message & { _codeAddress?: { bytes: Uint8Array } };
  tracer.enterEvmCall({
    caller: message.caller.bytes,
    to: message.to?.bytes,
    codeAddress: (internal._codeAddress ?? message.to)?.bytes,
    // Copies: @ethereumjs/evm hands out views of memory that later steps overwrite.
    input: message.data.slice(),
    value: message.value,
    gas: message.gasLimit,
    isStatic: message.isStatic,
    delegatecall: message.delegatecall,
    salt: message.salt,
  });
  let result: CallResult;
  try {
    result = await call();
  } catch (error) {
    // The FVM's gas ran out (or a bug): the frame used all it had.
    const exitCode = error instanceof OutOfGasError ? ExitCode.SYS_OUT_OF_GAS : ExitCode.SYS_ASSERTION_FAILED;
    tracer.exitEvmCall({ to: message.to?.bytes, output: EMPTY, gasUsed: message.gasLimit, exitCode, error: 'out of gas', intercepted: message.code === undefined, ranCode: false });
    throw error;
  }
  tracer.exitEvmCall(callEnd(message, result));
  return result;
}

function callEnd(message: Message, result: CallResult): EvmCallEnd {
  const exec = result.execResult;
  const error = exec.exceptionError?.error;
  const code = message.code;
  return {
    // A create's address is known once it ran (the message's `to` is set to it).
    to: (result.createdAddress ?? message.to)?.bytes,
    output: exec.returnValue.slice(),
    gasUsed: exec.executionGasUsed,
    exitCode: error === undefined ? ExitCode.OK : exitCodeForEvmError(error, exec.runState?.opCode),
    error,
    // FEVM's own answers (call-intercept.ts) never reach @ethereumjs/evm, which would have loaded the code;
    // an Ethereum precompile that @ethereumjs/evm runs (the 'ethereum' gas model) is a function.
    intercepted: code === undefined || typeof code === 'function',
    ranCode: code instanceof Uint8Array && code.length > 0,
  };
}
