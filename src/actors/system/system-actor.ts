// The system actor (f00; BA:actors/system): its state `[builtin_actors]` points at the manifest's list of
// `[name, code CID]`; it has no methods a message may call besides the constructor genesis would run.

import { ActorType, type ActorCode } from '../../vm/index.ts';
import { unhandled } from '../caller-checks.ts';

export const systemActor: ActorCode = {
  name: 'system',
  type: ActorType.System,
  invoke(_rt, method) {
    return unhandled('system', method);
  },
};
