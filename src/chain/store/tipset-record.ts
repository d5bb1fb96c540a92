// What the node keeps for each tipset besides its blocks: the tipset key and block CIDs, the state and
// receipts after its own messages (eager execution), the message CIDs in execution order, the gas they
// used, and the base fee the next tipset pays. Stored as a CBOR tuple keyed by height.

import { CID, decodeCbor, encodeCbor } from '../../ipld/index.ts';
import { FatalError, bigintToBytes, bytesToBigint } from '../../primitives/index.ts';

export interface TipsetRecord {
  height: number;
  key: CID;
  blocks: CID[];
  timestamp: number;
  /** Base fee this tipset's messages paid (its blocks' ParentBaseFee). */
  baseFee: bigint;
  /** State after executing this tipset's messages. */
  stateRoot: CID;
  /** Receipts (legacy AMT) of this tipset's messages. */
  receipts: CID;
  messages: CID[];
  gasUsed: bigint;
  /** ParentBaseFee of the next tipset. */
  nextBaseFee: bigint;
}

export function encodeTipsetRecord(r: TipsetRecord): Uint8Array {
  return encodeCbor([r.height, r.key, r.blocks, r.timestamp, bigintToBytes(r.baseFee), r.stateRoot, r.receipts, r.messages, bigintToBytes(r.gasUsed), bigintToBytes(r.nextBaseFee)]);
}

export function decodeTipsetRecord(bytes: Uint8Array): TipsetRecord {
  const raw = decodeCbor<unknown[]>(bytes);
  if (!Array.isArray(raw) || raw.length !== 10) throw new FatalError('malformed tipset record');
  const [height, key, blocks, timestamp, baseFee, stateRoot, receipts, messages, gasUsed, nextBaseFee] = raw;
  const cid = (v: unknown) => CID.asCID(v) ?? fail();
  return {
    height: Number(height),
    key: cid(key),
    blocks: (blocks as unknown[]).map(cid),
    timestamp: Number(timestamp),
    baseFee: bytesToBigint(baseFee as Uint8Array),
    stateRoot: cid(stateRoot),
    receipts: cid(receipts),
    messages: (messages as unknown[]).map(cid),
    gasUsed: bytesToBigint(gasUsed as Uint8Array),
    nextBaseFee: bytesToBigint(nextBaseFee as Uint8Array),
  };
}

function fail(): never {
  throw new FatalError('malformed tipset record');
}
