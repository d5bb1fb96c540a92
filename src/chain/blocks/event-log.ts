// Which actor events are Ethereum logs (FEVM-FACTS §7.5; LOTUS:eth_types.go `EthLogFromEvent`): every
// entry raw (codec 0x55), keys t1..t4 of 32 bytes each without gaps or repeats, at most one `d`; other
// keys are ignored. Anything else is not a log.

import { IPLD_RAW, type ActorEvent } from '../../vm/index.ts';

export function eventToLog(event: ActorEvent): { topics: Uint8Array[]; data: Uint8Array } | undefined {
  const topics: (Uint8Array | undefined)[] = [];
  let data: Uint8Array | undefined;
  for (const entry of event) {
    if (entry.codec !== IPLD_RAW) return undefined;
    if (entry.key === 'd') {
      if (data) return undefined;
      data = entry.value;
      continue;
    }
    const match = /^t([1-4])$/.exec(entry.key);
    if (!match) continue;
    const i = Number(match[1]) - 1;
    if (topics[i] || entry.value.length !== 32) return undefined;
    topics[i] = entry.value;
  }
  for (let i = 0; i < topics.length; i++) if (!topics[i]) return undefined;
  return { topics: topics as Uint8Array[], data: data ?? new Uint8Array(0) };
}
