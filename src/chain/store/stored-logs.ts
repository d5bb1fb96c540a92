// The tipset-logs table with what the node keeps of it in memory: the heights that have logs (read once
// with one cursor, then kept up to date), and the values read last, so that eth_getLogs over a range it
// has read before touches neither LMDB nor the allocator for each tipset. Writes go to the table inside
// the chain store's transaction and reach the memory only when it commits (`settle`); a failed one
// drops what memory holds (`forget`). Bounded by the number of logs and the bytes of the values kept.

import { readU64, u64 } from './height-key.ts';
import type { KvTable } from './kv.ts';
import { TipsetLogs } from './tipset-logs.ts';

/** What is kept at most: about 10 MB of JSON text hangs on 16,384 one-log values (gateway/log-text-cache.ts). */
const LIMITS = { maxLogs: 16 * 1024, maxBytes: 8 * 1024 * 1024 };
const ALL = [u64(0), new Uint8Array(9).fill(0xff)] as const;

export class StoredLogs {
  private readonly table: KvTable;
  private readonly limits: typeof LIMITS;
  /** Heights with logs, ascending; undefined until first needed. */
  private heights: number[] | undefined;
  /** Recently read values by height, least recently used first. */
  private readonly recent = new Map<number, TipsetLogs>();
  private keptLogs = 0;
  private keptBytes = 0;
  private pending: { heights: number[]; dropAll: boolean } = { heights: [], dropAll: false };

  constructor(table: KvTable, limits = LIMITS) {
    this.table = table;
    this.limits = limits;
  }

  get(height: number): TipsetLogs | undefined {
    const kept = this.recent.get(height);
    if (kept) return this.touch(height, kept);
    const bytes = this.table.get(u64(height));
    return bytes && this.keep(height, new TipsetLogs(bytes));
  }

  /** The tipsets in [from, to] that have logs, in height order. */
  *between(from: number, to: number): Iterable<{ height: number; logs: TipsetLogs }> {
    const heights = this.heightIndex();
    for (let i = lowerBound(heights, from); i < heights.length && heights[i]! <= to; i++) {
      const height = heights[i]!;
      const logs = this.get(height);
      if (logs) yield { height, logs };
    }
  }

  /** Inside the store's transaction. */
  put(height: number, bytes: Uint8Array): void {
    this.table.put(u64(height), bytes);
    this.pending.heights.push(height);
  }

  /** Inside the store's transaction: the logs of heights [from, to] go. */
  deleteBetween(from: number, to: number): void {
    const keys = [...this.table.range(u64(from), u64(to + 1))].map(([key]) => key);
    for (const key of keys) this.table.delete(key);
    if (keys.length > 0) this.pending.dropAll = true;
  }

  /** The transaction committed: memory follows what it wrote. */
  settle(): void {
    const { heights, dropAll } = this.pending;
    this.pending = { heights: [], dropAll: false };
    if (dropAll) return this.dropAll();
    for (const height of heights) {
      this.drop(height);
      if (!this.heights) continue;
      const i = lowerBound(this.heights, height);
      if (this.heights[i] !== height) this.heights.splice(i, 0, height);
    }
  }

  /** The transaction failed: what memory holds may no longer be what is stored. */
  forget(): void {
    this.pending = { heights: [], dropAll: false };
    this.dropAll();
  }

  private heightIndex(): number[] {
    if (this.heights) return this.heights;
    const heights: number[] = [];
    for (const [key, value] of this.table.range(...ALL)) {
      const height = readU64(key);
      heights.push(height);
      this.keep(height, new TipsetLogs(value)); // the first range query of the tipsets at the top
    }
    return (this.heights = heights);
  }

  private keep(height: number, logs: TipsetLogs): TipsetLogs {
    this.drop(height);
    this.recent.set(height, logs);
    this.keptLogs += logs.count;
    this.keptBytes += logs.bytes.length;
    for (const [h, old] of this.recent) {
      if (this.keptLogs <= this.limits.maxLogs && this.keptBytes <= this.limits.maxBytes) break;
      if (old !== logs) this.drop(h);
    }
    return logs;
  }

  private touch(height: number, logs: TipsetLogs): TipsetLogs {
    this.recent.delete(height);
    this.recent.set(height, logs);
    return logs;
  }

  private drop(height: number): void {
    const old = this.recent.get(height);
    if (!old) return;
    this.recent.delete(height);
    this.keptLogs -= old.count;
    this.keptBytes -= old.bytes.length;
  }

  private dropAll(): void {
    this.heights = undefined;
    this.recent.clear();
    this.keptLogs = 0;
    this.keptBytes = 0;
  }
}

/** The first index of `sorted` whose height is at least `height`. */
function lowerBound(sorted: readonly number[], height: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < height) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
