// A write-back buffer over another Blockstore, like ref-fvm's BufferedBlockstore: state changes write
// here, reads see them at once, and `flush` hands every new block to the base store in one atomic
// `putMany` (one LMDB transaction per tipset instead of one per block). `discard` drops them.

import type { CID } from 'multiformats/cid';
import { cidKey, type Block, type Blockstore } from './blockstore.ts';

export class BufferedBlockstore implements Blockstore {
  private pending = new Map<string, Block>();
  readonly base: Blockstore;

  constructor(base: Blockstore) {
    this.base = base;
  }

  get(cid: CID): Uint8Array | undefined {
    return this.pending.get(cidKey(cid))?.bytes ?? this.base.get(cid);
  }

  has(cid: CID): boolean {
    return this.pending.has(cidKey(cid)) || this.base.has(cid);
  }

  put(cid: CID, bytes: Uint8Array): void {
    this.pending.set(cidKey(cid), { cid, bytes });
  }

  putMany(blocks: Iterable<Block>): void {
    const all = [...blocks]; // all or nothing, like the stores it buffers for
    for (const block of all) this.put(block.cid, block.bytes);
  }

  /** Number of blocks written since the last flush or discard. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Writes every buffered block to the base store atomically and empties the buffer. */
  flush(): void {
    if (this.pending.size === 0) return;
    this.base.putMany(this.pending.values());
    this.pending = new Map();
  }

  /** Forgets every buffered block. */
  discard(): void {
    this.pending = new Map();
  }
}
