// The builtin actor registry: code CID → actor code, handed to the VM (which never imports an actor).
// Actors whose logic is not built yet are registered as unimplemented so that their ids and names exist.

import type { CID } from '../ipld/index.ts';
import { ActorType, type ActorCode, type ActorRegistry } from '../vm/index.ts';
import { accountActor } from './account/account-actor.ts';
import { builtinCodeCid, MANIFEST_NAMES } from './builtin-codes.ts';
import { eamActor } from './eam/index.ts';
import { ethAccountActor } from './ethaccount/ethaccount-actor.ts';
import { evmActor } from './evm/evm-actor.ts';
import { initActor } from './init/init-actor.ts';
import { placeholderActor } from './placeholder/placeholder-actor.ts';
import { systemActor } from './system/system-actor.ts';
import { unimplementedActor } from './unimplemented/unimplemented-actor.ts';

const UNIMPLEMENTED: ActorType[] = [
  ActorType.Cron,
  ActorType.Power,
  ActorType.Miner,
  ActorType.Market,
  ActorType.PaymentChannel,
  ActorType.Multisig,
  ActorType.Reward,
  ActorType.VerifiedRegistry,
  ActorType.DataCap,
];

/** A registry of the builtin actors, plus `extra` ones (test actors). */
export function createBuiltinRegistry(extra: ActorCode[] = []): ActorRegistry {
  const actors: ActorCode[] = [systemActor, initActor, accountActor, placeholderActor, ethAccountActor, eamActor, evmActor, ...extra];
  for (const type of UNIMPLEMENTED) if (!actors.some((a) => a.type === type)) actors.push(unimplementedActor(MANIFEST_NAMES[type], type));
  const byCode = new Map<string, ActorCode>(actors.map((a) => [builtinCodeCid(a.type).toString(), a]));
  const typeByCode = new Map<string, ActorType>(
    (Object.keys(MANIFEST_NAMES).map(Number) as ActorType[]).map((t) => [builtinCodeCid(t).toString(), t]),
  );
  return {
    get: (code: CID) => byCode.get(code.toString()),
    codeCid: (type: ActorType) => builtinCodeCid(type),
    typeOf: (code: CID) => typeByCode.get(code.toString()),
  };
}
