// The init actor (f01; BA:actors/init; FEVM-FACTS §3.2): owns the address map and next_id. Exec4 (from
// the EAM only) gives a new actor its f4 and f2 addresses and id, taking over a Placeholder already at
// that f4 address, creates it and runs its constructor with the value received. Exec (multisig, payment
// channels, miners) is refused here: this devnet has none of those actors yet.

import { CID } from '../../ipld/index.ts';
import { Address, EAM_ACTOR_ID, ExitCode } from '../../primitives/index.ts';
import { Hamt } from '../../ipld/index.ts';
import { INIT_HAMT_BIT_WIDTH, putInitState, readInitState } from '../../state/index.ts';
import {
  ActorError,
  ActorType,
  CBOR,
  METHOD_CONSTRUCTOR,
  SYSTEM_ACTOR_ID,
  cborBlock,
  decodeParams,
  extractSendResult,
  type ActorCode,
  type IpldBlock,
  type Runtime,
} from '../../vm/index.ts';
import { requireCallerId, unhandled } from '../caller-checks.ts';

export const INIT_METHOD_EXEC = 2;
export const INIT_METHOD_EXEC4 = 3;

export const initActor: ActorCode = {
  name: 'init',
  type: ActorType.Init,
  async invoke(rt, method, params) {
    switch (method) {
      case METHOD_CONSTRUCTOR:
        requireCallerId(rt, SYSTEM_ACTOR_ID, 'init constructor');
        return null;
      case INIT_METHOD_EXEC:
        throw new ActorError(ExitCode.USR_FORBIDDEN, 'Exec: this devnet has no actors that init may create this way (multisig, payment channel, miner)');
      case INIT_METHOD_EXEC4:
        return await exec4(rt, decodeParams<unknown[]>(params, 'Exec4'));
      default:
        return unhandled('init', method);
    }
  },
};

async function exec4(rt: Runtime, params: unknown[]): Promise<IpldBlock> {
  requireCallerId(rt, EAM_ACTOR_ID, 'Exec4');
  const [codeRaw, constructorParams, subaddress] = Array.isArray(params) ? params : [];
  const code = CID.asCID(codeRaw);
  if (!code || !(constructorParams instanceof Uint8Array) || !(subaddress instanceof Uint8Array)) {
    throw new ActorError(ExitCode.USR_SERIALIZATION, 'Exec4 takes [code_cid, constructor_params, subaddress]');
  }
  let delegated: Address;
  try {
    delegated = Address.newDelegated(rt.caller, subaddress);
  } catch (error) {
    throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, `invalid delegated address: ${(error as Error).message}`);
  }
  const robust = rt.newActorAddress();
  const { id, existing } = mapAddresses(rt, robust, delegated);
  if (existing) {
    const existingCode = rt.getActorCodeCid(id);
    if (!existingCode) throw new ActorError(ExitCode.USR_FORBIDDEN, 'cannot redeploy a deleted actor');
    if (rt.builtinActorType(existingCode) !== ActorType.Placeholder) {
      throw new ActorError(ExitCode.USR_FORBIDDEN, `cannot replace an existing non-placeholder actor with code ${existingCode}`);
    }
  }
  rt.createActor(code, id, delegated);
  extractSendResult(await rt.send(Address.newId(id), METHOD_CONSTRUCTOR, { codec: CBOR, data: constructorParams }, rt.valueReceived), 'constructor failed');
  return cborBlock([Address.newId(id).bytes, robust.bytes]);
}

/** Maps the f4 (reusing its id if mapped) and the new f2 to one id (BA `map_addresses_to_id`). */
function mapAddresses(rt: Runtime, robust: Address, delegated: Address): { id: bigint; existing: boolean } {
  const state = readInitState(rt.store, rt.getStateRoot());
  const map = Hamt.load(rt.store, state.addressMap, { bitWidth: INIT_HAMT_BIT_WIDTH });
  let nextId = state.nextId;
  const known = map.get(delegated.bytes);
  let id: bigint;
  const existing = known !== undefined;
  if (existing) {
    id = BigInt(known as number | bigint);
  } else {
    id = nextId++;
    map.set(delegated.bytes, id);
  }
  if (map.get(robust.bytes) !== undefined) throw new ActorError(ExitCode.USR_FORBIDDEN, `robust address ${robust} is already allocated`);
  map.set(robust.bytes, id);
  rt.setStateRoot(putInitState(rt.store, { ...state, addressMap: map.flush(), nextId }));
  return { id, existing };
}

