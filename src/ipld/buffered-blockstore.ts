// A write-back buffer over another Blockstore, like ref-fvm's BufferedBlockstore: state changes write
// here, reads see them at once, and `flush` hands every new block to the base store in one atomic
// `putMany` (one LMDB transaction per tipset instead of one per block). `discard` drops them, and
// `keepReachable` drops those no root reaches: the states between messages, as ref-fvm's
// `flush(root)` writes only the DAG under the tipset's roots.

import type { CID } from 'multiformats/cid';
import { DAG_CBOR } from './block.ts';
import { cidKey, type Block, type Blockstore } from './blockstore.ts';
import { forEachCborLink } from './cbor-links.ts';

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

  /**
   * Forgets the buffered blocks that no root reaches through buffered blocks (what is already in the
   * base store ends the walk); answers how many were dropped.
   */
  keepReachable(roots: readonly CID[]): number {
    const kept = new Map<string, Block>();
    const stack: Uint8Array[] = roots.map((cid) => cid.bytes);
    while (stack.length > 0) {
      const bytes = stack.pop()!;
      const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      if (kept.has(key)) continue;
      const block = this.pending.get(key);
      if (!block) continue;
      kept.set(key, block);
      if (block.cid.code === DAG_CBOR) forEachCborLink(block.bytes, (link) => stack.push(link));
    }
    const dropped = this.pending.size - kept.size;
    this.pending = kept;
    return dropped;
  }

  /** Forgets every buffered block. */
  discard(): void {
    this.pending = new Map();
  }
}
