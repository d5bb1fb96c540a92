// The chain on disk: blocks in the blockstore, and in key-value tables of the same environment the
// tipset records by height, the indexes the Ethereum view needs (eth block hash → height, eth tx hash →
// message CID, message CID → height and index, events by height with a bloom per tipset) and the head.
// `commit` writes a sealed tipset's blocks, records, indexes and the new head in one transaction, so a
// node killed at any moment restarts on a head whose every receipt is there.

import { CID, decodeCbor, encodeCbor, type BufferedBlockstore, type Blockstore } from '../../ipld/index.ts';
import { bytesEqual } from '../../primitives/index.ts';
import type { KvStore, KvTable } from './kv.ts';
import { decodeTipsetRecord, encodeTipsetRecord, type TipsetRecord } from './tipset-record.ts';

/** One event as the log index keeps it. */
export interface IndexedEvent {
  messageIndex: number;
  /** Emitter's Ethereum address (f410 or masked id). */
  address: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
}

export interface SealedTipset {
  record: TipsetRecord;
  /** Eth tx hash of each Ethereum (delegated) message, by its CID. */
  ethTxHashes: { hash: Uint8Array; cid: CID }[];
  events: IndexedEvent[];
  bloom: Uint8Array;
}

const u64 = (n: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
};
const readU64 = (b: Uint8Array) => Number(new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0));
const HEAD = new TextEncoder().encode('head');

export class ChainStore {
  readonly blocks: Blockstore;
  private readonly kv: KvStore;
  private readonly tipsets: KvTable;
  private readonly byHash: KvTable;
  private readonly txs: KvTable;
  private readonly locations: KvTable;
  private readonly events: KvTable;
  private readonly blooms: KvTable;
  private readonly meta: KvTable;
  private cachedHead: TipsetRecord | undefined;

  constructor(blocks: Blockstore, kv: KvStore) {
    this.blocks = blocks;
    this.kv = kv;
    this.tipsets = kv.table('tipsets');
    this.byHash = kv.table('tipset-by-eth-hash');
    this.txs = kv.table('eth-tx-hashes');
    this.locations = kv.table('message-locations');
    this.events = kv.table('events');
    this.blooms = kv.table('blooms');
    this.meta = kv.table('meta');
  }

  head(): TipsetRecord | undefined {
    if (this.cachedHead) return this.cachedHead;
    const height = this.meta.get(HEAD);
    return (this.cachedHead = height === undefined ? undefined : this.recordAt(readU64(height)));
  }

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

  bloom(height: number): Uint8Array | undefined {
    return this.atHeight(height) ? this.blooms.get(u64(height)) : undefined;
  }

  /** Makes `record` (an earlier head, with its state) the head again (evm_revert). */
  resetHead(record: TipsetRecord): void {
    this.kv.transaction(() => {
      this.tipsets.put(u64(record.height), encodeTipsetRecord(record));
      this.meta.put(HEAD, u64(record.height));
    });
    this.cachedHead = record;
  }

  /** Events of tipsets in [from, to], in order (height, message, event). */
  *eventsBetween(from: number, to: number): Iterable<IndexedEvent & { height: number; logIndex: number }> {
    const top = Math.min(to, this.head()?.height ?? -1);
    if (top < from) return;
    for (const [key, value] of this.events.range(u64(from), u64(top + 1))) {
      const [messageIndex, address, topics, data] = decodeCbor<[number, Uint8Array, Uint8Array[], Uint8Array]>(value);
      const height = readU64(key);
      const logIndex = new DataView(key.buffer, key.byteOffset + 8, 4).getUint32(0);
      yield { height, logIndex, messageIndex, address, topics, data };
    }
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
    this.kv.transaction(() => {
      buffered.flush();
      // Null rounds before this tipset: no record may stay there from before an evm_revert.
      for (let h = previous + 1; h < record.height; h++) this.tipsets.delete(u64(h));
      // A height sealed again after evm_revert: the earlier tipset's events go.
      this.deleteEvents(record.height, record.height);
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
    this.kv.transaction(() => {
      buffered.flush();
      for (let h = 0; h <= top; h++) {
        this.tipsets.delete(u64(h));
        this.blooms.delete(u64(h));
      }
      this.deleteEvents(0, top);
      for (const sealed of tipsets) this.writeTipset(sealed);
      this.meta.put(HEAD, u64(head.height));
    });
    this.cachedHead = head;
  }

  /** Events of the tipset at `height` as indexed, in log order. */
  eventsAt(height: number): IndexedEvent[] {
    return [...this.eventsBetween(height, height)].map(({ messageIndex, address, topics, data }) => ({ messageIndex, address, topics, data }));
  }

  private deleteEvents(from: number, to: number): void {
    for (const [key] of [...this.events.range(u64(from), u64(to + 1))]) this.events.delete(key);
  }

  private writeTipset(sealed: SealedTipset): void {
    const { record } = sealed;
    this.tipsets.put(u64(record.height), encodeTipsetRecord(record));
    this.byHash.put(record.key.multihash.digest, u64(record.height));
    record.messages.forEach((cid, index) => this.locations.put(cid.bytes, encodeCbor([record.height, index])));
    for (const { hash, cid } of sealed.ethTxHashes) this.txs.put(hash, cid.bytes);
    sealed.events.forEach((e, logIndex) => {
      const key = new Uint8Array(12);
      key.set(u64(record.height));
      new DataView(key.buffer).setUint32(8, logIndex);
      this.events.put(key, encodeCbor([e.messageIndex, e.address, e.topics, e.data]));
    });
    this.blooms.put(u64(record.height), sealed.bloom);
  }
}
