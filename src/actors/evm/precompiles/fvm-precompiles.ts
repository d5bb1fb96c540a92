// The Filecoin precompiles at 0xfe00…00XX (FEVM-FACTS §5; BA:actors/evm/src/interpreter/precompiles/
// fvm.rs): resolve_address (01), lookup_delegated_address (02), call_actor (03) and call_actor_id (05),
// which only work through DELEGATECALL and send from the calling contract, and get_randomness (06).
// get_actor_type (04) is disabled, so 04 and 07+ are empty slots. Bad input fails the CALL (0, no data);
// a failed send is not a failed CALL: its exit code (or negative errno) is in the output.

import { Protocol } from '../../../primitives/index.ts';
import { ErrorNumber, SyscallError, type EvmWorld } from '../../../vm/index.ts';
import {
  PrecompileInputError,
  encodeCallActorOutput,
  encodeResolvedId,
  parseActorIdWord,
  parseCallActorInput,
  parseEpochWord,
  parseResolveAddressInput,
} from './fvm-precompile-io.ts';

export const FVM_PRECOMPILE_PREFIX = 0xfe;

/** The FVM precompile slot of an address (1..255), or undefined when it is not 0xfe00…00XX. */
export function fvmPrecompileIndex(eth: Uint8Array): number | undefined {
  if (eth.length !== 20 || eth[0] !== FVM_PRECOMPILE_PREFIX || eth[19] === 0) return undefined;
  for (let i = 1; i < 19; i++) if (eth[i] !== 0) return undefined;
  return eth[19];
}

export interface FvmPrecompileCall {
  index: number;
  input: Uint8Array;
  delegatecall: boolean;
  isStatic: boolean;
  /** The contract in whose context a DELEGATECALL runs (it pays call_actor's value). */
  contractId(): bigint;
  gasLimit: number;
}

export interface FvmPrecompileEnv {
  world: EvmWorld;
  epoch: number;
  randomness(epoch: number): Uint8Array;
}

/** The output, or undefined when the CALL fails; `index` 04 and 07+ are empty slots (empty success). */
export async function runFvmPrecompile(env: FvmPrecompileEnv, call: FvmPrecompileCall): Promise<Uint8Array | undefined> {
  try {
    switch (call.index) {
      case 1: {
        const address = parseResolveAddressInput(call.input);
        const id = address.protocol === Protocol.ID ? address.id : env.world.lookupId(address);
        return encodeResolvedId(id);
      }
      case 2: {
        const delegated = env.world.getActor(parseActorIdWord(call.input))?.delegatedAddress;
        return delegated ? delegated.bytes : new Uint8Array(0);
      }
      case 3:
      case 5:
        return call.delegatecall ? await callActor(env, call) : undefined;
      case 6: {
        const epoch = parseEpochWord(call.input);
        return epoch > env.epoch ? undefined : env.randomness(epoch);
      }
      default:
        return new Uint8Array(0);
    }
  } catch (error) {
    if (error instanceof PrecompileInputError) return undefined;
    throw error;
  }
}

async function callActor(env: FvmPrecompileEnv, call: FvmPrecompileCall): Promise<Uint8Array> {
  const request = parseCallActorInput(call.input, call.index === 5);
  try {
    const readOnly = call.isStatic || request.readOnly;
    if (readOnly && request.value !== 0n) throw new SyscallError(ErrorNumber.ReadOnly, 'cannot send value in a read-only call');
    const result = await env.world.send(call.contractId(), request.target, request.method, request.params, request.value, call.gasLimit, readOnly);
    return encodeCallActorOutput(result);
  } catch (error) {
    if (error instanceof SyscallError) return encodeCallActorOutput({ errno: error.errno });
    throw error;
  }
}
