// The EVM actor (FEVM-FACTS §4; BA:actors/evm): a Solidity contract as a Filecoin actor. Constructor
// runs the initcode and stores the runtime code as a raw block with its storage in a KAMT;
// InvokeContract runs it on calldata with its whole EVM call tree; methods ≥ 1024 reach
// `handle_filecoin_method`; Resurrect (2) redeploys over a dead contract; InvokeContractDelegate (6) runs
// other code in this contract's context. LOGs become actor events of the contract that logged.

import { CID, getBlock, putRaw } from '../../ipld/index.ts';
import { EAM_ACTOR_ID, ExitCode, Protocol, keccak256, maskedIdEthAddress, bytesToBigint, type EthAddress } from '../../primitives/index.ts';
import { ActorError, ActorType, METHOD_CONSTRUCTOR, decodeParams, type ActorCode, type IpldBlock, type Runtime } from '../../vm/index.ts';
import { requireCallerId, unhandled } from '../caller-checks.ts';
import { EVM_METHOD_GET_BYTECODE, EVM_METHOD_GET_BYTECODE_HASH, EVM_METHOD_GET_STORAGE_AT, checkRuntimeCode, getBytecode, getBytecodeHash, getStorageAt } from './evm-getters.ts';
import { isDead, newEvmState, putEvmState, readEvmState } from './evm-state.ts';
import { EVM_MAX_RESERVED_METHOD, handleFilecoinMethodInput, handleFilecoinMethodOutput } from './filecoin-method-abi.ts';
import { runEvm } from './interpreter.ts';
import { EVM_METHOD_INVOKE_CONTRACT, decodeInvokeParams, encodeInvokeReturn } from './invoke-encoding.ts';
import { withEvmSession } from './evm-session.ts';
import { canonicalCode } from './jump-analysis.ts';

export { EVM_METHOD_INVOKE_CONTRACT };
export const EVM_METHOD_RESURRECT = 2;
export const EVM_METHOD_INVOKE_DELEGATE = 6;
const EMPTY = new Uint8Array(0);
const INIT_ACTOR_ID = 1n;

/** How an actor appears inside the EVM: its f410 Ethereum address, or its masked id. */
function ethAddressOf(rt: Runtime, id: bigint): EthAddress {
  const delegated = rt.lookupDelegatedAddress(id);
  if (delegated && delegated.protocol === Protocol.DELEGATED && delegated.namespace === EAM_ACTOR_ID && delegated.subaddress.length === 20) {
    return delegated.subaddress;
  }
  return maskedIdEthAddress(id);
}

function selfAddress(rt: Runtime): EthAddress {
  const delegated = rt.lookupDelegatedAddress(rt.receiver);
  if (!delegated || delegated.protocol !== Protocol.DELEGATED || delegated.namespace !== EAM_ACTOR_ID) {
    throw new ActorError(ExitCode.USR_FORBIDDEN, 'an EVM contract must have an f410 address');
  }
  return delegated.subaddress;
}

/** Decodes the `[creator, initcode]` params of Constructor and Resurrect. */
function creationParams(params: IpldBlock | null, what: string): { creator: EthAddress; initcode: Uint8Array } {
  const [creator, initcode] = decodeParams<unknown[]>(params, what);
  if (!(creator instanceof Uint8Array) || creator.length !== 20 || !(initcode instanceof Uint8Array)) {
    throw new ActorError(ExitCode.USR_SERIALIZATION, `${what} takes [creator, initcode]`);
  }
  return { creator, initcode };
}

/** Runs the initcode and stores what it returns as the contract's runtime code. */
async function deploy(rt: Runtime, creator: EthAddress, initcode: Uint8Array): Promise<null> {
  const self = selfAddress(rt);
  rt.setStateRoot(putEvmState(rt.store, newEvmState(rt.store, EMPTY)));
  const runtimeCode = await withEvmSession(rt, (session) =>
    runEvm(rt, session, { code: initcode, data: EMPTY, address: self, caller: creator, origin: ethAddressOf(rt, rt.origin), value: rt.valueReceived, isStatic: false }),
  );
  checkRuntimeCode(runtimeCode);
  const state = readEvmState(rt.store, rt.getStateRoot());
  rt.setStateRoot(putEvmState(rt.store, { ...state, bytecode: putRaw(rt.store, runtimeCode), bytecodeHash: keccak256(runtimeCode) }));
  return null;
}

