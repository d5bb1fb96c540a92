// The JSON text of logs already answered, by tipset, so that eth_getLogs over a range it has shown
// before joins kept strings instead of formatting every log and stringifying it again (the formatting
// and the stringify were most of a query's time). A log's JSON is fixed by its tipset, which its block
// hash names: an entry is used only while the tipset at its height has the same block hash, so
// evm_revert, a loaded state file or a reset cannot show old logs. Bounded by the characters kept; the
// tipsets used longest ago go first.

import { bytesEqual } from '../primitives/index.ts';

/** About twice one answer of the 10,000 logs a query may return, each ~600 characters. */
const DEFAULT_MAX_CHARS = 12 * 1024 * 1024;
/** What an entry costs beside its text (the map entry, the array, the block hash). */
const ENTRY_COST = 256;

interface Entry {
  blockHash: Uint8Array;
  /** The JSON of each log by log index, where it has been made. */
  texts: (string | undefined)[];
  cost: number;
}

export class LogTextCache {
  private readonly entries = new Map<number, Entry>();
  private readonly maxChars: number;
  private chars = 0;

  constructor(maxChars = DEFAULT_MAX_CHARS) {
    this.maxChars = maxChars;
  }

  /**
   * The JSON of log `logIndex` of the tipset at `height` with `blockHash`: the kept text, else what
   * `make` answers, kept for next time.
   */
  text(height: number, blockHash: Uint8Array, logIndex: number, make: () => string): string {
    let entry = this.entries.get(height);
    if (entry && !bytesEqual(entry.blockHash, blockHash)) {
      this.drop(height, entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { blockHash: Uint8Array.from(blockHash), texts: [], cost: ENTRY_COST };
      this.chars += ENTRY_COST;
    } else {
      this.entries.delete(height); // re-inserted below: the most recently used come last
    }
    this.entries.set(height, entry);
    let text = entry.texts[logIndex];
    if (text === undefined) {
      text = entry.texts[logIndex] = make();
      entry.cost += text.length;
      this.chars += text.length;
      this.evict(height);
    }
    return text;
  }

  private evict(keep: number): void {
    for (const [height, entry] of this.entries) {
      if (this.chars <= this.maxChars || height === keep) return;
      this.drop(height, entry);
    }
  }

  private drop(height: number, entry: Entry): void {
    this.entries.delete(height);
    this.chars -= entry.cost;
  }
}
