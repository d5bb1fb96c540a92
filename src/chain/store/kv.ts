// Key-value tables for the chain's records and indexes, in the blockstore's LMDB environment (or in
// memory with `--memory`). `transaction` makes everything written inside it (blocks included, when the
// blockstore shares the environment) land together or not at all.

import type { Database } from 'lmdb';
import type { LmdbEnvironment } from '../../ipld/index.ts';

export interface KvTable {
  get(key: Uint8Array): Uint8Array | undefined;
  put(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
  /** Entries with keys in [from, to), in key order. */
  range(from: Uint8Array, to: Uint8Array): Iterable<[Uint8Array, Uint8Array]>;
}

export interface KvStore {
  table(name: string): KvTable;
  transaction<T>(fn: () => T): T;
}

export class LmdbKv implements KvStore {
  private readonly env: LmdbEnvironment;

  constructor(env: LmdbEnvironment) {
    this.env = env;
  }

  table(name: string): KvTable {
    const db: Database<Uint8Array, Uint8Array> = this.env.openDatabase(name);
    return {
      get: (key) => {
        const v = db.getBinary(key);
        return v === undefined ? undefined : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      },
      put: (key, value) => {
        this.env.transaction(() => db.putSync(key, value));
      },
      delete: (key) => {
        this.env.transaction(() => db.removeSync(key));
      },
      range: function* (from, to) {
        for (const { key, value } of db.getRange({ start: from, end: to })) yield [key as Uint8Array, value as Uint8Array];
      },
    };
  }

  transaction<T>(fn: () => T): T {
    return this.env.transaction(fn);
  }
}

const hexKey = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** A staged deletion in a memory transaction. */
const DELETED = new Uint8Array(0);

/** Tables in memory; a transaction that throws leaves them as they were. */
export class MemoryKv implements KvStore {
  private readonly tables = new Map<string, Map<string, Uint8Array>>();
  private staged: Map<string, Map<string, Uint8Array>> | undefined;

  table(name: string): KvTable {
    let data = this.tables.get(name);
    if (!data) this.tables.set(name, (data = new Map()));
    const rows = data;
    return {
      get: (key) => {
        const value = this.staged?.get(name)?.get(hexKey(key)) ?? rows.get(hexKey(key));
        return value === DELETED ? undefined : value;
      },
      put: (key, value) => {
        if (!this.staged) return void rows.set(hexKey(key), value);
        let t = this.staged.get(name);
        if (!t) this.staged.set(name, (t = new Map()));
        t.set(hexKey(key), value);
      },
      delete: (key) => {
        if (!this.staged) return void rows.delete(hexKey(key));
        let t = this.staged.get(name);
        if (!t) this.staged.set(name, (t = new Map()));
        t.set(hexKey(key), DELETED);
      },
      range: (from, to) => {
        const merged = new Map([...rows, ...(this.staged?.get(name) ?? [])]);
        const lo = hexKey(from);
        const hi = hexKey(to);
        return [...merged]
          .filter(([k, v]) => k >= lo && k < hi && v !== DELETED)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]): [Uint8Array, Uint8Array] => [Buffer.from(k, 'hex'), v]);
      },
    };
  }

  transaction<T>(fn: () => T): T {
    if (this.staged) return fn();
    this.staged = new Map();
    try {
      const result = fn();
      for (const [name, rows] of this.staged) {
        for (const [k, v] of rows) {
          if (v === DELETED) this.tables.get(name)!.delete(k);
          else this.tables.get(name)!.set(k, v);
        }
      }
      return result;
    } finally {
      this.staged = undefined;
    }
  }
}