async function construct(rt: Runtime, params: IpldBlock | null): Promise<null> {
  requireCallerId(rt, INIT_ACTOR_ID, 'EVM constructor');
  const { creator, initcode } = creationParams(params, 'EVM constructor');
  return deploy(rt, creator, initcode);
}

/** Resurrect (2): the EAM redeploys over a dead contract (CREATE2 to its address); storage starts empty. */
async function resurrect(rt: Runtime, params: IpldBlock | null): Promise<null> {
  requireCallerId(rt, EAM_ACTOR_ID, 'EVM Resurrect');
  const state = readEvmState(rt.store, rt.getStateRoot());
  if (!isDead(state, { origin: rt.origin, nonce: rt.nonce })) throw new ActorError(ExitCode.USR_FORBIDDEN, 'can only resurrect a dead contract');
  const { creator, initcode } = creationParams(params, 'EVM Resurrect');
  return deploy(rt, creator, initcode);
}

async function invoke(rt: Runtime, calldata: Uint8Array): Promise<Uint8Array> {
  const state = readEvmState(rt.store, rt.getStateRoot());
  if (isDead(state, { origin: rt.origin, nonce: rt.nonce })) return EMPTY;
  const code = canonicalCode(state.bytecode, getBlock(rt.store, state.bytecode));
  if (code.length === 0) return EMPTY;
  const caller = ethAddressOf(rt, rt.caller);
  return withEvmSession(rt, (session) =>
    runEvm(rt, session, { code, data: calldata, address: selfAddress(rt), caller, origin: ethAddressOf(rt, rt.origin), value: rt.valueReceived, isStatic: rt.readOnly }),
  );
}

/** InvokeContractDelegate (6): `code` runs in this contract's context for `caller` with `value` (DELEGATECALL). */
async function invokeDelegate(rt: Runtime, params: IpldBlock | null): Promise<Uint8Array> {
  requireCallerId(rt, rt.receiver, 'InvokeContractDelegate');
  const [codeCid, input, caller, value] = decodeParams<unknown[]>(params, 'InvokeContractDelegate');
  const cid = CID.asCID(codeCid);
  if (!cid || !(input instanceof Uint8Array) || !(caller instanceof Uint8Array) || caller.length !== 20 || !(value instanceof Uint8Array)) {
    throw new ActorError(ExitCode.USR_SERIALIZATION, 'InvokeContractDelegate takes [code, input, caller, value]');
  }
  const code = canonicalCode(cid, getBlock(rt.store, cid));
  return withEvmSession(rt, (session) =>
    runEvm(rt, session, { code, data: input, address: selfAddress(rt), caller, origin: ethAddressOf(rt, rt.origin), value: bytesToBigint(value), isStatic: rt.readOnly }),
  );
}

export const evmActor: ActorCode = {
  name: 'evm',
  type: ActorType.EVM,
  async invoke(rt, method, params) {
    switch (method) {
      case METHOD_CONSTRUCTOR:
        return construct(rt, params);
      case EVM_METHOD_RESURRECT:
        return resurrect(rt, params);
      case EVM_METHOD_INVOKE_DELEGATE:
        return encodeInvokeReturn(await invokeDelegate(rt, params));
      case EVM_METHOD_GET_BYTECODE:
        return getBytecode(rt);
      case EVM_METHOD_GET_BYTECODE_HASH:
        return getBytecodeHash(rt);
      case EVM_METHOD_GET_STORAGE_AT:
        return getStorageAt(rt, params);
      case EVM_METHOD_INVOKE_CONTRACT:
        return encodeInvokeReturn(await invoke(rt, decodeInvokeParams(params)));
      default:
        if (method > EVM_MAX_RESERVED_METHOD) {
          const input = handleFilecoinMethodInput(BigInt(method), BigInt(params?.codec ?? 0), params?.data ?? new Uint8Array(0));
          return handleFilecoinMethodOutput(await invoke(rt, input));
        }
        return unhandled('evm', method);
    }
  },
};
