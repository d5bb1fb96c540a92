// The Ethereum account actor (BA:actors/ethaccount; FEVM-FACTS §6.1): an f410 account that has sent a
// message. No state. Constructor only from the system actor; any exported method (≥ 2^24) succeeds with
// no data, so contracts can send it value; other methods are unhandled.

import { FIRST_EXPORTED_METHOD_NUMBER } from '../../primitives/index.ts';
import { ActorType, METHOD_CONSTRUCTOR, SYSTEM_ACTOR_ID, type ActorCode } from '../../vm/index.ts';
import { requireCallerId, unhandled } from '../caller-checks.ts';

export const ethAccountActor: ActorCode = {
  name: 'ethaccount',
  type: ActorType.EthAccount,
  invoke(rt, method) {
    if (method === METHOD_CONSTRUCTOR) {
      requireCallerId(rt, SYSTEM_ACTOR_ID, 'EthAccount constructor');
      return null;
    }
    if (method >= FIRST_EXPORTED_METHOD_NUMBER) return null;
    return unhandled('ethaccount', method);
  },
};
