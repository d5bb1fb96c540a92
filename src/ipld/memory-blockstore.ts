// A Blockstore held in a Map: for `--memory` devnets, tests and scratch state.

import type { CID } from 'multiformats/cid';
import { cidKey, type Block, type Blockstore } from './blockstore.ts';

export class MemoryBlockstore implements Blockstore {
  private readonly blocks = new Map<string, Uint8Array>();

  get(cid: CID): Uint8Array | undefined {
    return this.blocks.get(cidKey(cid));
  }

  has(cid: CID): boolean {
    return this.blocks.has(cidKey(cid));
  }

  put(cid: CID, bytes: Uint8Array): void {
    this.blocks.set(cidKey(cid), bytes);
  }

  putMany(blocks: Iterable<Block>): void {
    // Collect first: a failing iterator must leave the store untouched (all or nothing).
    const all = [...blocks];
    for (const { cid, bytes } of all) this.blocks.set(cidKey(cid), bytes);
  }

  get size(): number {
    return this.blocks.size;
  }
}
