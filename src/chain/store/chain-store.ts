// The chain on disk: blocks in the blockstore, and in key-value tables of the same environment the
// tipset records by height, the indexes the Ethereum view needs (eth block hash → height, eth tx hash →
// message CID, message CID → height and index, the logs of each tipset that has any, with its bloom, as
// one value by height: tipset-logs.ts, read through stored-logs.ts) and the head. `commit` writes a
// sealed tipset's blocks, records, indexes and the new head in one transaction, so a node killed at any
// moment restarts on a head whose every receipt is there. Data folders of the earlier layout (events
// and blooms tables) are converted when opened (logs-layout.ts).

import { CID, decodeCbor, encodeCbor, type BufferedBlockstore, type Blockstore } from '../../ipld/index.ts';
import { LOGS_BLOOM_BYTES, bytesEqual } from '../../primitives/index.ts';
import type { KvStore, KvTable } from './kv.ts';
import { openLogsTable } from './logs-layout.ts';
import { readU64, u64 } from './height-key.ts';
import { StoredLogs } from './stored-logs.ts';
import { encodeTipsetLogs, type IndexedEvent, type TipsetLogs } from './tipset-logs.ts';
import { decodeTipsetRecord, encodeTipsetRecord, type TipsetRecord } from './tipset-record.ts';

export type { IndexedEvent } from './tipset-logs.ts';

export interface SealedTipset {
  record: TipsetRecord;
  /** Eth tx hash of each Ethereum (delegated) message, by its CID. */
  ethTxHashes: { hash: Uint8Array; cid: CID }[];
  events: IndexedEvent[];
  bloom: Uint8Array;
}

const HEAD = new TextEncoder().encode('head');

export class ChainStore {
  readonly blocks: Blockstore;
  private readonly kv: KvStore;
  private readonly tipsets: KvTable;
  private readonly byHash: KvTable;
  private readonly txs: KvTable;
  private readonly locations: KvTable;
  private readonly logs: StoredLogs;
  private readonly meta: KvTable;
  private cachedHead: TipsetRecord | undefined;

  constructor(blocks: Blockstore, kv: KvStore) {
    this.blocks = blocks;
    this.kv = kv;
    this.tipsets = kv.table('tipsets');
    this.byHash = kv.table('tipset-by-eth-hash');
    this.txs = kv.table('eth-tx-hashes');
    this.locations = kv.table('message-locations');
    this.meta = kv.table('meta');
    this.logs = new StoredLogs(openLogsTable(kv, (height) => this.recordAt(height)));
  }

  head(): TipsetRecord | undefined {
    if (this.cachedHead) return this.cachedHead;
    const height = this.meta.get(HEAD);
    return (this.cachedHead = height === undefined ? undefined : this.recordAt(readU64(height)));
  }

  /** The record stored at `height`, head or not. */
  private recordAt(height: number): TipsetRecord | undefined {
    const bytes = this.tipsets.get(u64(height));
    return bytes && decodeTipsetRecord(bytes);
  }

  /**
   * The tipset at `height`, or undefined for a null round or a height not reached. Records and index
   * entries above the head (left by evm_revert) are not answered.
   */
  atHeight(height: number): TipsetRecord | undefined {
    const head = this.head();
    if (!head || height > head.height) return undefined;
    return this.recordAt(height);
  }

  byEthHash(hash: Uint8Array): TipsetRecord | undefined {
    const height = this.byHash.get(hash);
    const record = height && this.atHeight(readU64(height));
    return record && bytesEqual(record.key.multihash.digest, hash) ? record : undefined;
  }

  messageByEthTxHash(hash: Uint8Array): CID | undefined {
    const bytes = this.txs.get(hash);
    const cid = bytes && CID.decode(bytes);
    return cid && this.messageLocation(cid) ? cid : undefined;
  }

  messageLocation(cid: CID): { height: number; index: number } | undefined {
    const bytes = this.locations.get(cid.bytes);
    if (!bytes) return undefined;
    const [height, index] = decodeCbor<[number, number]>(bytes);
    return this.atHeight(height)?.messages[index]?.equals(cid) ? { height, index } : undefined;
  }

  /** The tipset's logs bloom (all zero for a tipset without logs), or undefined where there is none. */
  bloom(height: number): Uint8Array | undefined {
    if (!this.atHeight(height)) return undefined;
    return this.logsAt(height)?.bloom.slice() ?? new Uint8Array(LOGS_BLOOM_BYTES);
  }

