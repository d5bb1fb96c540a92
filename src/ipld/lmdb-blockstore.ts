// A Blockstore in LMDB (npm `lmdb`): one environment per data folder, blocks in its `blocks` database
// keyed by CID bytes. Reads are synchronous and memory-mapped; `putMany` is one synchronous write
// transaction, so a tipset's blocks land together or not at all. Other layers (chain indexes) open
// their own databases in the same environment through `LmdbEnvironment.openDatabase`. Commits skip the
// fsync (noSync): they survive the process's crash and kill -9, not a power loss (docs/chain.md).

import { mkdirSync } from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { CID } from 'multiformats/cid';
import type { Block, Blockstore } from './blockstore.ts';

/**
 * Address space reserved for the memory map (64 GiB: address space, not memory; the file grows only as
 * data is written). lmdb's default map starts at 128 KiB and is mapped again at each growth while the
 * earlier maps stay, so the same file pages counted several times in the node's resident memory: 166 MB
 * of maps for a 73 MB data.mdb after 10,000 transfers. Past this size lmdb still grows the map itself.
 */
const MAP_SIZE = 64 * 1024 ** 3;

/** One LMDB environment (a data folder) shared by the blockstore and the indexes. */
export class LmdbEnvironment {
  readonly root: RootDatabase;

  private constructor(root: RootDatabase) {
    this.root = root;
  }

  static open(path: string): LmdbEnvironment {
    mkdirSync(path, { recursive: true });
    return new LmdbEnvironment(open({ path, compression: false, maxDbs: 16, noSync: true, mapSize: MAP_SIZE }));
  }

  openDatabase(name: string): Database<Uint8Array, Uint8Array> {
    return this.root.openDB<Uint8Array, Uint8Array>({ name, keyEncoding: 'binary', encoding: 'binary' });
  }

  /** Runs `fn` in one synchronous write transaction (nested calls join it). */
  transaction<T>(fn: () => T): T {
    return this.root.transactionSync(fn);
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}

export class LmdbBlockstore implements Blockstore {
  private readonly env: LmdbEnvironment;
  private readonly db: Database<Uint8Array, Uint8Array>;

  constructor(env: LmdbEnvironment) {
    this.env = env;
    this.db = env.openDatabase('blocks');
  }

  get(cid: CID): Uint8Array | undefined {
    const value = this.db.getBinary(cid.bytes);
    return value === undefined ? undefined : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  has(cid: CID): boolean {
    return this.db.doesExist(cid.bytes);
  }

  put(cid: CID, bytes: Uint8Array): void {
    this.env.transaction(() => this.db.putSync(cid.bytes, bytes));
  }

  putMany(blocks: Iterable<Block>): void {
    this.env.transaction(() => {
      for (const { cid, bytes } of blocks) this.db.putSync(cid.bytes, bytes);
    });
  }
}
