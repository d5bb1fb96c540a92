// One run of @ethereumjs/evm for one EVM actor invocation (DESIGN.md "The EVM actor"): Cancun rules,
// the Filecoin gas schedule, the block environment of the tipset being executed (COINBASE 0, GASLIMIT
// 10 billion, NUMBER = epoch, TIMESTAMP, BASEFEE, PREVRANDAO from the beacon), and the result mapped to
// Filecoin exit codes: REVERT → 33 with the data, INVALID (0xfe) → 34, undefined opcodes → 35, stack
// errors → 36/37, bad jump → 39; running out of gas is out of Filecoin gas. FEVM's opcode set (§4.3):
// Cancun without CALLCODE, BLOBHASH and BLOBBASEFEE (removed, so they are undefined), plus CLZ (EIP-7939).

import { createEVM, type ExecResult } from '@ethereumjs/evm';
import { Address as EthjsAddress } from '@ethereumjs/util';
import { ExitCode } from '../../primitives/index.ts';
import { ActorError, OutOfGasError, commonFor, type Runtime } from '../../vm/index.ts';
import type { ContractStateManager } from './contract-state-manager.ts';
import { filecoinGasParams } from './gas-schedule.ts';
import { revertError } from './invoke-encoding.ts';

export const BLOCK_GAS_LIMIT = 10_000_000_000n;
/** Domain separation tag of PREVRANDAO's beacon randomness (EvmPrevRandao). */
export const PREVRANDAO_TAG = 10;

/** CALLCODE, BLOBHASH, BLOBBASEFEE: not on FEVM (an opcode listed without logic is removed). */
const REMOVED_OPCODES = [{ opcode: 0xf2 }, { opcode: 0x49 }, { opcode: 0x4a }];
const INVALID_OPCODE = 0xfe;


export interface EvmRun {
  code: Uint8Array;
  data: Uint8Array;
  address: Uint8Array;
  caller: Uint8Array;
  origin: Uint8Array;
  value: bigint;
  isStatic: boolean;
}

/** Runs `run.code`; answers the return data, or throws the ActorError the failure maps to. */
export async function runEvm(rt: Runtime, state: ContractStateManager, run: EvmRun): Promise<{ returnValue: Uint8Array; logs: ExecResult['logs'] }> {
  const evm = await createEVM({ common: commonFor(rt.chainId), stateManager: state, params: filecoinGasParams(), customOpcodes: REMOVED_OPCODES, blockchain: tipsetHashes(rt) });
  const gasLimit = BigInt(rt.gasAvailable);
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
  rt.chargeGas('EVM execution', Number(result.executionGasUsed));
  const error = result.exceptionError?.error;
  if (error === undefined) return { returnValue: result.returnValue, logs: result.logs };
  if (error === 'revert') throw revertError(result.returnValue);
  if (error === 'out of gas') throw new OutOfGasError('out of gas in the EVM');
  if (error === 'invalid opcode' && result.runState?.opCode === INVALID_OPCODE) throw new ActorError(ExitCode.EVM_INVALID_INSTRUCTION, 'EVM: INVALID');
  throw new ActorError(exitCodeForEvmError(error), `EVM: ${error}`);
}

/**
 * BLOCKHASH(n): the digest of the tipset key CID at epoch n (the Ethereum block hash Lotus reports), or
 * zero when the chain does not know it. The EVM itself answers 0 outside the last 256 epochs.
 */
function tipsetHashes(rt: Runtime) {
  const chain = {
    getBlock: async (n: number) => ({ hash: () => rt.tipsetCid(n)?.multihash.digest.subarray(0, 32) ?? new Uint8Array(32) }),
    putBlock: async () => {},
    shallowCopy: () => chain,
  };
  return chain;
}

function exitCodeForEvmError(error: string): number {
  switch (error) {
    case 'invalid opcode':
      return ExitCode.EVM_UNDEFINED_INSTRUCTION;
    case 'stack underflow':
      return ExitCode.EVM_STACK_UNDERFLOW;
    case 'stack overflow':
      return ExitCode.EVM_STACK_OVERFLOW;
    case 'invalid JUMP':
      return ExitCode.EVM_BAD_JUMPDEST;
    case 'static state change':
      return ExitCode.USR_READ_ONLY;
    default:
      return ExitCode.EVM_ILLEGAL_MEMORY_ACCESS;
  }
}

