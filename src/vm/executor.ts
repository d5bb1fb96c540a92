// Applying one message to a state tree, as the FVM executor does (FVM:fvm/src/executor/default.rs;
// FEVM-FACTS §6.1, §8.3-8.4). Phases: pre-flight (inclusion gas, sender kind, nonce, funds; a namespace-10
// Placeholder sender becomes an EthAccount), execution (inclusion charged first, then the call in a
// transaction), and the fee outcome (base fee and over-estimation burnt to f099, tip to the miner,
// refund to the sender). Signatures are checked before this (mempool/block validation), not here.

import { EAM_ACTOR_ID, ExitCode, FatalError, Protocol, type Message } from '../primitives/index.ts';
import type { StateTree } from '../state/index.ts';
import { CallManager, type InvocationResult } from './call-manager.ts';
import { ErrorNumber, SyscallError } from './errors.ts';
import type { StampedEvent } from './events.ts';
import type { ExecutionContext } from './execution-context.ts';
import { computeGasOutputs, type GasOutputs } from './gas/gas-outputs.ts';
import { GasTracker, OutOfGasError } from './gas/gas-tracker.ts';
import { onChainMessage } from './gas/price-list.ts';
import { CBOR, IPLD_RAW } from './ipld-block.ts';
import type { Receipt } from './receipt.ts';
import type { ExecutionTracer } from './tracing/execution-tracer.ts';
import { ActorType, type ActorRegistry } from './runtime.ts';

export const BURNT_FUNDS_ACTOR_ID = 99n;

export interface ApplyResult {
  receipt: Receipt;
  /** Codec of the return data, when there is any. */
  returnCodec: number | null;
  events: readonly StampedEvent[];
  gasOutputs: GasOutputs | null;
  /** Why it failed, for logs and RPC error messages. */
  failure: string | null;
  /** Calldata of the message's calls to Hardhat's console.log address (absent when there were none). */
  consoleLogs?: readonly Uint8Array[];
  /**
   * For a revert (exit 33) that began in another actor and bubbled up unchanged: that actor's id
   * (revert-origin.ts). Absent when the receiver itself reverted.
   */
  revertOrigin?: bigint;
  /**
   * For a revert: the REVERT's offset in the runtime code of the actor it began in (revertOrigin, else
   * the receiver). Absent when that actor does not exist after the message (a constructor's revert).
   */
  revertPc?: number;
}

export interface ApplyOptions {
  /** Serialized length of the message as included (signed message, or bare message for BLS). */
  size: number;
  /** Record every gas charge (for traces and `docs/gas.md`). */
  traceGas?: boolean;
  /** Hears the message's sends, EVM frames and steps (src/vm/tracing); implies traceGas. */
  tracer?: ExecutionTracer;
}

/** Applies `message` to `tree` (outside any transaction); answers its receipt and fee outcome. */
export async function applyMessage(tree: StateTree, registry: ActorRegistry, context: ExecutionContext, message: Message, options: ApplyOptions): Promise<ApplyResult> {
  const inclusion = Math.ceil(onChainMessage(options.size));
  if (inclusion > message.gasLimit) return prevalidationFailure(ExitCode.SYS_OUT_OF_GAS, `out of gas: inclusion costs ${inclusion} > gas limit ${message.gasLimit}`);

  const senderId = tree.lookupId(message.from);
  const sender = senderId === undefined ? undefined : tree.getActor(senderId);
  if (senderId === undefined || !sender) return prevalidationFailure(ExitCode.SYS_SENDER_INVALID, `sender ${message.from} does not exist`);
  let senderCode = sender.code;
  const senderType = registry.typeOf(sender.code);
  if (senderType === ActorType.Placeholder && sender.sequence === 0n && isEthDelegated(sender.delegatedAddress)) {
    senderCode = registry.codeCid(ActorType.EthAccount);
  } else if (senderType !== ActorType.Account && senderType !== ActorType.EthAccount) {
    return prevalidationFailure(ExitCode.SYS_SENDER_INVALID, `sender ${message.from} is not an account`);
  }
  if (message.sequence !== sender.sequence) {
    return prevalidationFailure(ExitCode.SYS_SENDER_STATE_INVALID, `nonce ${message.sequence} does not match the sender's ${sender.sequence}`);
  }
  const gasCost = message.gasFeeCap * BigInt(message.gasLimit);
  if (sender.balance < gasCost) {
    return prevalidationFailure(ExitCode.SYS_SENDER_STATE_INVALID, `sender balance ${sender.balance} is less than gas fee cap × gas limit = ${gasCost}`);
  }
  tree.setActor(senderId, { ...sender, code: senderCode, sequence: sender.sequence + 1n, balance: sender.balance - gasCost });

  let premium = message.gasFeeCap - context.baseFee;
  if (message.gasPremium < premium) premium = message.gasPremium;
  if (premium < 0n) premium = 0n;
  const gas = new GasTracker(message.gasLimit, { trace: (options.traceGas ?? false) || options.tracer !== undefined });
  const receiverId = tree.lookupId(message.to);
  const cm = new CallManager(tree, registry, context, gas, { id: senderId, address: message.from, nonce: message.sequence, gasPremium: premium, receiverId });
  cm.tracer = options.tracer;
  options.tracer?.beginMessage(gas);
  const { result, failure } = await execute(cm, senderId, message, inclusion);
  const eventsRoot = result.exitCode === ExitCode.OK ? cm.events.flush(tree.store) : null;
  const receipt: Receipt = { exitCode: result.exitCode, returnData: result.returnData?.data ?? new Uint8Array(0), gasUsed: gas.gasUsed, eventsRoot };
  const gasOutputs = settleFees(tree, context, senderId, message, receipt.gasUsed);
  return {
    receipt,
    returnCodec: result.returnData?.codec ?? null,
    events: result.exitCode === ExitCode.OK ? [...cm.events.all] : [],
    gasOutputs,
    failure,
    ...(cm.consoleLogs && { consoleLogs: cm.consoleLogs }),
    ...revertOrigin(cm, result),
  };
}

