// What the VM tells a tracer while it applies one message (the FVM's execution trace, FVM:fvm/src/trace,
// plus what the EVM actor sees inside one @ethereumjs/evm run). Two sources report frames in one order:
// the call manager reports every send between actors (enter, the actor it invoked, exit), and the EVM
// actor reports the EVM call frames of its run (CALL, STATICCALL, DELEGATECALL, CREATE, CREATE2), which
// on FEVM would each have been a send, and, when asked, every EVM step. A tracer is optional
// (ApplyOptions.tracer): without one the VM does no tracing work at all, and the EVM gets no step
// listener. This file only declares; call-tree-recorder.ts is the implementation, and what the frames
// mean to Lotus's trace_* or geth's debug_* answers is the gateway's business.

import type { Address, EthAddress } from '../../primitives/index.ts';
import type { ActorState } from '../../state/index.ts';
import type { GasTracker } from '../gas/gas-tracker.ts';
import type { IpldBlock } from '../ipld-block.ts';

/** A send as the call manager starts it (FVM ExecutionEvent::Call). */
export interface SendStart {
  /** Id of the sending actor. */
  from: bigint;
  /** The receiver as the sender named it. */
  to: Address;
  method: number;
  params: IpldBlock | null;
  value: bigint;
  /** The gas the callee may use: its limit, or what was left when it had none (as the FVM records it). */
  gasLimit: number;
  readOnly: boolean;
}

/** How a send ended: the callee's exit code and return block, or the error that unwound it. */
export type SendEnd = { exitCode: number; returnData: IpldBlock | null } | { error: unknown };

/** An EVM call frame as @ethereumjs/evm starts it inside one run (depth > 0). */
export interface EvmCallStart {
  /** msg.sender of the frame (for DELEGATECALL: the caller's caller). */
  caller: EthAddress;
  /** The address whose context runs: the callee, the delegating contract, or (after a create) the new one. */
  to: EthAddress | undefined;
  /** Whose code runs (differs from `to` only for DELEGATECALL). */
  codeAddress: EthAddress | undefined;
  input: Uint8Array;
  value: bigint;
  gas: bigint;
  isStatic: boolean;
  delegatecall: boolean;
  /** CREATE2's salt (undefined for CREATE and calls). */
  salt: Uint8Array | undefined;
}

export interface EvmCallEnd {
  /** For a create: the address of the new contract (whether or not it was kept). */
  to: EthAddress | undefined;
  output: Uint8Array;
  gasUsed: bigint;
  /** The exit code FEVM gives this failure (0 for success, 33 for REVERT…). */
  exitCode: number;
  /** The interpreter's own words for the failure, if any. */
  error: string | undefined;
  /** FEVM answered the call itself (a precompile, a native actor, an empty address): no EVM code ran. */
  intercepted: boolean;
  /** Bytecode ran in the frame (false for an account, a dead contract, an Ethereum precompile). */
  ranCode: boolean;
}

/** One EVM step, as @ethereumjs/evm's `step` event gives it (only the fields a tracer reads). */
export interface EvmStep {
  pc: number;
  gasLeft: bigint;
  gasRefund: bigint;
  /** `dynamicFee` is the gas the step costs in all (static and dynamic parts). */
  opcode: { name: string; code: number; dynamicFee?: bigint };
  /** Bottom first. */
  stack: bigint[];
  /** Memory before the step (its size before any expansion the step makes). */
  memory: Uint8Array;
  /** The address whose context runs (its storage is the one SLOAD/SSTORE touch). */
  address: { bytes: Uint8Array };
}

export interface ExecutionTracer {
  /** Whether the EVM reports every step (costly; struct logs, prestate, logs of call frames). */
  readonly wantsSteps: boolean;
  /** The message's execution starts; `gas` records every charge (so the tracer can see what each frame used). */
  beginMessage(gas: GasTracker): void;
  enterSend(send: SendStart): void;
  /** The receiver exists and is invoked (FVM ExecutionEvent::InvokeActor). */
  invokeActor(id: bigint, actor: ActorState): void;
  exitSend(end: SendEnd): void;
  /** One run of EVM bytecode for one EVM actor invocation starts (inside the send that invoked it). */
  enterEvmRun(): void;
  exitEvmRun(): void;
  enterEvmCall(call: EvmCallStart): void;
  exitEvmCall(end: EvmCallEnd): void;
  evmStep(step: EvmStep): void;
}