  /** The stored logs of the tipset at `height`, or undefined if it has none (or there is no tipset). */
  logsAt(height: number): TipsetLogs | undefined {
    const head = this.head();
    if (!head || height > head.height) return undefined;
    return this.logs.get(height);
  }

  /**
   * The tipsets in [from, to] that have logs, in height order (kept in memory once read: stored-logs.ts).
   * Null rounds hold none (commit clears them), and heights above the head are not answered.
   */
  logsBetween(from: number, to: number): Iterable<{ height: number; logs: TipsetLogs }> {
    return this.logs.between(from, Math.min(to, this.head()?.height ?? -1));
  }

  /** Makes `record` (an earlier head, with its state) the head again (evm_revert). */
  resetHead(record: TipsetRecord): void {
    this.kv.transaction(() => {
      this.tipsets.put(u64(record.height), encodeTipsetRecord(record));
      this.meta.put(HEAD, u64(record.height));
    });
    this.cachedHead = record;
  }

  /** Replaces the head's record (its state edited in place by a development method), with new blocks. */
  replaceHead(record: TipsetRecord, buffered: BufferedBlockstore): void {
    this.kv.transaction(() => {
      buffered.flush();
      this.tipsets.put(u64(record.height), encodeTipsetRecord(record));
    });
    this.cachedHead = record;
  }

  /** Writes the blocks buffered for a tipset, its record, indexes and the new head, all or nothing. */
  commit(sealed: SealedTipset, buffered: BufferedBlockstore): void {
    const { record } = sealed;
    const previous = this.head()?.height ?? -1;
    this.writeLogsToo(() => {
      buffered.flush();
      // Null rounds before this tipset: no record or logs may stay there from before an evm_revert,
      // nor the earlier logs of a height sealed again.
      for (let h = previous + 1; h < record.height; h++) this.tipsets.delete(u64(h));
      this.logs.deleteBetween(previous + 1, record.height);
      this.writeTipset(sealed);
      this.meta.put(HEAD, u64(record.height));
    });
    this.cachedHead = record;
  }

  /**
   * Replaces the whole chain with `tipsets` (genesis first, heights increasing; a state file being
   * loaded), all or nothing: every record and event of the chain here up to the new head goes, and
   * records above it stay hidden as after evm_revert until those heights are sealed anew.
   */
  replaceChain(tipsets: readonly SealedTipset[], buffered: BufferedBlockstore): void {
    const head = tipsets.at(-1)?.record;
    if (!head || tipsets[0]!.record.height !== 0) throw new RangeError('a chain starts at its genesis tipset');
    const top = Math.max(head.height, this.head()?.height ?? 0);
    this.writeLogsToo(() => {
      buffered.flush();
      for (let h = 0; h <= top; h++) this.tipsets.delete(u64(h));
      this.logs.deleteBetween(0, top);
      for (const sealed of tipsets) this.writeTipset(sealed);
      this.meta.put(HEAD, u64(head.height));
    });
    this.cachedHead = head;
  }

  /** Events of the tipset at `height` as indexed, in log order. */
  eventsAt(height: number): IndexedEvent[] {
    return (this.logsAt(height)?.logs() ?? []).map(({ messageIndex, address, topics, data }) => ({ messageIndex, address, topics, data }));
  }

  /** One transaction that writes logs: what memory keeps of them follows only if it commits. */
  private writeLogsToo(fn: () => void): void {
    try {
      this.kv.transaction(fn);
    } catch (error) {
      this.logs.forget();
      throw error;
    }
    this.logs.settle();
  }

  private writeTipset(sealed: SealedTipset): void {
    const { record } = sealed;
    this.tipsets.put(u64(record.height), encodeTipsetRecord(record));
    this.byHash.put(record.key.multihash.digest, u64(record.height));
    record.messages.forEach((cid, index) => this.locations.put(cid.bytes, encodeCbor([record.height, index])));
    for (const { hash, cid } of sealed.ethTxHashes) this.txs.put(hash, cid.bytes);
    if (sealed.events.length === 0 && sealed.bloom.every((b) => b === 0)) return;
    const known = new Map(sealed.ethTxHashes.map(({ hash, cid }) => [cid.toString(), hash]));
    const txHash = (index: number) => known.get(record.messages[index]!.toString());
    this.logs.put(record.height, encodeTipsetLogs({ blockHash: record.key.multihash.digest, bloom: sealed.bloom, events: sealed.events, txHash }));
  }
}
