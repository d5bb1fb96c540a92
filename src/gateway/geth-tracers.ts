// The tracers of geth's debug_trace* methods (go-ethereum eth/tracers/api.go) that this devnet serves,
// chosen by the TraceConfig: the struct logger (no `tracer`), `callTracer` (onlyTopCall, withLog),
// `prestateTracer` (diffMode, disableCode, disableStorage, includeEmpty), `flatCallTracer`
// (convertParityErrors, includePrecompiles) and `4byteTracer` (flat-call-tracer.ts). Each is a call-tree recorder
// for the message, with the step listeners its answer needs (none for a plain callTracer), and a
// function that shapes the answer once the message has run.

import { EVM_METHOD_INVOKE_CONTRACT } from '../actors/evm/invoke-encoding.ts';
import type { Blockstore, CID } from '../ipld/index.ts';
import { ExitCode, FatalError, bytesToHex, maskedIdEthAddress, type Message } from '../primitives/index.ts';
import { InvalidParamsError, RpcError, type TraceConfig } from '../rpc/index.ts';
import { CallTreeRecorder, tracedFrames, type ActorRegistry, type ApplyResult, type StepListener, type TracedFrame } from '../vm/index.ts';
import type { ChainView } from './chain-view.ts';
import { fevmCalls, type EthCall } from './fevm-calls.ts';
import { callTracerJson, createLogCollector, gethErrorMessage, type CallTracerConfig } from './geth-call-tracer.ts';
import { createTouchCollector, parsePrestateConfig, prestateJson, touch, touchCalls, type Touched } from './prestate-tracer.ts';
import { createStructLogger } from './struct-logger.ts';
import { flatCallJson, fourByteJson, parseFlatCallConfig, type FlatCallConfig, type TracedLocation } from './flat-call-tracer.ts';

/** One traced message, as the tracers need it once it has run. */
export interface TracedRun {
  message: Message;
  result: ApplyResult;
  /** Holds the `before` and `after` states. */
  store: Blockstore;
  /** The state roots just before and just after the message (when the tracer asked for them). */
  before?: CID;
  after?: CID;
  /** The index of the message's first log in its block. */
  firstLogIndex: number;
  /** The miner that took the tip. */
  miner: bigint;
  deployedCode(address: Uint8Array): Uint8Array;
  /** Where the transaction is in the chain (absent for a call), and the height it runs at. */
  location?: TracedLocation | undefined;
  height: number;
}

export interface GethTracer {
  readonly recorder: CallTreeRecorder;
  /** The answer needs the state before and after the message. */
  readonly needsStates: boolean;
  answer(run: TracedRun): unknown;
}

export const SERVED_TRACERS = ['callTracer', 'prestateTracer', 'flatCallTracer', '4byteTracer'];

/** The tracer a TraceConfig asks for; an unknown one is refused before anything runs. */
export function gethTracer(config: TraceConfig, view: ChainView): GethTracer {
  const registry = view.node.chain.registry;
  switch (config.tracer ?? '') {
    case '':
      return structLoggerTracer(config, view);
    case 'callTracer':
      return callTracer(parseCallTracerConfig(config.tracerConfig), view);
    case 'prestateTracer':
      return prestateTracer(parsePrestateConfig(config.tracerConfig), view, registry);
    case 'flatCallTracer':
      return flatCallTracer(parseFlatCallConfig(config.tracerConfig), view);
    case '4byteTracer':
      return fourByteTracer(view);
    default:
      throw new RpcError(-32000, `tracer ${JSON.stringify(config.tracer)} is not served: use the struct logger (no tracer), ${SERVED_TRACERS.join(' or ')}`);
  }
}

function structLoggerTracer(config: TraceConfig, view: ChainView): GethTracer {
  const logger = createStructLogger(config);
  const recorder = new CallTreeRecorder({ onStep: logger.onStep });
  return {
    recorder,
    needsStates: false,
    answer(run) {
      const root = rootCall(recorder, run, view);
      const failed = run.result.receipt.exitCode !== ExitCode.OK;
      const output = outputOf(root, run);
      return {
        gas: run.result.receipt.gasUsed,
        failed,
        returnValue: bytesToHex(failed && root.exitCode !== ExitCode.EVM_REVERTED ? new Uint8Array(0) : output),
        structLogs: logger.structLogs(stepError),
      };
    },
  };
}

/** The error geth puts on a frame's last step: an exceptional halt, not a revert. */
function stepError(frame: TracedFrame): string | undefined {
  if (frame.exitCode === ExitCode.OK || frame.exitCode === ExitCode.EVM_REVERTED) return undefined;
  if (frame.kind === 'evm') return gethErrorMessage({ exitCode: frame.exitCode, evmCallee: true, evmError: frame.error });
  return frame.ranEvm ? gethErrorMessage({ exitCode: frame.exitCode, evmCallee: true, evmError: undefined }) : undefined;
}

