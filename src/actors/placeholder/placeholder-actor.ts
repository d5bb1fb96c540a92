// The placeholder actor (BA:actors/placeholder; FEVM-FACTS §6.1): what an f410 address is before it sends
// a message or a contract is deployed there. It has no state and no code: every method succeeds with
// no return value, so value sent to it is simply kept.

import { ActorType, type ActorCode } from '../../vm/index.ts';

export const placeholderActor: ActorCode = {
  name: 'placeholder',
  type: ActorType.Placeholder,
  invoke() {
    return null;
  },
};
