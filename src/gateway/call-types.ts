// The shapes of eth_call and eth_estimateGas (call.ts) that their helpers share: what is called, what
// came out, and what the node reports of it. Apart from call.ts so that call-cache.ts and
// execution-report.ts need not import the code that imports them (the layer lint refuses cycles).

import type { ApplyResult } from '../vm/index.ts';

export interface CallSpec {
  from?: Uint8Array;
  to?: Uint8Array | null;
  value?: bigint;
  data?: Uint8Array;
  gas?: bigint;
  /** The block time the call sees (default: the tipset's + 1); at the head, the next tipset's (BlockProducer.pendingTimestamp). */
  timestamp?: number;
}

export interface CallOutcome {
  result: ApplyResult;
  /** The contract's answer (for a creation: the runtime code deployed). */
  returnData: Uint8Array;
}

/** What the node tells its user about a call (execution-report.ts): console.log output, a failure named. */
export interface CallReport {
  /** Sees the outcome the call is answered with. */
  seen(outcome: CallOutcome): void;
  /** The error message of a failed outcome (default: geth's words). */
  failureMessage(outcome: CallOutcome): string;
}