async function execute(cm: CallManager, senderId: bigint, message: Message, inclusion: number): Promise<{ result: InvocationResult; failure: string | null }> {
  try {
    cm.gas.charge('OnChainMessage', inclusion);
    const params = message.params.length === 0 ? null : { codec: message.method === 0 ? IPLD_RAW : CBOR, data: message.params };
    const result = await cm.send(senderId, message.to, message.method, params, message.value, undefined, false);
    return { result, failure: result.exitCode === ExitCode.OK ? null : (cm.topAbort ?? `exit code ${result.exitCode}`) };
  } catch (error) {
    if (error instanceof OutOfGasError) return { result: { exitCode: ExitCode.SYS_OUT_OF_GAS, returnData: null }, failure: error.message };
    if (error instanceof SyscallError) {
      const exitCode =
        error.errno === ErrorNumber.InsufficientFunds ? ExitCode.SYS_INSUFFICIENT_FUNDS : error.errno === ErrorNumber.NotFound ? ExitCode.SYS_INVALID_RECEIVER : ExitCode.SYS_ASSERTION_FAILED;
      return { result: { exitCode, returnData: null }, failure: error.message };
    }
    throw error;
  }
}

function revertOrigin(cm: CallManager, result: InvocationResult): { revertOrigin?: bigint; revertPc?: number } {
  const site = result.exitCode === ExitCode.EVM_REVERTED ? cm.reverts.ofMessage : undefined;
  if (!site) return {};
  // Resolved in the state after the message, uncharged: an actor created and reverted has no id.
  const origin = cm.tree.lookupId(site.actor);
  if (origin === undefined) return {};
  return { ...(origin !== cm.origin.receiverId && { revertOrigin: origin }), ...(site.pc !== undefined && { revertPc: site.pc }) };
}

/** Moves the fees: burn to f099, tip to the miner, refund to the sender (FEVM-FACTS §8.3). */
function settleFees(tree: StateTree, context: ExecutionContext, senderId: bigint, message: Message, gasUsed: number): GasOutputs {
  const out = computeGasOutputs(gasUsed, message.gasLimit, context.baseFee, message.gasFeeCap, message.gasPremium);
  credit(tree, BURNT_FUNDS_ACTOR_ID, out.baseFeeBurn + out.overEstimationBurn);
  credit(tree, context.miner, out.minerTip);
  credit(tree, senderId, out.refund);
  return out;
}

function credit(tree: StateTree, id: bigint, amount: bigint): void {
  if (amount === 0n) return;
  const actor = tree.getActor(id);
  if (!actor) throw new FatalError(`cannot pay ${amount} attoFIL to missing actor f0${id}`);
  tree.setActor(id, { ...actor, balance: actor.balance + amount });
}

function isEthDelegated(address: { protocol: number; namespace: bigint } | null): boolean {
  return address !== null && address.protocol === Protocol.DELEGATED && address.namespace === EAM_ACTOR_ID;
}

function prevalidationFailure(exitCode: number, failure: string): ApplyResult {
  return { receipt: { exitCode, returnData: new Uint8Array(0), gasUsed: 0, eventsRoot: null }, returnCodec: null, events: [], gasOutputs: null, failure };
}

