// Reusable @ethereumjs/evm instances, one free list per chain id. Building an EVM applies the gas
// schedule to the chain configuration and builds the opcode tables, and each one registers a listener
// on the shared configuration, so building one per invocation costs time and keeps every EVM alive.
// A pooled EVM runs over a switching state manager and hooks that each run points at its own session,
// runtime and call context; a run re-entered through a native send takes another instance.

import { EVMError, createEVM, type EVM, type Message } from '@ethereumjs/evm';
import { ethAddressToFilecoinAddress } from '../../primitives/index.ts';
import { commonFor, prices, type EvmGasModel, type FrameRevert, type Runtime } from '../../vm/index.ts';
import { interceptCall, type CallContext } from './call-intercept.ts';
import { traceEvmCall } from './evm-trace.ts';
import { fevmOpcodes } from './fevm-opcodes.ts';
import { gasParams } from './gas-schedule.ts';
import { installJumpAnalysis } from './jump-analysis.ts';
import { SwitchingStateManager } from './switching-state-manager.ts';

export interface PooledEvm {
  readonly evm: EVM;
  readonly sm: SwitchingStateManager;
  readonly model: EvmGasModel;
  /** The run in progress on this instance. */
  run: { rt: Runtime; ctx: CallContext } | undefined;
}

type CallResult = Awaited<ReturnType<EVM['runCall']>>;

const free = new Map<string, PooledEvm[]>();

export async function acquireEvm(chainId: number, model: EvmGasModel): Promise<PooledEvm> {
  const pooled = free.get(`${chainId}:${model}`)?.pop();
  if (pooled) return pooled;
  await installJumpAnalysis();
  // Its own copy: the EVM writes its gas parameters into the configuration it is given.
  const common = commonFor(chainId).copy();
  const sm = new SwitchingStateManager();
  const holder: { pooled?: PooledEvm } = {};
  const evm = await createEVM({
    common,
    stateManager: sm,
    params: gasParams(model),
    customOpcodes: fevmOpcodes(common, model),
    blockchain: tipsetHashes(() => holder.pooled!.run!.rt),
    // FEVM has no initcode size limit (EIP-3860); Lotus's 64 KiB message limit bounds it in practice.
    allowUnlimitedInitCodeSize: true,
  });
  const created: PooledEvm = { evm, sm, model, run: undefined };
  holder.pooled = created;
  interceptCalls(created);
  return created;
}

export function releaseEvm(chainId: number, pooled: PooledEvm): void {
  pooled.run = undefined;
  pooled.sm.target = undefined;
  const key = `${chainId}:${pooled.model}`;
  let list = free.get(key);
  if (!list) free.set(key, (list = []));
  list.push(pooled);
}

/**
 * Inner calls pass through FEVM's rules first (call-intercept.ts). A call frame @ethereumjs/evm runs is
 * a send on FEVM, so it pays the FVM's method invocation (and value transfer) as a send would.
 */
function interceptCalls(pooled: PooledEvm): void {
  const { evm } = pooled;
  const runCall = evm.runCall.bind(evm);
  evm.runCall = async (opts) => {
    const message = opts.message;
    const run = pooled.run;
    if (!run || !message || message.depth === 0) return runCall(opts);
    const reverts = run.ctx.world.reverts;
    reverts.enter();
    let result;
    try {
      result = (message.to && (await interceptCall(run.ctx, evm, message))) || (await chargedCall(run.rt, message, () => runCall(opts)));
    } catch (error) {
      reverts.exit(undefined);
      throw error;
    }
    reverts.exit(frameRevert(message, result));
    return result;
  };
  // A traced message hears of every inner frame, FEVM's own answers included.
  const untraced = evm.runCall;
  evm.runCall = (opts) => {
    const tracer = opts.message && opts.message.depth > 0 ? pooled.run?.ctx.world.tracer : undefined;
    return tracer ? traceEvmCall(tracer, opts.message!, () => untraced(opts)) : untraced(opts);
  };
}

/** A call frame @ethereumjs/evm runs itself, after the FVM's charges for the send it stands for. */
function chargedCall(rt: Runtime, message: Message, run: () => Promise<CallResult>): Promise<CallResult> {
  rt.chargeGas('OnMethodInvocation', prices.onMethodInvocation(0));
  if (message.value > 0n && !message.delegatecall) rt.chargeGas('OnValueTransfer', prices.PriceList.sendTransferFunds);
  return run();
}

/** A frame that reverted, for RevertOrigin: named by the code that ran (a DELEGATECALL's library, not the caller). */
function frameRevert(message: Message, result: CallResult): FrameRevert | undefined {
  if (result.execResult.exceptionError?.error !== EVMError.errorMessages.REVERT) return undefined;
  const code = message.codeAddress ?? message.to;
  const pc = result.execResult.runState && result.execResult.runState.programCounter - 1;
  return code && { data: result.execResult.returnValue, actor: ethAddressToFilecoinAddress(code.bytes), pc };
}

/**
 * BLOCKHASH(n): the digest of the tipset key CID at epoch n (the Ethereum block hash Lotus reports), or
 * zero when the chain does not know it. The EVM itself answers 0 outside the last 256 epochs.
 */
function tipsetHashes(rt: () => Runtime) {
  const chain = {
    getBlock: async (n: number) => ({ hash: () => rt().tipsetCid(n)?.multihash.digest.subarray(0, 32) ?? new Uint8Array(32) }),
    putBlock: async () => {},
    shallowCopy: () => chain,
  };
  return chain;
}
