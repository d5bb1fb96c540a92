// The EVM actor (FEVM-FACTS §4; BA:actors/evm): a Solidity contract as a Filecoin actor. Constructor
// runs the initcode and stores the runtime code as a raw block with its storage in a KAMT;
// InvokeContract runs it on calldata; methods ≥ 1024 reach `handle_filecoin_method`; LOGs become actor
// events. NOT YET: calls between contracts (CALL, DELEGATECALL, STATICCALL, CREATE*), SELFDESTRUCT,
// precompiles, Resurrect (2) and InvokeContractDelegate (6). Until those exist this actor is not in the
// default registry, so no devnet runs contracts half-way.

import { ContractStorage, getBlock } from '../../ipld/index.ts';
import { EAM_ACTOR_ID, ExitCode, Protocol, keccak256, maskedIdEthAddress, type EthAddress } from '../../primitives/index.ts';
import { ActorError, ActorType, METHOD_CONSTRUCTOR, decodeParams, type ActorCode, type IpldBlock, type Runtime } from '../../vm/index.ts';
import { requireCallerId, unhandled } from '../caller-checks.ts';
import { ContractStateManager } from './contract-state-manager.ts';
import { EVM_METHOD_GET_BYTECODE, EVM_METHOD_GET_BYTECODE_HASH, EVM_METHOD_GET_STORAGE_AT, checkRuntimeCode, getBytecode, getBytecodeHash, getStorageAt } from './evm-getters.ts';
import { isDead, newEvmState, putEvmState, readEvmState } from './evm-state.ts';
import { EVM_MAX_RESERVED_METHOD, handleFilecoinMethodInput, handleFilecoinMethodOutput } from './filecoin-method-abi.ts';
import { runEvm } from './interpreter.ts';
import { decodeInvokeParams, encodeInvokeReturn } from './invoke-encoding.ts';
import { logToActorEvent } from './log-event.ts';

export const EVM_METHOD_INVOKE_CONTRACT = 3844450837;
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

async function construct(rt: Runtime, params: IpldBlock | null): Promise<null> {
  requireCallerId(rt, INIT_ACTOR_ID, 'EVM constructor');
  const [creator, initcode] = decodeParams<unknown[]>(params, 'EVM constructor');
  if (!(creator instanceof Uint8Array) || creator.length !== 20 || !(initcode instanceof Uint8Array)) {
    throw new ActorError(ExitCode.USR_SERIALIZATION, 'EVM constructor takes [creator, initcode]');
  }
  const self = selfAddress(rt);
  const storage = ContractStorage.create(rt.store);
  const sm = new ContractStateManager({ address: self, code: initcode, codeHash: keccak256(initcode), nonce: 1n, balance: () => rt.currentBalance() }, storage);
  const { returnValue, logs } = await runEvm(rt, sm, { code: initcode, data: new Uint8Array(0), address: self, caller: creator, origin: ethAddressOf(rt, rt.origin), value: rt.valueReceived, isStatic: false });
  checkRuntimeCode(returnValue);
  sm.persist();
  for (const [, topics, data] of logs ?? []) rt.emitEvent(logToActorEvent(topics, data));
  rt.setStateRoot(putEvmState(rt.store, newEvmState(rt.store, returnValue, storage.flush())));
  return null;
}

async function invoke(rt: Runtime, calldata: Uint8Array): Promise<Uint8Array> {
  const state = readEvmState(rt.store, rt.getStateRoot());
  if (isDead(state, { origin: rt.origin, nonce: rt.nonce })) return new Uint8Array(0);
  const code = getBlock(rt.store, state.bytecode);
  if (code.length === 0) return new Uint8Array(0);
  const storage = ContractStorage.load(rt.store, state.contractState);
  const self = selfAddress(rt);
  const sm = new ContractStateManager({ address: self, code, codeHash: state.bytecodeHash, nonce: state.nonce, balance: () => rt.currentBalance() }, storage);
  const { returnValue, logs } = await runEvm(rt, sm, { code, data: calldata, address: self, caller: ethAddressOf(rt, rt.caller), origin: ethAddressOf(rt, rt.origin), value: rt.valueReceived, isStatic: rt.readOnly });
  sm.persist();
  const root = storage.flush();
  if (!root.equals(state.contractState)) rt.setStateRoot(putEvmState(rt.store, { ...state, contractState: root }));
  for (const [, topics, data] of logs ?? []) rt.emitEvent(logToActorEvent(topics, data));
  return returnValue;
}

export const evmActor: ActorCode = {
  name: 'evm',
  type: ActorType.EVM,
  async invoke(rt, method, params) {
    switch (method) {
      case METHOD_CONSTRUCTOR:
        return construct(rt, params);
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
