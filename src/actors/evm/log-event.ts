// LOG0..LOG4 as actor events (FEVM-FACTS §4.6; BA:actors/evm/src/interpreter/instructions/log_event.rs):
// one entry per topic (keys t1..t4, the 32-byte topic as value), then `d` with the data only if it is
// non-empty; every entry indexed (flags 0x03) and raw (codec 0x55).

import { EVENT_FLAG_INDEXED_KEY, EVENT_FLAG_INDEXED_VALUE, IPLD_RAW, type ActorEvent } from '../../vm/index.ts';

const FLAGS = EVENT_FLAG_INDEXED_KEY | EVENT_FLAG_INDEXED_VALUE;

export function logToActorEvent(topics: Uint8Array[], data: Uint8Array): ActorEvent {
  if (topics.length > 4) throw new RangeError(`a LOG has at most 4 topics, got ${topics.length}`);
  const event: ActorEvent = topics.map((topic, i) => ({ flags: FLAGS, key: `t${i + 1}`, codec: IPLD_RAW, value: topic }));
  if (data.length > 0) event.push({ flags: FLAGS, key: 'd', codec: IPLD_RAW, value: data });
  return event;
}
