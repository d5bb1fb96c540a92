// One run of @ethereumjs/evm for one EVM actor invocation, with its whole EVM call tree (CALL,
// DELEGATECALL, STATICCALL, CREATE, CREATE2) inside it (DESIGN.md "The EVM actor"): FEVM's rules,
// the Filecoin gas schedule, the block environment of the tipset being executed (COINBASE 0, GASLIMIT
// 10 billion, NUMBER = epoch, TIMESTAMP, BASEFEE, PREVRANDAO from the beacon), and the result mapped to
// Filecoin exit codes: REVERT → 33 with the data, INVALID (0xfe) → 34, undefined opcodes → 35, stack
// errors → 36/37, bad jump → 39; running out of gas is out of Filecoin gas. FEVM's opcode set (§4.3):
// Cancun without CALLCODE, blobs (BLOBHASH, BLOBBASEFEE, KZG point evaluation) or EIP-6780, plus CLZ
// (EIP-7939), BLS12-381 (EIP-2537) and P256VERIFY (EIP-7951): see commonFor. Gas of native sends made inside is charged once.

import type { ExecResult } from '@ethereumjs/evm';
import { Address as EthjsAddress } from '@ethereumjs/util';
import { ExitCode, bytesToHex } from '../../primitives/index.ts';
import { ActorError, MAX_EVENT_VALUES_BYTES, OutOfGasError, type Runtime } from '../../vm/index.ts';
import type { CallContext } from './call-intercept.ts';
import type { PooledEvm } from './evm-pool.ts';
import type { EvmSession } from './evm-session.ts';
import { EVENT_TOO_LARGE, exitCodeForEvmError } from './evm-exit-codes.ts';
import { traceEvmRun } from './evm-trace.ts';
import { revertError } from './invoke-encoding.ts';
import { logToActorEvent } from './log-event.ts';

export const BLOCK_GAS_LIMIT = 10_000_000_000n;
/** Domain separation tag of PREVRANDAO's beacon randomness (EvmPrevRandao). */
export const PREVRANDAO_TAG = 10;
/** get_randomness (0xfe..06) answers the beacon of an epoch; the devnet's beacon takes this tag. */
const RAW_BEACON_TAG = 0;
const INVALID_OPCODE = 0xfe;

/**
 * @ethereumjs/evm and FEVM's setup of it (evm-pool.ts), imported at the first EVM run instead of at
 * start: the import takes a third of a cold start (it builds BLS12-381 and BN254 field tables for the
 * precompiles), and a node answers everything but contract execution without it.
 */
export function loadEvm(): Promise<typeof import('./evm-pool.ts')> {
  return import('./evm-pool.ts');
}

export interface EvmRun {
  code: Uint8Array;
  data: Uint8Array;
  address: Uint8Array;
  caller: Uint8Array;
  origin: Uint8Array;
  value: bigint;
  isStatic: boolean;
}

/**
 * Runs `run.code` with its whole call tree; emits its logs as actor events; answers the return data,
 * or throws the ActorError the failure maps to.
 */
export async function runEvm(rt: Runtime, session: EvmSession, run: EvmRun): Promise<Uint8Array> {
  const { acquireEvm, releaseEvm } = await loadEvm();
  const pooled = await acquireEvm(rt.chainId, rt.evmGasModel);
  const depth = session.sm.openCheckpoints;
  const tracer = session.sm.world.tracer;
  const endTrace = tracer && traceEvmRun(tracer, pooled.evm);
  try {
    return await runPooled(rt, session, run, pooled);
  } catch (error) {
    // An error thrown through @ethereumjs/evm (the FVM's gas ran out) skips its reverts: undo them here.
    await session.sm.unwindTo(depth);
    throw error;
  } finally {
    endTrace?.();
    releaseEvm(rt.chainId, pooled);
  }
}

