// The blockstore actors see: every read and write is charged as the FVM charges block opens and block
// writes (FEVM-FACTS §4.7; FVM:fvm/src/gas/price_list.rs on_block_open / on_block_create + on_block_link).
// Links are counted by the dag-cbor pattern of a CID (tag 42, a byte string, the 0x00 prefix).

import { BoundedCache, type Block, type Blockstore, type CID } from '../ipld/index.ts';
import type { GasTracker } from './gas/gas-tracker.ts';
import { onBlockOpen, onBlockWrite } from './gas/price-list.ts';

export function countLinks(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 4 < bytes.length; i++) {
    if (bytes[i] === 0xd8 && bytes[i + 1] === 0x2a && bytes[i + 2] === 0x58 && bytes[i + 4] === 0x00) n++;
  }
  return n;
}

/** Link counts by CID: a block's bytes never change, so each is counted once (bounded: 16,384, ~2 MB). */
const linkCounts = new BoundedCache<number>(16_384);

function linksOf(cid: CID, bytes: Uint8Array): number {
  const key = cid.toString();
  let n = linkCounts.get(key);
  if (n === undefined) {
    n = countLinks(bytes);
    linkCounts.set(key, n);
  }
  return n;
}

export class ChargedBlockstore implements Blockstore {
  private readonly base: Blockstore;
  private readonly gas: GasTracker;

  constructor(base: Blockstore, gas: GasTracker) {
    this.base = base;
    this.gas = gas;
  }

  get(cid: CID): Uint8Array | undefined {
    const bytes = this.base.get(cid);
    if (bytes) this.gas.charge('OnBlockOpen', onBlockOpen(bytes.length, linksOf(cid, bytes)));
    return bytes;
  }

  has(cid: CID): boolean {
    return this.base.has(cid);
  }

  put(cid: CID, bytes: Uint8Array): void {
    this.gas.charge('OnBlockWrite', onBlockWrite(bytes.length, linksOf(cid, bytes)));
    this.base.put(cid, bytes);
  }

  putMany(blocks: Iterable<Block>): void {
    for (const { cid, bytes } of blocks) this.put(cid, bytes);
  }
}
