// Block production (issue "The chain"): `automine` (the default) seals a tipset as soon as messages wait,
// and messages arriving meanwhile go together into the next one; `interval` seals every block time,
// empty tipsets included; `manual` seals only when asked (`mine`). Timestamps are whole seconds and
// strictly increase: automine uses max(now, parent + 1 s), interval parent + block time (at least 1 s). With a null-round rate, each
// tipset may come after some null rounds (heights without a tipset), as on Filecoin.

import type { Address, SignedMessage } from '../primitives/index.ts';
import { StateTree } from '../state/index.ts';
import { BLOCK_GAS_LIMIT } from './blocks/base-fee.ts';
import type { Chain, NewHead } from './chain.ts';

export type SenderLookup = (from: Address) => { sequence: bigint; balance: bigint } | undefined;

/** What the producer needs of the mempool. */
export interface MessageSource {
  select(lookup: SenderLookup, gasLimit: number): SignedMessage[];
  removeIncluded(messages: readonly SignedMessage[]): void;
  prune(lookup: SenderLookup): void;
  onPending(fn: (signed: SignedMessage) => void): () => void;
}

export type MiningMode = { kind: 'automine' } | { kind: 'interval'; blockTime: number } | { kind: 'manual' };

export interface ProducerOptions {
  mode: MiningMode;
  /** Seconds since the Unix epoch (default: the clock). */
  now?: () => number;
  /** Chance (0 ≤ rate < 1) that a null round comes before a tipset. */
  nullRoundRate?: number;
  random?: () => number;
  ethTxHash?: (signed: SignedMessage) => Uint8Array | undefined;
}

/** At most this many null rounds in a row. */
const MAX_NULL_ROUNDS = 10;

export class BlockProducer {
  private readonly chain: Chain;
  private readonly pool: MessageSource;
  private mode: MiningMode;
  private readonly options: ProducerOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private sealQueued = false;
  private automineSeal: Promise<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Seconds added to the clock (evm_increaseTime). */
  private timeOffset = 0;
  /** The next tipset's timestamp, once (evm_setNextBlockTimestamp). */
  private nextTimestamp: number | undefined;

  constructor(chain: Chain, pool: MessageSource, options: ProducerOptions) {
    this.chain = chain;
    this.pool = pool;
    this.mode = options.mode;
    this.options = options;
  }

  get miningMode(): MiningMode {
    return this.mode;
  }

  start(): void {
    this.unsubscribe = this.pool.onPending(() => {
      if (this.mode.kind === 'automine') this.requestSeal();
    });
    this.applyMode();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  setMode(mode: MiningMode): void {
    this.mode = mode;
    if (this.unsubscribe) this.applyMode();
  }

  /** Seals one tipset now with what is waiting (manual mining, `evm_mine`); `timestamp` in seconds. */
  mine(timestamp?: number): Promise<NewHead> {
    return this.enqueue(() => this.sealNext(timestamp));
  }

  /**
   * The timestamp the next tipset gets if sealed now: what eth_call and eth_estimateGas at the head see,
   * so that a transaction estimated after evm_increaseTime or evm_setNextBlockTimestamp sees the time
   * it will be included at (as on Hardhat and anvil, which run them in the pending block).
   */
  pendingTimestamp(): number {
    return this.timestampAfter(this.chain.head(), 0);
  }

  /** Moves the devnet's clock forward by `seconds` (evm_increaseTime); answers the total shift. */
  increaseTime(seconds: number): number {
    this.timeOffset += seconds;
    return this.timeOffset;
  }

  /** Sets the devnet's clock so that now is `timestamp` (anvil_setTime). */
  setTime(timestamp: number): void {
    this.timeOffset = timestamp - this.wallClock();
  }

  /** The next tipset gets exactly `timestamp` (evm_setNextBlockTimestamp); it must be after the head's. */
  setNextTimestamp(timestamp: number): void {
    if (timestamp <= this.chain.head().timestamp) throw new RangeError(`timestamp ${timestamp} is not after the head's ${this.chain.head().timestamp}`);
    this.nextTimestamp = timestamp;
  }

  /** Seconds since the Unix epoch on the devnet's clock. */
  now(): number {
    return this.wallClock() + this.timeOffset;
  }

  private wallClock(): number {
    return (this.options.now ?? (() => Math.floor(Date.now() / 1000)))();
  }

  /** Resolves when every seal asked for so far is done. */
  async idle(): Promise<void> {
    await this.queue;
  }

  private applyMode(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.mode.kind === 'interval') {
      this.timer = setInterval(() => void this.mine(), this.mode.blockTime * 1000);
      this.timer.unref();
    }
  }

  /**
   * Resolves when the automine seal that the latest pending message asked for is done, so that a
   * client's send answers once its transaction is in a tipset (as on Hardhat); at once otherwise.
   */
  async automined(): Promise<void> {
    await this.automineSeal?.catch(() => undefined);
  }

  /**
   * Automine: one seal queued at a time; messages arriving meanwhile wait for the next. The seal
   * starts after the I/O already waiting has run, so that other clients' transactions that have
   * arrived share its tipset instead of each waiting for a tipset of its own.
   */
  private requestSeal(): void {
    if (this.sealQueued) return;
    this.sealQueued = true;
    this.automineSeal = this.enqueue(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      this.sealQueued = false;
      const head = await this.sealNext();
      if (head.messages.length > 0 && this.mode.kind === 'automine') this.requestSealIfWaiting();
      return head;
    });
  }

  private requestSealIfWaiting(): void {
    if (this.pool.select(this.senderLookup(), BLOCK_GAS_LIMIT).length > 0) this.requestSeal();
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sealNext(timestamp?: number): Promise<NewHead> {
    const parent = this.chain.head();
    const nulls = this.nullRounds();
    const at = timestamp ?? this.timestampAfter(parent, nulls);
    if (timestamp === undefined) this.nextTimestamp = undefined;
    const lookup = this.senderLookup();
    const messages = this.pool.select(lookup, BLOCK_GAS_LIMIT);
    const head = await this.chain.seal(messages, { timestamp: at, height: parent.height + 1 + nulls, ethTxHash: this.options.ethTxHash });
    this.pool.removeIncluded(head.messages.map((m) => m.signed));
    this.pool.prune(this.senderLookup());
    return head;
  }

  /** When a tipset sealed now after `parent` would be (evm_setNextBlockTimestamp's, the interval's, or the clock's). */
  private timestampAfter(parent: { timestamp: number }, nulls: number): number {
    if (this.nextTimestamp !== undefined) return this.nextTimestamp;
    if (this.mode.kind === 'interval') return parent.timestamp + Math.max(1, Math.round(this.mode.blockTime)) * (nulls + 1);
    return Math.max(this.now(), parent.timestamp + 1 + nulls);
  }

  private nullRounds(): number {
    const rate = this.options.nullRoundRate ?? 0;
    const random = this.options.random ?? Math.random;
    let n = 0;
    while (n < MAX_NULL_ROUNDS && rate > 0 && random() < rate) n++;
    return n;
  }

  /** Senders' nonces and balances in the head's state. */
  senderLookup(): SenderLookup {
    const tree = StateTree.load(this.chain.store.blocks, this.chain.head().stateRoot);
    return (from) => {
      const actor = tree.getActor(from);
      return actor && { sequence: actor.sequence, balance: actor.balance };
    };
  }
}
