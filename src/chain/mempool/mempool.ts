// The mempool (issue "The chain"; FEVM-FACTS §6.6; LOTUS:chain/messagepool/): messages accepted but not
// yet in a tipset, one nonce-ordered queue per sender, each message known by its CID. It refuses what
// could never execute (typed errors of errors.ts; a refusal changes nothing), picks the next tipset's
// messages (`select`) and forgets them once included or hopeless (`removeIncluded`, `prune`).
// It does not check signatures (the caller does) and reads chain state only through a lookup.
// Queues are keyed by the `from` address as given: a caller that accepts ID-address senders should
// turn them into their key address first, as Lotus does.

import { signedMessageCid, type CID } from '../../ipld/index.ts';
import type { Address, SignedMessage } from '../../primitives/index.ts';
import { MAX_MESSAGE_GAS_LIMIT, checkMessage, maxCost } from './check-message.ts';
import {
  AlreadyKnownError,
  InsufficientFundsError,
  NonceGapError,
  NonceTooLowError,
  ReplacementUnderpricedError,
  TooManyPendingError,
} from './errors.ts';
import { SenderQueue, type PendingEntry } from './sender-queue.ts';

/** A sender as the chain's state knows it. */
export interface SenderState {
  readonly sequence: bigint;
  readonly balance: bigint;
}

/** Reads a sender's state (from the head's state tree); `undefined` for an unknown sender. */
export type SenderStateLookup = (from: Address) => SenderState | undefined;

export type PendingListener = (signed: SignedMessage, cid: CID) => void;

export interface MempoolOptions {
  /** Most pending messages per sender (Lotus: 1000 trusted, 100 untrusted). */
  maxPendingPerSender?: number;
  /** Most a nonce may run ahead of the sender's next nonce (Lotus: 4 trusted, 0 untrusted). */
  maxNonceGap?: number;
}

export const DEFAULT_MAX_PENDING_PER_SENDER = 1000;
export const DEFAULT_MAX_NONCE_GAP = 4;

const UNKNOWN_SENDER: SenderState = { sequence: 0n, balance: 0n };

export class Mempool {
  private readonly maxPendingPerSender: number;
  private readonly maxNonceGap: number;
  private readonly senders = new Map<string, SenderQueue>();
  private readonly byCid = new Map<string, PendingEntry>();
  /** One object per subscription, so that the same function can subscribe twice. */
  private readonly listeners = new Set<{ fn: PendingListener }>();
  private arrivals = 0;

  constructor(options: MempoolOptions = {}) {
    this.maxPendingPerSender = options.maxPendingPerSender ?? DEFAULT_MAX_PENDING_PER_SENDER;
    this.maxNonceGap = options.maxNonceGap ?? DEFAULT_MAX_NONCE_GAP;
  }

  /** Number of pending messages. */
  get size(): number {
    return this.byCid.size;
  }

  /**
   * Accepts a message (replacing a pending one with the same sender and nonce if it pays ≥ 125% of its
   * premium) and tells the listeners; returns its CID. Throws a `MessageRejectedError` otherwise.
   */
  add(signed: SignedMessage, lookup: SenderStateLookup): CID {
    checkMessage(signed);
    const m = signed.message;
    const cid = signedMessageCid(signed);
    const cidKey = cid.toString();
    if (this.byCid.has(cidKey)) throw new AlreadyKnownError(cidKey);
    const state = senderState(lookup, m.from);
    if (m.sequence < state.sequence) throw new NonceTooLowError(state.sequence, m.sequence);

    const queue = this.senders.get(m.from.key());
    const existing = queue?.get(m.sequence);
    if (existing) {
      const old = existing.signed.message.gasPremium;
      // new ≥ 1.25 × old, in integers.
      if (m.gasPremium * 4n < old * 5n) throw new ReplacementUnderpricedError(old, m.gasPremium, (old * 5n + 3n) / 4n);
    } else {
      const next = queue ? queue.nextNonce(state.sequence) : state.sequence;
      if (m.sequence > next + BigInt(this.maxNonceGap)) throw new NonceGapError(next, m.sequence, this.maxNonceGap);
      if ((queue?.size ?? 0) >= this.maxPendingPerSender) throw new TooManyPendingError(m.from.toString(), this.maxPendingPerSender);
    }
    const cost = maxCost(m);
    const pendingCost = queue?.pendingCost(state.sequence, m.sequence) ?? 0n;
    if (cost + pendingCost > state.balance) throw new InsufficientFundsError(state.balance, cost, pendingCost);

    const entry: PendingEntry = { signed, cid, cidKey, arrival: this.arrivals++, cost };
    const replaced = this.queueOf(m.from).set(entry);
    if (replaced) this.byCid.delete(replaced.cidKey);
    this.byCid.set(cidKey, entry);
    for (const listener of [...this.listeners]) listener.fn(signed, cid);
    return cid;
  }

