// A Blockstore held in memory: for `--memory` devnets, tests and scratch state. Block bytes are copied
// into 1 MiB pages the store owns, and a Map says where each CID's bytes are; `get` answers a view into
// the page. A block kept as its own Uint8Array would cost about 200 bytes of objects and allocator
// overhead besides its bytes (blocks average ~600 bytes, 15 per ERC-20 transfer), and when it arrives as
// a view into a larger buffer (cborg's encodings are views into Node's shared allocation pool), keeping
// it would keep that whole buffer alive. What this does not do: forget blocks (no garbage collection,
// as in Lotus without a splitstore).

import type { CID } from 'multiformats/cid';
import { cidKey, ownedBytes, type Block, type Blockstore } from './blockstore.ts';

const PAGE_BITS = 20;
const PAGE_SIZE = 2 ** PAGE_BITS;
/** Blocks larger than this get a buffer of their own instead of a place in a page. */
const OWN_BUFFER_OVER = PAGE_SIZE / 4;
/** Page, offset and length packed in one number stay exact below 2^53: 2^13 pages (8 GiB). */
const MAX_PAGES = 2 ** (53 - 2 * PAGE_BITS);

export class MemoryBlockstore implements Blockstore {
  /** Where each block is: a packed page/offset/length, or its own bytes. */
  private readonly blocks = new Map<string, number | Uint8Array>();
  private readonly pages: Uint8Array[] = [];
  private free = 0;

  get(cid: CID): Uint8Array | undefined {
    const at = this.blocks.get(cidKey(cid));
    if (typeof at !== 'number') return at;
    const length = at % PAGE_SIZE;
    const rest = (at - length) / PAGE_SIZE;
    const offset = rest % PAGE_SIZE;
    return this.pages[(rest - offset) / PAGE_SIZE]!.subarray(offset, offset + length);
  }

  has(cid: CID): boolean {
    return this.blocks.has(cidKey(cid));
  }

  put(cid: CID, bytes: Uint8Array): void {
    const key = cidKey(cid);
    if (!this.blocks.has(key)) this.blocks.set(key, this.keep(bytes)); // same CID, same bytes
  }

  putMany(blocks: Iterable<Block>): void {
    // Collect first: a failing iterator must leave the store untouched (all or nothing).
    const all = [...blocks];
    for (const { cid, bytes } of all) this.put(cid, bytes);
  }

  get size(): number {
    return this.blocks.size;
  }

  /** Copies `bytes` into the current page (a new one when it does not fit) and answers where. */
  private keep(bytes: Uint8Array): number | Uint8Array {
    const length = bytes.byteLength;
    if (length > OWN_BUFFER_OVER) return ownedBytes(bytes);
    if (this.pages.length === 0 || this.free + length > PAGE_SIZE) {
      if (this.pages.length === MAX_PAGES) return ownedBytes(bytes);
      this.pages.push(new Uint8Array(PAGE_SIZE));
      this.free = 0;
    }
    const page = this.pages.length - 1;
    const offset = this.free;
    this.pages[page]!.set(bytes, offset);
    this.free += length;
    return (page * PAGE_SIZE + offset) * PAGE_SIZE + length;
  }
}
