// One sender's pending messages, keyed by nonce (LOTUS:chain/messagepool/messagepool.go `msgSet`).
// Knows nonce arithmetic over its own messages (the contiguous run, the next free nonce, what the
// pending ones may cost); the rules that refuse a message live in mempool.ts.

import type { CID } from '../../ipld/index.ts';
import type { Address, SignedMessage } from '../../primitives/index.ts';

export interface PendingEntry {
  readonly signed: SignedMessage;
  readonly cid: CID;
  /** `cid.toString()`, the pool's index key. */
  readonly cidKey: string;
  /** Order of acceptance across the whole pool; breaks ties in selection. */
  readonly arrival: number;
  /** The most the message can take from its sender (fee cap × gas limit + value). */
  readonly cost: bigint;
}

export class SenderQueue {
  readonly from: Address;
  private readonly byNonce = new Map<bigint, PendingEntry>();

  constructor(from: Address) {
    this.from = from;
  }

  get size(): number {
    return this.byNonce.size;
  }

  get(nonce: bigint): PendingEntry | undefined {
    return this.byNonce.get(nonce);
  }

  /** Puts the entry at its nonce; returns the entry it replaced, if any. */
  set(entry: PendingEntry): PendingEntry | undefined {
    const nonce = entry.signed.message.sequence;
    const replaced = this.byNonce.get(nonce);
    this.byNonce.set(nonce, entry);
    return replaced;
  }

  delete(nonce: bigint): PendingEntry | undefined {
    const entry = this.byNonce.get(nonce);
    this.byNonce.delete(nonce);
    return entry;
  }

  /** The first nonce from `sequence` on that has no pending message. */
  nextNonce(sequence: bigint): bigint {
    let nonce = sequence;
    while (this.byNonce.has(nonce)) nonce++;
    return nonce;
  }

  /** The pending messages from `sequence` on, without a gap, in nonce order: what can execute next. */
  run(sequence: bigint): PendingEntry[] {
    const out: PendingEntry[] = [];
    let entry: PendingEntry | undefined;
    for (let nonce = sequence; (entry = this.byNonce.get(nonce)); nonce++) out.push(entry);
    return out;
  }

  /** What the pending messages with nonce ≥ `sequence` may cost together, leaving out nonce `except`. */
  pendingCost(sequence: bigint, except?: bigint): bigint {
    let total = 0n;
    for (const [nonce, entry] of this.byNonce) if (nonce >= sequence && nonce !== except) total += entry.cost;
    return total;
  }

  /** Every pending message, in nonce order. */
  entries(): PendingEntry[] {
    return [...this.byNonce.values()].sort((a, b) => compareBigint(a.signed.message.sequence, b.signed.message.sequence));
  }
}

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
