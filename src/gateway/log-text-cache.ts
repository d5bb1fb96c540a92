// The JSON text of logs already answered, so that eth_getLogs over a range it has shown before joins
// kept strings instead of formatting every log again (the formatting and the stringify were most of a
// query's time). A log's JSON is fixed by its tipset's stored logs, so the texts hang on that stored
// value (chain/store/tipset-logs.ts `TipsetLogs`) and live as long as the chain store keeps it in
// memory: bounded by the store's bound, and gone with the value when evm_revert, a loaded state file
// or a reset replaces the tipset.

import type { TipsetLogs } from '../chain/store/tipset-logs.ts';

export class LogTextCache {
  private readonly texts = new WeakMap<TipsetLogs, (string | undefined)[]>();

  /** The texts kept for the logs of `logs`, by log index (an empty slot: not made yet); fill them in. */
  of(logs: TipsetLogs): (string | undefined)[] {
    let texts = this.texts.get(logs);
    if (!texts) this.texts.set(logs, (texts = []));
    return texts;
  }
}