async function runPooled(rt: Runtime, session: EvmSession, run: EvmRun, pooled: PooledEvm): Promise<Uint8Array> {
  const { evm } = pooled;
  const ctx: CallContext = {
    sm: session.sm,
    gasModel: rt.evmGasModel,
    world: session.sm.world,
    epoch: rt.epoch,
    randomness: (epoch) => rt.getRandomnessFromBeacon(RAW_BEACON_TAG, epoch, new Uint8Array(0)),
    gasAvailable: () => rt.gasAvailable,
    nativeGas: 0n,
  };
  pooled.sm.target = session.sm;
  pooled.run = { rt, ctx };
  evm.journal.cleanJournal();
  warmUp(pooled, run);
  session.shareTransientStorage(evm);
  const gasLimit = rt.evmGasLimit ?? BigInt(rt.gasAvailable);
  const prevRandao = rt.getRandomnessFromBeacon(PREVRANDAO_TAG, rt.epoch, new TextEncoder().encode('prevrandao'));
  const result = await evm.runCode({
    code: run.code,
    data: run.data,
    to: new EthjsAddress(run.address),
    caller: new EthjsAddress(run.caller),
    origin: new EthjsAddress(run.origin),
    value: run.value,
    isStatic: run.isStatic,
    gasLimit,
    gasPrice: rt.baseFee + rt.gasPremium,
    block: {
      header: {
        number: BigInt(rt.epoch),
        coinbase: new EthjsAddress(new Uint8Array(20)),
        timestamp: BigInt(rt.timestamp),
        difficulty: 0n,
        prevRandao,
        gasLimit: BLOCK_GAS_LIMIT,
        baseFeePerGas: rt.baseFee,
        getBlobGasPrice: () => undefined,
      },
    },
  });
  const error = result.exceptionError?.error;
  // An aborting actor pays for what it used, not (as an Ethereum frame would) all the gas it had.
  const used = error !== undefined && error !== 'out of gas' && result.gas !== undefined ? gasLimit - result.gas : result.executionGasUsed;
  const evmGas = used - ctx.nativeGas;
  if (evmGas > 0n) rt.chargeGas('EVM execution', Number(evmGas));
  if (error === undefined) {
    emitLogs(session, result.logs);
    return result.returnValue;
  }
  if (error === 'revert') {
    // After a REVERT the program counter has moved past it (one byte).
    if (result.runState) ctx.world.reverts.revertedAt(result.runState.programCounter - 1);
    throw revertError(result.returnValue);
  }
  if (error === 'out of gas') throw new OutOfGasError('out of gas in the EVM');
  if (error === 'invalid opcode' && result.runState?.opCode === INVALID_OPCODE) throw new ActorError(ExitCode.EVM_INVALID_INSTRUCTION, 'EVM: the INVALID instruction (0xfe)');
  const reason = (error as string) === EVENT_TOO_LARGE ? `a LOG over FEVM's limit of ${MAX_EVENT_VALUES_BYTES} bytes of event values (its data and 32 per topic)` : error;
  throw new ActorError(exitCodeForEvmError(error), `EVM: ${reason}`);
}

/**
 * What an Ethereum transaction starts with warm (EIP-2929, EIP-3651): the precompiles, the sender, the
 * contract and the coinbase (zero on FEVM); the Filecoin precompiles too.
 */
function warmUp(pooled: PooledEvm, run: EvmRun): void {
  const journal = pooled.evm.journal;
  for (const address of pooled.evm.precompiles.keys()) journal.addAlwaysWarmAddress(address);
  for (const slot of FVM_PRECOMPILE_SLOTS) journal.addAlwaysWarmAddress(`fe${'00'.repeat(18)}${slot}`);
  for (const address of [run.address, run.caller, run.origin, new Uint8Array(20)]) journal.addAlwaysWarmAddress(bytesToHex(address));
}

const FVM_PRECOMPILE_SLOTS = ['01', '02', '03', '04', '05', '06'];

/** LOG0..LOG4 of frames that did not revert, as events of the contracts that logged them. */
function emitLogs(session: EvmSession, logs: ExecResult['logs']): void {
  for (const [address, topics, data] of logs ?? []) {
    const emitter = session.sm.idOf(address);
    if (emitter === undefined) throw new Error('a contract that logged has no actor');
    session.sm.world.emitEvent(emitter, logToActorEvent(topics, data));
  }
}
