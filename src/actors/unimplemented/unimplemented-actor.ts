// Builtin actors that exist at their ids with their manifest names but whose logic this devnet does not
// have yet (reward, cron, power, market, verified registry, datacap, miner): every method answers
// USR_UNHANDLED_MESSAGE, so a caller learns at once that the method is not there.

import { type ActorCode, type ActorType } from '../../vm/index.ts';
import { unhandled } from '../caller-checks.ts';

export function unimplementedActor(name: string, type: ActorType): ActorCode {
  return {
    name,
    type,
    invoke(_rt, method) {
      return unhandled(name, method);
    },
  };
}
