// The Ethereum Address Manager (f010; BA:actors/eam; FEVM-FACTS §3.3-3.4): creates EVM contracts at
// Ethereum addresses. Create/Create2 come from EVM actors (CREATE/CREATE2), CreateExternal from the
// account that sent the message (contract deployment transactions). It asks Init.Exec4 to assign the
// f410 and f2 addresses, takes over a Placeholder at the address, and resurrects a dead contract there.

import { decodeCbor } from '../../ipld/index.ts';
import { Address, EAM_ACTOR_ID, ExitCode, Protocol, maskedIdEthAddress, type EthAddress } from '../../primitives/index.ts';
import {
  ActorError,
  ActorType,
  METHOD_CONSTRUCTOR,
  SYSTEM_ACTOR_ID,
  cborBlock,
  decodeParams,
  extractSendResult,
  type ActorCode,
  type IpldBlock,
  type Runtime,
} from '../../vm/index.ts';
import { ACCOUNT_METHOD_PUBKEY_ADDRESS } from '../account/account-actor.ts';
import { requireCallerId, requireCallerType, unhandled } from '../caller-checks.ts';
import { INIT_METHOD_EXEC4 } from '../init/init-actor.ts';
import { canAssignAddress, computeCreate2Address, computeCreateAddress } from './eth-address-derivation.ts';

export const EAM_METHOD_CREATE = 2;
export const EAM_METHOD_CREATE2 = 3;
export const EAM_METHOD_CREATE_EXTERNAL = 4;
export const EVM_METHOD_RESURRECT = 2;
const INIT_ACTOR = Address.newId(1);

export const eamActor: ActorCode = {
  name: 'eam',
  type: ActorType.EAM,
  async invoke(rt, method, params) {
    switch (method) {
      case METHOD_CONSTRUCTOR:
        if (rt.receiver !== EAM_ACTOR_ID) throw new ActorError(ExitCode.USR_FORBIDDEN, `the EAM must be deployed at f010, not f0${rt.receiver}`);
        requireCallerId(rt, SYSTEM_ACTOR_ID, 'EAM constructor');
        return null;
      case EAM_METHOD_CREATE: {
        requireCallerType(rt, [ActorType.EVM], 'Create');
        const [initcode, nonce] = tuple(decodeParams(params, 'Create'), 'Create');
        if (!(initcode instanceof Uint8Array) || (typeof nonce !== 'number' && typeof nonce !== 'bigint')) throw badParams('Create');
        const caller = callerEthAddress(rt);
        return await createContract(rt, caller, computeCreateAddress(caller, BigInt(nonce), keccakOf(rt)), initcode);
      }
      case EAM_METHOD_CREATE2: {
        requireCallerType(rt, [ActorType.EVM], 'Create2');
        const [initcode, salt] = tuple(decodeParams(params, 'Create2'), 'Create2');
        if (!(initcode instanceof Uint8Array) || !(salt instanceof Uint8Array) || salt.length !== 32) throw badParams('Create2');
        const caller = callerEthAddress(rt);
        return await createContract(rt, caller, computeCreate2Address(caller, salt, initcode, keccakOf(rt)), initcode);
      }
      case EAM_METHOD_CREATE_EXTERNAL: {
        requireCallerId(rt, rt.origin, 'CreateExternal');
        const initcode = decodeParams(params, 'CreateExternal');
        if (!(initcode instanceof Uint8Array)) throw badParams('CreateExternal');
        const { owner, stable } = await externalCaller(rt);
        return await createContract(rt, owner, computeCreateAddress(stable, rt.nonce, keccakOf(rt)), initcode);
      }
      default:
        return unhandled('eam', method);
    }
  },
};

async function createContract(rt: Runtime, creator: EthAddress, address: EthAddress, initcode: Uint8Array): Promise<IpldBlock> {
  if (!canAssignAddress(address)) throw new ActorError(ExitCode.USR_FORBIDDEN, 'cannot create address with a reserved prefix');
  const constructorParams = cborBlock([creator, initcode]);
  const f410 = Address.newDelegated(EAM_ACTOR_ID, address);
  const existing = rt.resolveAddress(f410);
  if (existing !== undefined) {
    const code = rt.getActorCodeCid(existing);
    const type = code && rt.builtinActorType(code);
    if (type === ActorType.EVM) {
      extractSendResult(await rt.send(Address.newId(existing), EVM_METHOD_RESURRECT, constructorParams, rt.valueReceived), 'resurrect failed');
      return cborBlock([existing, null, address]);
    }
    if (type !== ActorType.Placeholder) throw new ActorError(ExitCode.USR_FORBIDDEN, 'cannot deploy contract over existing contract at that address');
  }
  const exec4 = cborBlock([rt.codeCidFor(ActorType.EVM), constructorParams.data, address]);
  const ret = extractSendResult(await rt.send(INIT_ACTOR, INIT_METHOD_EXEC4, exec4, rt.valueReceived), 'Exec4 failed');
  const [idAddress, robust] = ret ? tuple(decodeCbor(ret.data), 'Exec4 return') : [];
  if (!(idAddress instanceof Uint8Array) || !(robust instanceof Uint8Array)) throw new ActorError(ExitCode.USR_SERIALIZATION, 'malformed Exec4 return');
  return cborBlock([Address.fromBytes(idAddress).id, robust, address]);
}

/** The caller's f410 Ethereum address; actors without one may not create contracts this way. */
function callerEthAddress(rt: Runtime): EthAddress {
  const delegated = rt.lookupDelegatedAddress(rt.caller);
  if (!delegated || delegated.protocol !== Protocol.DELEGATED || delegated.namespace !== EAM_ACTOR_ID || delegated.subaddress.length !== 20) {
    throw new ActorError(ExitCode.USR_FORBIDDEN, "caller doesn't have an eth address");
  }
  return delegated.subaddress;
}

/** CreateExternal's owner (the constructor's creator) and the address the new address derives from. */
async function externalCaller(rt: Runtime): Promise<{ owner: EthAddress; stable: EthAddress }> {
  const code = rt.getActorCodeCid(rt.caller);
  const type = code && rt.builtinActorType(code);
  if (type === ActorType.EthAccount) {
    const eth = callerEthAddress(rt);
    return { owner: eth, stable: eth };
  }
  if (type === ActorType.Account) {
    const r = await rt.send(Address.newId(rt.caller), ACCOUNT_METHOD_PUBKEY_ADDRESS, null, 0n, { readOnly: true });
    if (!r.ok) throw new ActorError(ExitCode.USR_ASSERTION_FAILED, 'account failed to return its key address');
    const ret = extractSendResult(r, 'failed to retrieve account robust address');
    const key = ret ? decodeCbor(ret.data) : undefined;
    if (!(key instanceof Uint8Array)) throw new ActorError(ExitCode.USR_SERIALIZATION, 'malformed key address');
    return { owner: maskedIdEthAddress(rt.caller), stable: rt.hash('keccak256', key).subarray(12) };
  }
  throw new ActorError(ExitCode.USR_FORBIDDEN, `disallowed caller type ${type ?? code?.toString() ?? 'unknown'}`);
}

function keccakOf(rt: Runtime): (data: Uint8Array) => Uint8Array {
  return (data) => rt.hash('keccak256', data);
}

function tuple(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw badParams(what);
  return value;
}

function badParams(what: string): ActorError {
  return new ActorError(ExitCode.USR_SERIALIZATION, `${what}: malformed parameters`);
}

