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

export function encodeTipsetLogs({ blockHash, bloom, events, txHash }: TipsetLogsInput): Uint8Array {
  if (blockHash.length !== 32 || bloom.length !== 256) throw new FatalError('a tipset\'s logs need a 32-byte block hash and a 256-byte bloom');
  let size = HEADER;
  for (const e of events) size += 4 + 1 + 32 + 20 + 1 + 32 * e.topics.length + 4 + e.data.length;
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
    out[at + 4] = hash ? 1 : 0;
    if (hash) out.set(hash, at + 5);
    out.set(e.address, at + 37);
    out[at + 57] = e.topics.length;
    at += 58;
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

/** A stored value read lazily: the header at once, the logs when asked. Views share the value's bytes. */
export class TipsetLogs {
  private readonly bytes: Uint8Array;
  readonly blockHash: Uint8Array;
  readonly bloom: Uint8Array;
  readonly count: number;

  constructor(bytes: Uint8Array) {
    if (bytes.length < HEADER || bytes[0] !== VERSION) throw new FatalError(`malformed stored logs (version ${bytes[0]}, ${bytes.length} bytes)`);
    this.bytes = bytes;
    this.blockHash = bytes.subarray(1, BLOOM_AT);
    this.bloom = bytes.subarray(BLOOM_AT, BLOOM_AT + 256);
    this.count = readU32(bytes, BLOOM_AT + 256);
  }

  /** The logs, in log order; `keep` sees address and topics before the rest is read. */
  logs(keep?: (address: Uint8Array, topics: Uint8Array[]) => boolean): TipsetLog[] {
    const b = this.bytes;
    const out: TipsetLog[] = [];
    let at = HEADER;
    for (let logIndex = 0; logIndex < this.count; logIndex++) {
      const start = at;
      const topics: Uint8Array[] = [];
      at += 58;
      for (let i = 0; i < b[start + 57]!; i++, at += 32) topics.push(b.subarray(at, at + 32));
      const dataLength = readU32(b, at);
      at += 4 + dataLength;
      if (at > b.length) throw new FatalError('malformed stored logs (truncated)');
      const address = b.subarray(start + 37, start + 57);
      if (keep && !keep(address, topics)) continue;
      out.push({
        logIndex,
        messageIndex: readU32(b, start),
        txHash: b[start + 4] === 1 ? b.subarray(start + 5, start + 37) : undefined,
        address,
        topics,
        data: b.subarray(at - dataLength, at),
      });
    }
    return out;
  }
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}
