// Which layout a store keeps its logs in, and the conversion of the earlier one. Layout 1 is one value
// per tipset with logs (tipset-logs.ts) in the `tipset-logs` table. Before it (no layout mark), a data
// folder kept one CBOR row per event (`events`, keyed by height and log index: message index, address,
// topics, data) and a bloom per tipset (`blooms`); such a folder is converted the first time it is
// opened, in one transaction, and a folder marked with a layout newer than this code stops the node.

import { decodeCbor } from '../../ipld/index.ts';
import { FatalError } from '../../primitives/index.ts';
import { readU64, u64 } from './height-key.ts';
import type { KvStore, KvTable } from './kv.ts';
import { encodeTipsetLogs, type IndexedEvent } from './tipset-logs.ts';
import type { TipsetRecord } from './tipset-record.ts';

export const LOGS_LAYOUT = 1;
const LAYOUT_KEY = new TextEncoder().encode('logs-layout');
const HEAD_KEY = new TextEncoder().encode('head');
const ALL = [new Uint8Array(0), new Uint8Array(64).fill(0xff)] as const;

/** The table of tipset logs, after converting a data folder of the earlier layout if it is one. */
export function openLogsTable(kv: KvStore, recordAt: (height: number) => TipsetRecord | undefined): KvTable {
  const meta = kv.table('meta');
  const logs = kv.table('tipset-logs');
  const mark = meta.get(LAYOUT_KEY);
  if (mark !== undefined) {
    const layout = readU64(mark);
    if (layout !== LOGS_LAYOUT) throw new FatalError(`the data folder keeps its logs in layout ${layout}, which this fevm-devnet does not read (it reads layout ${LOGS_LAYOUT}): use the fevm-devnet that wrote it, or a new data folder`);
    return logs;
  }
  kv.transaction(() => {
    if (meta.get(HEAD_KEY) !== undefined) convertEventRows(kv, logs, recordAt);
    meta.put(LAYOUT_KEY, u64(LOGS_LAYOUT));
  });
  return logs;
}

/** Rewrites the `events` and `blooms` rows of every stored tipset as its logs value, and drops them. */
function convertEventRows(kv: KvStore, logs: KvTable, recordAt: (height: number) => TipsetRecord | undefined): void {
  const events = kv.table('events');
  const blooms = kv.table('blooms');
  const hashes = new Map<string, Uint8Array>();
  for (const [hash, cid] of kv.table('eth-tx-hashes').range(...ALL)) hashes.set(Buffer.from(cid).toString('hex'), hash);
  const byHeight = new Map<number, IndexedEvent[]>();
  const eventKeys: Uint8Array[] = [];
  for (const [key, value] of events.range(...ALL)) {
    eventKeys.push(key);
    const [messageIndex, address, topics, data] = decodeCbor<[number, Uint8Array, Uint8Array[], Uint8Array]>(value);
    const height = readU64(key);
    let list = byHeight.get(height);
    if (!list) byHeight.set(height, (list = []));
    list.push({ messageIndex, address, topics, data }); // keys sort by log index within a height
  }
  const bloomRows = [...blooms.range(...ALL)];
  for (const [key, bloom] of bloomRows) {
    const height = readU64(key);
    const list = byHeight.get(height) ?? [];
    if (list.length === 0 && bloom.every((b) => b === 0)) continue;
    const record = recordAt(height);
    if (!record) continue; // a null round's rows, left before an evm_revert, belong to no tipset
    const txHash = (index: number) => hashes.get(Buffer.from(record.messages[index]!.bytes).toString('hex'));
    logs.put(key, encodeTipsetLogs({ blockHash: record.key.multihash.digest, bloom, events: list, txHash }));
  }
  for (const key of eventKeys) events.delete(key);
  for (const [key] of bloomRows) blooms.delete(key);
}
