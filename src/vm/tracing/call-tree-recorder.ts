// The default ExecutionTracer: it records one message's calls as a tree, sends between actors and the
// EVM call frames inside them, in the order they ran, with what each used, and hands every EVM step
// (when given a step listener) to that listener with its call depth and frame. It keeps no opinion on
// how a trace is shown: Lotus's trace_* and geth's debug_* shapes are built from the tree elsewhere.
// Gas of a send is measured from the gas tracker's record of charges, so applying a message with a
// recorder records its charges (ApplyOptions.tracer turns that on).

import { ExitCode, type EthAddress } from '../../primitives/index.ts';
import type { ActorState } from '../../state/index.ts';
import { ErrorNumber, SyscallError } from '../errors.ts';
import { OutOfGasError, type GasTracker } from '../gas/gas-tracker.ts';
import type { IpldBlock } from '../ipld-block.ts';
import type { EvmCallEnd, EvmCallStart, EvmStep, ExecutionTracer, SendEnd, SendStart } from './execution-tracer.ts';

export type EvmCallType = 'CALL' | 'STATICCALL' | 'DELEGATECALL' | 'CREATE' | 'CREATE2';

/** A send between actors. */
export interface TracedSend extends SendStart {
  kind: 'send';
  /** The actor invoked, as it was when invoked; undefined when the send failed before that. */
  invoked: { id: bigint; actor: ActorState } | undefined;
  exitCode: number;
  returnData: IpldBlock | null;
  /** Filecoin gas used by the send and everything under it (the whole message's, for the outermost). */
  gasUsed: number;
  /** EVM bytecode ran in this invocation (its steps are this frame's). */
  ranEvm: boolean;
  calls: TracedFrame[];
}

/** An EVM call frame inside a run of the EVM actor. */
export interface TracedEvmCall extends EvmCallEnd {
  kind: 'evm';
  type: EvmCallType;
  caller: EthAddress;
  codeAddress: EthAddress | undefined;
  input: Uint8Array;
  value: bigint;
  gas: bigint;
  isStatic: boolean;
  calls: TracedFrame[];
}

export type TracedFrame = TracedSend | TracedEvmCall;

/** Hears each EVM step with its depth (1 for the outermost EVM frame, as geth counts) and its frame. */
export type StepListener = (step: EvmStep, depth: number, frame: TracedFrame) => void;

const CALL = 0xf1;
const DELEGATECALL = 0xf4;
const STATICCALL = 0xfa;
const CREATE = 0xf0;
const CREATE2 = 0xf5;
const CALL_OPCODES = new Set([CALL, DELEGATECALL, STATICCALL, CREATE, CREATE2]);
const EMPTY = new Uint8Array(0);

export class CallTreeRecorder implements ExecutionTracer {
  readonly wantsSteps: boolean;
  /** The message's outermost send, once it has started. */
  root: TracedSend | undefined;
  private readonly onStep: StepListener | undefined;
  private readonly stack: TracedFrame[] = [];
  /** Gas used at the start of each open send. */
  private readonly sendStarts: number[] = [];
  private gas: GasTracker | undefined;
  private chargesSeen = 0;
  private charged = 0;
  private evmDepth = 0;
  /** The call-family opcode of the latest step, to tell CALL from STATICCALL (steps only). */
  private callOpcode: number | undefined;

  constructor(options: { onStep?: StepListener } = {}) {
    this.onStep = options.onStep;
    this.wantsSteps = options.onStep !== undefined;
  }

  beginMessage(gas: GasTracker): void {
    this.gas = gas;
  }

  enterSend(send: SendStart): void {
    const frame: TracedSend = { kind: 'send', ...send, invoked: undefined, exitCode: ExitCode.OK, returnData: null, gasUsed: 0, ranEvm: false, calls: [] };
    this.push(frame);
    this.root ??= frame;
    this.sendStarts.push(frame === this.root ? 0 : this.consumed());
  }

  invokeActor(id: bigint, actor: ActorState): void {
    const top = this.top();
    if (top?.kind === 'send') top.invoked = { id, actor };
  }

