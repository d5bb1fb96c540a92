// Key-value tables for the chain's records and indexes, in the blockstore's LMDB environment (or in
// memory with `--memory`). `transaction` makes everything written inside it (blocks included, when the
// blockstore shares the environment) land together or not at all.

import type { Database } from 'lmdb';
import { ownedBytes, type LmdbEnvironment } from '../../ipld/index.ts';

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
  private readonly tables = new Map<string, SortedRows>();
  private staged: Map<string, Map<string, Uint8Array>> | undefined;

  table(name: string): KvTable {
    let data = this.tables.get(name);
    if (!data) this.tables.set(name, (data = new SortedRows()));
    const rows = data;
    const stage = () => {
      let t = this.staged!.get(name);
      if (!t) this.staged!.set(name, (t = new Map()));
      return t;
    };
    return {
      get: (key) => {
        const value = this.staged?.get(name)?.get(hexKey(key)) ?? rows.get(hexKey(key));
        return value === DELETED ? undefined : value;
      },
      put: (key, value) => {
        // Kept for the node's lifetime: never a view that pins a larger shared buffer (see ownedBytes).
        if (!this.staged) return void rows.set(hexKey(key), ownedBytes(value));
        stage().set(hexKey(key), ownedBytes(value));
      },
      delete: (key) => {
        if (!this.staged) return void rows.delete(hexKey(key));
        stage().set(hexKey(key), DELETED);
      },
      range: (from, to) => {
        const lo = hexKey(from);
        const hi = hexKey(to);
        const staged = this.staged?.get(name);
        let entries = rows.between(lo, hi);
        if (staged && staged.size > 0) {
          // Inside a transaction (rare for ranges): its writes over the committed rows, re-sorted.
          const merged = new Map(entries);
          for (const [k, v] of staged) if (k >= lo && k < hi) merged.set(k, v);
          entries = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        }
        return entries.filter(([, v]) => v !== DELETED).map(([k, v]): [Uint8Array, Uint8Array] => [Buffer.from(k, 'hex'), v]);
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

/** A table's committed rows with their keys kept in order, so a range costs a binary search, not a sort. */
class SortedRows {
  private readonly rows = new Map<string, Uint8Array>();
  private readonly keys: string[] = [];

  get(key: string): Uint8Array | undefined {
    return this.rows.get(key);
  }

  set(key: string, value: Uint8Array): void {
    if (!this.rows.has(key)) this.keys.splice(this.lowerBound(key), 0, key);
    this.rows.set(key, value);
  }

  delete(key: string): void {
    if (!this.rows.delete(key)) return;
    this.keys.splice(this.lowerBound(key), 1);
  }

  /** Rows with keys in [lo, hi), in key order. */
  between(lo: string, hi: string): [string, Uint8Array][] {
    const out: [string, Uint8Array][] = [];
    for (let i = this.lowerBound(lo); i < this.keys.length && this.keys[i]! < hi; i++) out.push([this.keys[i]!, this.rows.get(this.keys[i]!)!]);
    return out;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