  get(cid: CID): SignedMessage | undefined {
    return this.byCid.get(cid.toString())?.signed;
  }

  has(cid: CID): boolean {
    return this.byCid.has(cid.toString());
  }

  /** Every pending message, in order of arrival. */
  pending(): SignedMessage[] {
    return [...this.byCid.values()].sort((a, b) => a.arrival - b.arrival).map((e) => e.signed);
  }

  /** One sender's pending messages, in nonce order (gaps included). */
  pendingFor(from: Address): SignedMessage[] {
    return (this.senders.get(from.key())?.entries() ?? []).map((e) => e.signed);
  }

  /** The nonce a sender's next message should carry: its on-chain sequence plus its contiguous pending run. */
  pendingNonce(from: Address, lookup: SenderStateLookup): bigint {
    const { sequence } = senderState(lookup, from);
    return this.senders.get(from.key())?.nextNonce(sequence) ?? sequence;
  }

  /**
   * The messages for the next tipset, in the order they should execute. Per sender, only the run of
   * nonces from its on-chain sequence, as far as its balance covers their cost; senders by the premium
   * of their first message (highest first, then earliest arrival); a sender's run stops at the first
   * message whose gas limit no longer fits in `gasLimit`, and the next sender is tried.
   */
  select(lookup: SenderStateLookup, gasLimit: number = MAX_MESSAGE_GAS_LIMIT): SignedMessage[] {
    const runs: { entries: PendingEntry[]; balance: bigint }[] = [];
    for (const queue of this.senders.values()) {
      const state = senderState(lookup, queue.from);
      const entries = queue.run(state.sequence);
      if (entries.length > 0) runs.push({ entries, balance: state.balance });
    }
    runs.sort((a, b) => compareFirst(a.entries[0]!, b.entries[0]!));

    const out: SignedMessage[] = [];
    let gasLeft = gasLimit;
    for (const run of runs) {
      let balance = run.balance;
      for (const entry of run.entries) {
        const gas = entry.signed.message.gasLimit;
        if (gas > gasLeft || entry.cost > balance) break;
        gasLeft -= gas;
        balance -= entry.cost;
        out.push(entry.signed);
      }
    }
    return out;
  }

  /** Forgets the messages of a new tipset: whatever is pending with the same sender and nonce. */
  removeIncluded(messages: Iterable<SignedMessage>): void {
    for (const { message } of messages) {
      const queue = this.senders.get(message.from.key());
      const entry = queue?.delete(message.sequence);
      if (entry) this.byCid.delete(entry.cidKey);
      if (queue?.size === 0) this.senders.delete(message.from.key());
    }
  }

  /** Drops what can no longer execute: nonces below the sender's sequence, and messages it cannot pay for. */
  prune(lookup: SenderStateLookup): void {
    for (const [key, queue] of this.senders) {
      const state = senderState(lookup, queue.from);
      for (const entry of queue.entries()) {
        if (entry.signed.message.sequence >= state.sequence && entry.cost <= state.balance) continue;
        queue.delete(entry.signed.message.sequence);
        this.byCid.delete(entry.cidKey);
      }
      if (queue.size === 0) this.senders.delete(key);
    }
  }

  /**
   * Calls `fn` with each newly accepted message (replacements included), right after it is accepted.
   * Returns the function that unsubscribes. A listener should not throw: `add` has already accepted
   * the message and the error would reach its caller.
   */
  onPending(fn: PendingListener): () => void {
    const listener = { fn };
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private queueOf(from: Address): SenderQueue {
    let queue = this.senders.get(from.key());
    if (!queue) {
      queue = new SenderQueue(from);
      this.senders.set(from.key(), queue);
    }
    return queue;
  }
}

function senderState(lookup: SenderStateLookup, from: Address): SenderState {
  return lookup(from) ?? UNKNOWN_SENDER;
}

/** Higher first-message premium first; on a tie, the earlier arrival. */
function compareFirst(a: PendingEntry, b: PendingEntry): number {
  const pa = a.signed.message.gasPremium;
  const pb = b.signed.message.gasPremium;
  if (pa !== pb) return pa > pb ? -1 : 1;
  return a.arrival - b.arrival;
}
