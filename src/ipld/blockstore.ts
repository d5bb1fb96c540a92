// The `Blockstore` boundary: everything above stores its IPLD blocks through these four methods.
// Synchronous on purpose: LMDB reads are memory-mapped and synchronous, and the data structures above
// (HAMT, KAMT, AMT) stay simple and fast without a promise per node. Writes that must land together go
// through `putMany`, which is atomic. Implementations: memory, LMDB, and a write-back buffer.

import type { CID } from 'multiformats/cid';

export interface Block {
  cid: CID;
  bytes: Uint8Array;
}

export interface Blockstore {
  get(cid: CID): Uint8Array | undefined;
  has(cid: CID): boolean;
  put(cid: CID, bytes: Uint8Array): void;
  /** Writes every block or none. */
  putMany(blocks: Iterable<Block>): void;
}

/** A compact Map key for a CID: its binary form as a latin1 string (no base32 work on the hot path). */
export function cidKey(cid: CID): string {
  return Buffer.from(cid.bytes.buffer, cid.bytes.byteOffset, cid.bytes.byteLength).toString('latin1');
}

/**
 * `bytes` as a store can keep it for the node's lifetime: itself when it owns its whole buffer, else a
 * copy. Small Buffers (cborg's encodings, `Buffer.from`) are views into Node's shared allocation pool
 * (64 KiB slabs on Node 24), and keeping one view keeps its whole slab alive: an in-memory chain held
 * about 20 KB of slabs per ERC-20 transfer that way.
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}