function parseCallTracerConfig(config: Record<string, unknown>): CallTracerConfig {
  const flag = (key: string) => {
    const value = config[key];
    if (value !== undefined && typeof value !== 'boolean') throw new InvalidParamsError(`invalid tracerConfig.${key}: expected true or false`);
    return value === true;
  };
  return { onlyTopCall: flag('onlyTopCall'), withLog: flag('withLog') };
}

function callTracer(config: CallTracerConfig, view: ChainView): GethTracer {
  const collector = config.withLog ? createLogCollector() : undefined;
  const recorder = new CallTreeRecorder(collector ? { onStep: collector.onStep } : {});
  return {
    recorder,
    needsStates: false,
    answer(run) {
      return callTracerJson({
        root: rootCall(recorder, run, view),
        gasLimit: BigInt(run.message.gasLimit),
        gasUsed: BigInt(run.result.receipt.gasUsed),
        config,
        logs: collector?.logs,
        firstLogIndex: run.firstLogIndex,
        deployedCode: run.deployedCode,
      });
    },
  };
}

function flatCallTracer(config: FlatCallConfig, view: ChainView): GethTracer {
  const recorder = new CallTreeRecorder({});
  return {
    recorder,
    needsStates: false,
    answer(run) {
      const root = rootCall(recorder, run, view);
      const gas = { gasLimit: BigInt(run.message.gasLimit), gasUsed: BigInt(run.result.receipt.gasUsed) };
      return flatCallJson({ root, ...gas, config, location: run.location, blockNumber: run.height, deployedCode: run.deployedCode });
    },
  };
}

function fourByteTracer(view: ChainView): GethTracer {
  const recorder = new CallTreeRecorder({});
  return { recorder, needsStates: false, answer: (run) => fourByteJson(rootCall(recorder, run, view)) };
}

function prestateTracer(config: ReturnType<typeof parsePrestateConfig>, view: ChainView, registry: ActorRegistry): GethTracer {
  const collector = createTouchCollector();
  const recorder = new CallTreeRecorder({ onStep: collector.onStep });
  return {
    recorder,
    needsStates: true,
    answer(run) {
      const touched = touchedBy(recorder, run, view, collector.touched);
      if (!run.before || !run.after) throw new FatalError('the prestate tracer needs the states around the message');
      return prestateJson({ config, touched, store: run.store, registry, before: run.before, after: run.after });
    },
  };
}

/**
 * Every account the message touched: what the EVM's steps touched (`touched`, from a touch collector
 * on the recorder), every address of the call tree, each EVM frame's caller and callee, and the miner.
 */
export function touchedBy(recorder: CallTreeRecorder, run: TracedRun, view: ChainView, touched: Touched): Touched {
  touchCalls(touched, rootCall(recorder, run, view));
  touch(touched, maskedIdEthAddress(run.miner));
  for (const frame of recorder.root ? tracedFrames(recorder.root) : []) {
    if (frame.kind !== 'evm') continue;
    touch(touched, frame.caller);
    if (frame.to) touch(touched, frame.to);
  }
  return touched;
}

/** The message's outermost call; a message that reached no actor is still a (failed) call. */
export function rootCall(recorder: CallTreeRecorder, run: TracedRun, view: ChainView): EthCall {
  const registry = view.node.chain.registry;
  const sender = view.ethAddress(run.message.from) ?? new Uint8Array(20);
  const call = recorder.root ? fevmCalls(recorder.root, { sender, typeOf: (code) => registry.typeOf(code) }) : null;
  if (call) return call;
  const frame: TracedFrame = recorder.root ?? { kind: 'send', from: 0n, to: run.message.to, method: run.message.method, params: null, value: run.message.value, gasLimit: run.message.gasLimit, readOnly: false, invoked: undefined, exitCode: run.result.receipt.exitCode, returnData: null, gasUsed: run.result.receipt.gasUsed, ranEvm: false, calls: [] };
  return {
    type: 'call',
    from: sender,
    to: view.ethAddress(run.message.to),
    gas: BigInt(run.message.gasLimit),
    value: run.message.value,
    input: new Uint8Array(0),
    output: new Uint8Array(0),
    exitCode: run.result.receipt.exitCode,
    evmCallee: false,
    evmError: undefined,
    gasUsed: BigInt(run.result.receipt.gasUsed),
    precompile: false,
    frame,
    codeFrame: frame,
    calls: [],
  };
}

/** What the message answered: a create's deployed code, a call's return or revert data, a native method's return block. */
export function outputOf(root: EthCall, run: TracedRun): Uint8Array {
  const create = root.type === 'create' || root.type === 'create2';
  if (create && root.exitCode === ExitCode.OK && root.output.length === 0 && root.to) return run.deployedCode(root.to);
  if (!create && root.frame.kind === 'send' && root.frame.method !== EVM_METHOD_INVOKE_CONTRACT) return run.result.receipt.returnData;
  return root.output;
}
