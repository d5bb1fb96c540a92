// Calls inside the EVM call tree that FEVM answers differently from Ethereum (FEVM-FACTS §4.5, §5),
// decided before @ethereumjs/evm runs the call frame:
// - the precompiles: Ethereum's ignore the CALL's gas; the Filecoin ones (0xfe00…00XX); empty reserved
//   slots answer an empty success;
// - a native actor (miner, multisig…): a real FVM send of InvokeContract with the input as a raw block;
//   DELEGATECALL to one fails;
// - an unknown masked-ID address: success with no data, nothing moves;
// - an unknown f410 address: a Placeholder is created even without value (not in static calls).
// Everything else (contracts, accounts, Ethereum precompiles) is @ethereumjs/evm's own call. A call to
// the console.log address (console-address.ts) also runs as it would, and its calldata is kept for the log.

import { EVMError, type EVM, type ExecResult, type Message } from '@ethereumjs/evm';
import { Account, type Address as EthjsAddress } from '@ethereumjs/util';
import { Address, EAM_ACTOR_ID, FatalError } from '../../primitives/index.ts';
import { ErrorNumber, IPLD_RAW, SyscallError, type EvmGasModel } from '../../vm/index.ts';
import { isConsoleAddress } from './console-address.ts';
import { EVM_METHOD_INVOKE_CONTRACT, unwrapReturnData } from './invoke-encoding.ts';
import { isReservedPrecompileAddress } from './precompiles/fvm-precompile-io.ts';
import { fvmPrecompileIndex, runFvmPrecompile, type FvmPrecompileEnv } from './precompiles/fvm-precompiles.ts';
import type { WorldStateManager } from './world-state-manager.ts';

export interface CallContext extends FvmPrecompileEnv {
  sm: WorldStateManager;
  gasModel: EvmGasModel;
  /** Filecoin gas available to the invocation now (the FVM's gas tracker). */
  gasAvailable(): number;
  /** Gas of native sends, already charged by the FVM: counted in the EVM's total, not charged twice. */
  nativeGas: bigint;
}

type CallResult = Awaited<ReturnType<EVM['runCall']>>;

function answer(returnValue: Uint8Array, gasUsed: bigint, ok: boolean): CallResult {
  return {
    execResult: {
      returnValue,
      executionGasUsed: gasUsed,
      exceptionError: ok ? undefined : new EVMError(EVMError.errorMessages.REVERT),
      gasRefund: 0n,
      logs: [],
    },
  };
}

const EMPTY = new Uint8Array(0);

/** FEVM's answer to an inner call, or undefined to let @ethereumjs/evm run it. */
export async function interceptCall(ctx: CallContext, evm: EVM, message: Message): Promise<CallResult | undefined> {
  const target = message.delegatecall ? message.codeAddress : message.to;
  if (!target) return undefined;
  if (isConsoleAddress(target.bytes)) ctx.world.consoleLog(message.data.slice());
  const index = fvmPrecompileIndex(target.bytes);
  if (index !== undefined) return fvmPrecompile(ctx, message, index);
  const precompile = evm.getPrecompile(target);
  if (precompile) return ctx.gasModel === 'filecoin' ? ethereumPrecompile(ctx, evm, message, precompile) : undefined;
  if (isReservedPrecompileAddress(target.bytes)) return withValue(ctx, message, answer(EMPTY, 0n, true));

  const resolved = ctx.sm.resolve(target.bytes);
  if (resolved.kind === 'native') return message.delegatecall ? answer(EMPTY, 0n, false) : nativeSend(ctx, message, resolved.id);
  if (resolved.kind === 'missing') {
    if (resolved.masked) return answer(EMPTY, 0n, true);
    if (!message.isStatic && !message.delegatecall) {
      ctx.sm.world.createPlaceholder(Address.newDelegated(EAM_ACTOR_ID, target.bytes));
      ctx.sm.changed();
    }
  }
  return undefined;
}

/**
 * Ethereum's precompiles ignore the CALL's gas on FEVM: they run on what the caller has, and a failure
 * (bad input) fails the CALL without using up gas. Value goes to the precompile's f410 address after.
 */
async function ethereumPrecompile(ctx: CallContext, evm: EVM, message: Message, precompile: NonNullable<ReturnType<EVM['getPrecompile']>>): Promise<CallResult> {
  // runPrecompile is @ethereumjs/evm's own (protected) way to run one with a gas limit.
  const runner = evm as unknown as { runPrecompile(code: typeof precompile, data: Uint8Array, gasLimit: bigint): Promise<ExecResult> | ExecResult };
  const result = await runner.runPrecompile(precompile, message.data, BigInt(ctx.gasAvailable()));
  if (result.exceptionError) return answer(EMPTY, 0n, false);
  return withValue(ctx, message, answer(result.returnValue, result.executionGasUsed, true));
}

async function fvmPrecompile(ctx: CallContext, message: Message, index: number): Promise<CallResult> {
  const before = ctx.gasAvailable();
  const output = await runFvmPrecompile(ctx, {
    index,
    input: message.data,
    delegatecall: message.delegatecall,
    isStatic: message.isStatic,
    contractId: () => contractId(ctx, message.to!),
    gasLimit: Number(message.gasLimit),
  });
  ctx.sm.changed();
  const gasUsed = BigInt(before - ctx.gasAvailable());
  ctx.nativeGas += gasUsed;
  if (output === undefined) return answer(EMPTY, gasUsed, false);
  return withValue(ctx, message, answer(output, gasUsed, true));
}

/** Value sent to a precompile goes to its f410 address (a Placeholder), after the call succeeded. */
async function withValue(ctx: CallContext, message: Message, result: CallResult): Promise<CallResult> {
  if (message.delegatecall || message.value === 0n || result.execResult.exceptionError) return result;
  await move(ctx, message.caller, message.to!, message.value);
  return result;
}

async function move(ctx: CallContext, from: EthjsAddress, to: EthjsAddress, value: bigint): Promise<void> {
  const sender = await ctx.sm.getAccount(from);
  if (!sender || sender.balance < value) throw new FatalError(`the EVM let ${from} send more than it has`);
  sender.balance -= value;
  await ctx.sm.putAccount(from, sender);
  const receiver = (await ctx.sm.getAccount(to)) ?? new Account();
  receiver.balance += value;
  await ctx.sm.putAccount(to, receiver);
}

function contractId(ctx: CallContext, address: EthjsAddress): bigint {
  const id = ctx.sm.idOf(address.bytes);
  if (id === undefined) throw new FatalError(`the running contract ${address} has no actor`);
  return id;
}

async function nativeSend(ctx: CallContext, message: Message, to: bigint): Promise<CallResult> {
  const before = ctx.gasAvailable();
  const params = message.data.length > 0 ? { codec: IPLD_RAW, data: message.data } : null;
  let result: CallResult;
  try {
    const r = await ctx.world.send(contractId(ctx, message.caller), Address.newId(to), EVM_METHOD_INVOKE_CONTRACT, params, message.value, Number(message.gasLimit), message.isStatic);
    result = answer(unwrapReturnData(r.returnData), 0n, r.exitCode === 0);
  } catch (error) {
    if (!(error instanceof SyscallError)) throw error;
    const ok = error.errno === ErrorNumber.NotFound || (error.errno === ErrorNumber.ReadOnly && message.isStatic);
    result = answer(EMPTY, 0n, ok);
  }
  ctx.sm.changed();
  const gasUsed = BigInt(before - ctx.gasAvailable());
  ctx.nativeGas += gasUsed;
  result.execResult.executionGasUsed = gasUsed;
  return result;
}
