// The EVM actor methods that read a contract without running it (FEVM-FACTS §4.2; BA:actors/evm/src/
// lib.rs): GetBytecode (3, DAG-CBOR CID or null when dead), GetBytecodeHash (4, keccak of the code, or
// of "" when dead), GetStorageAt (5, system actor only: Lotus's eth_getStorageAt). Also the code-size
// rules every deployment must pass (§4.3). The interpreter methods arrive with the EVM issue.

import { ContractStorage } from '../../ipld/index.ts';
import { ExitCode, bytesToUint, uintToMinimalBytes } from '../../primitives/index.ts';
import { ActorError, CBOR, DAG_CBOR, SYSTEM_ACTOR_ID, decodeParams, type IpldBlock, type Runtime } from '../../vm/index.ts';
import { encodeCbor } from '../../ipld/index.ts';
import { requireCallerId } from '../caller-checks.ts';
import { EMPTY_CODE_HASH, isDead, readEvmState } from './evm-state.ts';

export const EVM_METHOD_GET_BYTECODE = 3;
export const EVM_METHOD_GET_BYTECODE_HASH = 4;
export const EVM_METHOD_GET_STORAGE_AT = 5;
/** EIP-170: 24 KiB of runtime code at most. */
export const MAX_CODE_SIZE = 24 << 10;

/** Refuses runtime code Filecoin refuses: longer than 24 KiB, or starting with 0xEF (EIP-3541). */
export function checkRuntimeCode(code: Uint8Array): void {
  if (code.length > MAX_CODE_SIZE) {
    throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, `EVM byte code length (${code.length}) is exceeding the maximum allowed of ${MAX_CODE_SIZE}`);
  }
  if (code[0] === 0xef) throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, 'EIP-3541: Contract code starting with the 0xEF byte is disallowed.');
}

function current(rt: Runtime) {
  return { origin: rt.origin, nonce: rt.nonce };
}

export function getBytecode(rt: Runtime): IpldBlock {
  const state = readEvmState(rt.store, rt.getStateRoot());
  return { codec: DAG_CBOR, data: encodeCbor(isDead(state, current(rt)) ? null : state.bytecode) };
}

export function getBytecodeHash(rt: Runtime): IpldBlock {
  const state = readEvmState(rt.store, rt.getStateRoot());
  return { codec: CBOR, data: encodeCbor(isDead(state, current(rt)) ? EMPTY_CODE_HASH : state.bytecodeHash) };
}

export function getStorageAt(rt: Runtime, params: IpldBlock | null): IpldBlock {
  requireCallerId(rt, SYSTEM_ACTOR_ID, 'GetStorageAt');
  const [key] = decodeParams<unknown[]>(params, 'GetStorageAt');
  if (!(key instanceof Uint8Array) || key.length > 32) throw new ActorError(ExitCode.USR_SERIALIZATION, 'GetStorageAt takes [storage_key]');
  const state = readEvmState(rt.store, rt.getStateRoot());
  const value = isDead(state, current(rt)) ? 0n : ContractStorage.load(rt.store, state.contractState).get(bytesToUint(key));
  return { codec: CBOR, data: encodeCbor(uintToMinimalBytes(value)) };
}
