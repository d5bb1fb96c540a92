// A tipset's logs as the chain store keeps them: one value per tipset that has any, holding everything
// an Ethereum log shows that the tipset fixes (block hash, bloom, and per log its index, message index,
// transaction hash, emitter, topics, data), so eth_getLogs reads one value per tipset and formats it
// without decoding the tipset record, the messages or the actor events, and without hashing anything.
// Not owned here: which events become logs (chain.ts), how logs become JSON (eth/log-json.ts).
//
// Layout (version 1, big-endian):
//   u8 version | 32 block hash | 256 bloom | u32 count | count × log
//   log = u32 message index | u8 flags (bit 0: tx hash known) | 32 tx hash (zero if unknown)
//         | 20 address | u8 topic count | 32 × topic | u32 data length | data
// The log index is the log's position. A transaction hash is unknown when the message did not come as
// an Ethereum transaction through this node (the reader derives it from the message then).

import { FatalError } from '../../primitives/index.ts';

const VERSION = 1;
const HEADER = 1 + 32 + 256 + 4;
const BLOOM_AT = 33;
/** Offsets within a log. */
const HASH_FLAG = 4;
const HASH = 5;
const ADDRESS = 37;
const TOPIC_COUNT = 57;
const TOPICS = 58;

/** One event as the chain indexes it: a log of the tipset, before its place and hashes are added. */
export interface IndexedEvent {
  messageIndex: number;
  /** Emitter's Ethereum address (f410 or masked id). */
  address: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
}

/** One stored log: an indexed event with its place in the tipset and its transaction hash. */
export interface TipsetLog extends IndexedEvent {
  logIndex: number;
  /** Ethereum transaction hash of its message, or undefined when the store does not know it. */
  txHash: Uint8Array | undefined;
}

export interface TipsetLogsInput {
  blockHash: Uint8Array;
  bloom: Uint8Array;
  events: readonly IndexedEvent[];
  /** The transaction hash of a message by index, when known. */
  txHash: (messageIndex: number) => Uint8Array | undefined;
}

/** Which logs to select: an address among `addresses` (any if empty), topics by position (null: any; a list: one of). */
export interface LogSelection {
  addresses: readonly Uint8Array[];
  topics: readonly (readonly Uint8Array[] | null)[];
}

export function encodeTipsetLogs({ blockHash, bloom, events, txHash }: TipsetLogsInput): Uint8Array {
  if (blockHash.length !== 32 || bloom.length !== 256) throw new FatalError('a tipset\'s logs need a 32-byte block hash and a 256-byte bloom');
  let size = HEADER;
  for (const e of events) size += TOPICS + 32 * e.topics.length + 4 + e.data.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  out.set(blockHash, 1);
  out.set(bloom, BLOOM_AT);
  view.setUint32(BLOOM_AT + 256, events.length);
  let at = HEADER;
  for (const e of events) {
    if (e.address.length !== 20 || e.topics.length > 4 || e.topics.some((t) => t.length !== 32)) throw new FatalError('a log has a 20-byte address and at most four 32-byte topics');
    view.setUint32(at, e.messageIndex);
    const hash = txHash(e.messageIndex);
    out[at + HASH_FLAG] = hash ? 1 : 0;
    if (hash) out.set(hash, at + HASH);
    out.set(e.address, at + ADDRESS);
    out[at + TOPIC_COUNT] = e.topics.length;
    at += TOPICS;
    for (const t of e.topics) {
      out.set(t, at);
      at += 32;
    }
    view.setUint32(at, e.data.length);
    out.set(e.data, at + 4);
    at += 4 + e.data.length;
  }
  return out;
}

/**
 * A stored value, read lazily: the header at once, where each log starts when first asked, a log's
 * fields only when that log is wanted. Selecting compares addresses and topics in place, so a value
 * kept in memory is searched again without allocating. Views share the value's bytes.
 */
export class TipsetLogs {
  readonly bytes: Uint8Array;
  readonly blockHash: Uint8Array;
  readonly bloom: Uint8Array;
  readonly count: number;
  private starts: Uint32Array | undefined;

  constructor(bytes: Uint8Array) {
    if (bytes.length < HEADER || bytes[0] !== VERSION) throw new FatalError(`malformed stored logs (version ${bytes[0]}, ${bytes.length} bytes)`);
    this.bytes = bytes;
    this.blockHash = bytes.subarray(1, BLOOM_AT);
    this.bloom = bytes.subarray(BLOOM_AT, BLOOM_AT + 256);
    this.count = readU32(bytes, BLOOM_AT + 256);
  }

  /** The log indexes that `selection` selects, in log order. */
  select({ addresses, topics }: LogSelection): number[] {
    const b = this.bytes;
    const starts = this.logStarts();
    const out: number[] = [];
    logs: for (let i = 0; i < this.count; i++) {
      const at = starts[i]!;
      if (addresses.length > 0 && !anyAt(b, at + ADDRESS, addresses, 20)) continue;
      for (let position = 0; position < topics.length; position++) {
        const wanted = topics[position];
        if (!wanted || wanted.length === 0) continue;
        if (position >= b[at + TOPIC_COUNT]! || !anyAt(b, at + TOPICS + 32 * position, wanted, 32)) continue logs;
      }
      out.push(i);
    }
    return out;
  }

  /** Log `logIndex`, its fields as views of the value. */
  log(logIndex: number): TipsetLog {
    const b = this.bytes;
    const at = this.logStarts()[logIndex];
    if (at === undefined) throw new RangeError(`no log ${logIndex} in a tipset of ${this.count}`);
    const topics: Uint8Array[] = [];
    for (let i = 0, t = at + TOPICS; i < b[at + TOPIC_COUNT]!; i++, t += 32) topics.push(b.subarray(t, t + 32));
    const dataAt = at + TOPICS + 32 * topics.length;
    return {
      logIndex,
      messageIndex: readU32(b, at),
      txHash: b[at + HASH_FLAG] === 1 ? b.subarray(at + HASH, at + ADDRESS) : undefined,
      address: b.subarray(at + ADDRESS, at + TOPIC_COUNT),
      topics,
      data: b.subarray(dataAt + 4, dataAt + 4 + readU32(b, dataAt)),
    };
  }

  /** Every log, in log order. */
  logs(): TipsetLog[] {
    return Array.from({ length: this.count }, (_, i) => this.log(i));
  }

  private logStarts(): Uint32Array {
    if (this.starts) return this.starts;
    const b = this.bytes;
    const starts = new Uint32Array(this.count);
    let at = HEADER;
    for (let i = 0; i < this.count; i++) {
      starts[i] = at;
      at += TOPICS + 32 * b[at + TOPIC_COUNT]!;
      at += 4 + readU32(b, at);
      if (at > b.length) throw new FatalError('malformed stored logs (truncated)');
    }
    return (this.starts = starts);
  }
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** Whether one of `wanted` is `size` bytes that are the bytes of `b` at `at`. */
function anyAt(b: Uint8Array, at: number, wanted: readonly Uint8Array[], size: number): boolean {
  candidates: for (const w of wanted) {
    if (w.length !== size) continue;
    for (let i = 0; i < size; i++) if (b[at + i] !== w[i]) continue candidates;
    return true;
  }
  return false;
}
