// Filecoin.GetActorEventsRaw (FIP-0049; LOTUS:api/api_full.go): the raw actor events of a height range,
// optionally only from some emitters and with some entry values, in Lotus's JSON: entries with Flags,
// Key, Codec and base64 Value; the emitter as an f0 address; height, tipset key and message CID.

import { Amt, type CID } from '../ipld/index.ts';
import { Address, Protocol, parseAddress } from '../primitives/index.ts';
import { RpcError } from '../rpc/index.ts';
import { EVENTS_AMT_BIT_WIDTH } from '../vm/index.ts';
import type { ChainView } from './chain-view.ts';

/** Lotus caps a query at 10,000 epochs by default. */
const MAX_RANGE = 10_000;

interface FieldMatch {
  codec: number;
  value: string;
}

export interface ActorEventFilter {
  addresses?: string[];
  fields?: Record<string, FieldMatch[]>;
  fromHeight?: number;
  toHeight?: number;
}

const link = (cid: CID) => ({ '/': cid.toString() });

export function getActorEventsRaw(view: ChainView, raw: unknown): unknown[] {
  const filter = (raw ?? {}) as ActorEventFilter;
  const head = view.head().height;
  const from = filter.fromHeight ?? head;
  const to = filter.toHeight ?? head;
  if (to - from + 1 > MAX_RANGE) throw new RpcError(-32000, `height range of ${to - from + 1} is over the limit of ${MAX_RANGE}`);
  const tree = view.tree(view.head());
  const emitters = filter.addresses?.map((text) => {
    const address = parseAddress(text).address;
    return address.protocol === Protocol.ID ? address.id : tree.lookupId(address);
  });
  const out: unknown[] = [];
  for (let height = Math.max(0, from); height <= Math.min(to, head); height++) {
    const record = view.node.chain.store.atHeight(height);
    if (!record) continue;
    record.messages.forEach((msgCid, index) => {
      const receipt = view.receipt(record, index);
      if (!receipt.eventsRoot) return;
      for (const [, stamped] of Amt.load(view.store, receipt.eventsRoot, { bitWidth: EVENTS_AMT_BIT_WIDTH }).entries()) {
        const [emitter, entries] = stamped as [number | bigint, [number, string, number, Uint8Array][]];
        const id = BigInt(emitter);
        if (emitters && !emitters.includes(id)) continue;
        if (filter.fields && !matches(entries, filter.fields)) continue;
        out.push({
          entries: entries.map(([flags, key, codec, value]) => ({ Flags: flags, Key: key, Codec: codec, Value: Buffer.from(value).toString('base64') })),
          emitter: Address.newId(id).toString('t'),
          reverted: false,
          height,
          tipsetKey: record.blocks.map(link),
          msgCid: link(msgCid),
        });
      }
    });
  }
  return out;
}

function matches(entries: [number, string, number, Uint8Array][], fields: Record<string, FieldMatch[]>): boolean {
  return Object.entries(fields).every(([key, wanted]) =>
    entries.some(([, k, codec, value]) => k === key && wanted.some((w) => w.codec === codec && Buffer.from(value).toString('base64') === w.value)),
  );
}
