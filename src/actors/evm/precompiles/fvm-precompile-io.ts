// Inputs and outputs of the Filecoin precompiles (FEVM-FACTS §5; BA:actors/evm/src/interpreter/
// precompiles/fvm.rs), as pure functions: resolve_address (0xfe..01) takes raw address bytes,
// lookup_delegated_address (0xfe..02) a u64 id word, call_actor / call_actor_id (0xfe..03 / 0xfe..05)
// method, value, flags, codec, params offset and address offset (or id) words, get_randomness (0xfe..06)
// an epoch word. Invalid input is a PrecompileInputError (the CALL then returns 0 with no data).

import { Address, concatBytes, uintToFixedBytes } from '../../../primitives/index.ts';
import { CBOR, type IpldBlock } from '../../../vm/index.ts';
import { EVM_MAX_RESERVED_METHOD } from '../filecoin-method-abi.ts';
import { ValueOutOfRange, ValueReader, WORD } from '../value-reader.ts';

export class PrecompileInputError extends Error {
  override readonly name = 'PrecompileInputError';
}

export const SEND_FLAG_READ_ONLY = 1n;

export interface CallActorRequest {
  method: number;
  value: bigint;
  readOnly: boolean;
  params: IpldBlock | null;
  target: Address;
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValueOutOfRange) throw new PrecompileInputError(error.message);
    throw error;
  }
}

export function parseResolveAddressInput(input: Uint8Array): Address {
  try {
    return Address.fromBytes(input);
  } catch {
    throw new PrecompileInputError('resolve_address: input is not a Filecoin address');
  }
}

/** resolve_address's answer: the id as a 32-byte word, or nothing when the address is unknown. */
export function encodeResolvedId(id: bigint | undefined): Uint8Array {
  return id === undefined ? new Uint8Array(0) : uintToFixedBytes(id);
}

export function parseActorIdWord(input: Uint8Array): bigint {
  return guard(() => new ValueReader(input).readUint(64, 'actor id'));
}

/** get_randomness's epoch: an i64 in one word (negative epochs cannot be encoded). */
export function parseEpochWord(input: Uint8Array): number {
  return Number(guard(() => new ValueReader(input).readUint(63, 'epoch')));
}

export function parseCallActorInput(input: Uint8Array, byId: boolean): CallActorRequest {
  return guard(() => {
    const r = new ValueReader(input);
    const method = r.readUint(64, 'method');
    const value = r.readUint(256, 'value');
    const flags = r.readUint(64, 'flags');
    if ((flags & ~SEND_FLAG_READ_ONLY) !== 0n) throw new PrecompileInputError(`unknown send flags ${flags}`);
    const codec = r.readUint(64, 'codec');
    const paramsOffset = r.readUint(32, 'params offset');
    const idOrAddressOffset = r.readUint(64, byId ? 'actor id' : 'address offset');
    r.seek(Number(paramsOffset));
    const paramsLength = r.readUint(32, 'params length');
    const paramBytes = r.readPadded(Number(paramsLength));
    let target: Address;
    if (byId) {
      target = Address.newId(idOrAddressOffset);
    } else {
      r.seek(Number(idOrAddressOffset));
      const addressLength = r.readUint(32, 'address length');
      try {
        target = Address.fromBytes(r.readPadded(Number(addressLength)));
      } catch {
        throw new PrecompileInputError('call_actor: not a Filecoin address');
      }
    }
    if (method !== 0n && method <= BigInt(EVM_MAX_RESERVED_METHOD)) throw new PrecompileInputError(`call_actor: method ${method} is reserved`);
    let params: IpldBlock | null;
    if (codec === BigInt(CBOR)) params = { codec: CBOR, data: paramBytes };
    else if (codec === 0n && paramBytes.length === 0) params = null;
    else throw new PrecompileInputError(`call_actor: codec ${codec} with ${paramBytes.length} bytes of params`);
    return { method: Number(method), value, readOnly: (flags & SEND_FLAG_READ_ONLY) !== 0n, params, target };
  });
}

/**
 * call_actor's answer, ABI `(int256 exit_code, uint64 codec, bytes data)`: a syscall error is the
 * negative errno; data right-padded to whole words.
 */
export function encodeCallActorOutput(result: { exitCode: number; returnData: IpldBlock | null } | { errno: number }): Uint8Array {
  const exit = 'errno' in result ? (1n << 256n) - BigInt(result.errno) : BigInt(result.exitCode);
  const block = 'errno' in result ? null : result.returnData;
  const data = block?.data ?? new Uint8Array(0);
  const padded = new Uint8Array(Math.ceil(data.length / WORD) * WORD);
  padded.set(data);
  return concatBytes(uintToFixedBytes(exit), uintToFixedBytes(BigInt(block?.codec ?? 0)), uintToFixedBytes(BigInt(3 * WORD)), uintToFixedBytes(BigInt(data.length)), padded);
}

/** 0x00…00XX and 0xfe00…00XX with XX ≥ 1, and 0x00…0100 (P256VERIFY): calls there never reach an actor. */
export function isReservedPrecompileAddress(eth: Uint8Array): boolean {
  if (eth.length !== 20) return false;
  const middleZero = eth.subarray(1, 18).every((b) => b === 0);
  if (eth[0] === 0x00 && middleZero && eth[18] === 0x01 && eth[19] === 0x00) return true;
  return (eth[0] === 0x00 || eth[0] === 0xfe) && middleZero && eth[18] === 0 && eth[19]! >= 1;
}