  exitSend(end: SendEnd): void {
    const frame = this.popTo('send');
    if (!frame) return;
    const started = this.sendStarts.pop() ?? 0;
    frame.gasUsed = Math.ceil(this.consumed() - started);
    if ('error' in end) {
      frame.exitCode = exitCodeOfError(end.error);
      frame.returnData = null;
    } else {
      frame.exitCode = end.exitCode;
      frame.returnData = end.returnData;
    }
  }

  enterEvmRun(): void {
    this.evmDepth++;
    const top = this.top();
    if (top?.kind === 'send') top.ranEvm = true;
  }

  exitEvmRun(): void {
    this.evmDepth--;
  }

  enterEvmCall(call: EvmCallStart): void {
    const frame: TracedEvmCall = {
      kind: 'evm',
      type: this.callType(call),
      caller: call.caller,
      to: call.to,
      codeAddress: call.codeAddress,
      input: call.input,
      value: call.value,
      gas: call.gas,
      isStatic: call.isStatic,
      output: EMPTY,
      gasUsed: 0n,
      exitCode: ExitCode.OK,
      error: undefined,
      intercepted: false,
      ranCode: false,
      calls: [],
    };
    this.callOpcode = undefined;
    this.evmDepth++;
    this.push(frame);
  }

  exitEvmCall(end: EvmCallEnd): void {
    this.evmDepth--;
    const frame = this.popTo('evm');
    if (frame) Object.assign(frame, end, { to: end.to ?? frame.to });
  }

  evmStep(step: EvmStep): void {
    if (CALL_OPCODES.has(step.opcode.code)) this.callOpcode = step.opcode.code;
    const frame = this.top();
    if (frame) this.onStep?.(step, this.evmDepth, frame);
  }

  private callType(call: EvmCallStart): EvmCallType {
    if (call.to === undefined) return call.salt === undefined ? 'CREATE' : 'CREATE2';
    if (call.delegatecall) return 'DELEGATECALL';
    // Without steps a static frame is taken for a STATICCALL (a CALL inside a static call is one too).
    if (this.callOpcode !== undefined) return this.callOpcode === STATICCALL ? 'STATICCALL' : 'CALL';
    return call.isStatic ? 'STATICCALL' : 'CALL';
  }

  private top(): TracedFrame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private push(frame: TracedFrame): void {
    this.top()?.calls.push(frame);
    this.stack.push(frame);
  }

  /** Closes the innermost open frame of `kind` (and any left open inside it by an unwinding error). */
  private popTo<K extends TracedFrame['kind']>(kind: K): Extract<TracedFrame, { kind: K }> | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i]!.kind !== kind) continue;
      const frame = this.stack[i]!;
      for (let j = this.stack.length - 1; j > i; j--) if (this.stack[j]!.kind === 'send') this.sendStarts.pop();
      this.stack.length = i;
      return frame as Extract<TracedFrame, { kind: K }>;
    }
    return undefined;
  }

  /** Gas charged since the message began (the gas tracker records every charge while tracing). */
  private consumed(): number {
    const charges = this.gas?.trace;
    if (!charges) return 0;
    for (; this.chargesSeen < charges.length; this.chargesSeen++) this.charged += charges[this.chargesSeen]!.gas;
    return this.charged;
  }
}

/** The exit code a send that threw gets in the FVM's trace (filecoin-ffi build_lotus_trace). */
function exitCodeOfError(error: unknown): number {
  if (error instanceof OutOfGasError) return ExitCode.SYS_OUT_OF_GAS;
  if (error instanceof SyscallError) {
    if (error.errno === ErrorNumber.InsufficientFunds) return ExitCode.SYS_INSUFFICIENT_FUNDS;
    if (error.errno === ErrorNumber.NotFound) return ExitCode.SYS_INVALID_RECEIVER;
  }
  return ExitCode.SYS_ASSERTION_FAILED;
}

/** Every frame of a recorded tree, depth first, parents before children. */
export function* tracedFrames(frame: TracedFrame): Generator<TracedFrame> {
  yield frame;
  for (const call of frame.calls) yield* tracedFrames(call);
}
