// Filters and subscriptions (FEVM-FACTS §7.5): eth_newFilter / eth_newBlockFilter /
// eth_newPendingTransactionFilter polled with eth_getFilterChanges (and eth_getFilterLogs), and over
// WebSocket eth_subscribe to newHeads, logs (with address and topics) and newPendingTransactions,
// notified as `eth_subscription`. Filters not polled for an hour are dropped (Lotus's FilterTTL), at most
// 100 exist at once, a WebSocket connection holds at most 100 subscriptions (limits.ts sets other
// numbers); subscriptions end with eth_unsubscribe or when their connection closes.

import { randomBytes } from 'node:crypto';
import { ethLogJson, toData } from '../eth/index.ts';
import { signedMessageCid } from '../ipld/index.ts';
import { RpcError, type LogFilter, type RawJson, type RpcContext } from '../rpc/index.ts';
import type { NewHead } from '../chain/chain.ts';
import type { ChainView } from './chain-view.ts';
import { blockJson } from './blocks.ts';
import { logMatches, queryLogs } from './logs.ts';
import { DEFAULT_LIMITS, LIMIT_EXCEEDED, type GatewayLimits } from './limits.ts';

type Kind = 'logs' | 'blocks' | 'pending';

interface Filter {
  kind: Kind;
  criteria?: LogFilter;
  changes: unknown[];
  polled: number;
  stop: () => void;
}

/** The logs of a new head that match a filter's address and topics; `txHash` names a message's transaction. */
export function matchingLogs(head: NewHead, criteria: LogFilter | undefined, txHash: (messageIndex: number) => Uint8Array): unknown[] {
  const { record } = head;
  return head.logs
    .map((log, logIndex) => ({ log, logIndex }))
    .filter(({ log }) => !criteria || logMatches(criteria, log))
    .map(({ log, logIndex }) =>
      ethLogJson({ address: log.address, topics: log.topics, data: log.data, blockHash: record.key.multihash.digest, blockNumber: record.height, transactionHash: txHash(log.messageIndex), transactionIndex: log.messageIndex, logIndex, removed: false }),
    );
}

export class Filters {
  private readonly view: ChainView;
  private readonly limits: GatewayLimits;
  private readonly filters = new Map<string, Filter>();

  constructor(view: ChainView, limits: GatewayLimits = DEFAULT_LIMITS) {
    this.view = view;
    this.limits = limits;
  }

  /** Lotus's shape (16 random bytes in a 32-byte hash), without a leading zero: ids are QUANTITYs. */
  private newId(): string {
    const bytes = randomBytes(16);
    bytes[0]! |= 0x10;
    return toData(bytes) + '0'.repeat(32);
  }

  private listen(kind: Kind, push: (items: unknown[]) => void, criteria?: LogFilter): () => void {
    if (kind === 'pending') {
      return this.view.node.mempool.onPending((signed) => push([toData(this.view.txHash(signed, signedMessageCid(signed)))]));
    }
    return this.view.node.chain.onHead((head) => {
      push(kind === 'blocks' ? [toData(head.record.key.multihash.digest)] : matchingLogs(head, criteria, (i) => this.txHash(head, i)));
    });
  }

  /** Transaction hashes of a new head's messages, computed once for every filter and subscription. */
  private readonly txHashes = new WeakMap<NewHead, Map<number, Uint8Array>>();

  private txHash(head: NewHead, index: number): Uint8Array {
    let hashes = this.txHashes.get(head);
    if (!hashes) this.txHashes.set(head, (hashes = new Map()));
    let hash = hashes.get(index);
    if (!hash) {
      const m = head.messages[index]!;
      hashes.set(index, (hash = this.view.txHash(m.signed, m.cid)));
    }
    return hash;
  }

  create(kind: Kind, criteria?: LogFilter): string {
    this.expire();
    if (this.filters.size >= this.limits.maxFilters) throw new RpcError(LIMIT_EXCEEDED, `too many filters (at most ${this.limits.maxFilters}, --max-filters): uninstall some with eth_uninstallFilter`);
    const id = this.newId();
    const filter: Filter = { kind, criteria, changes: [], polled: Date.now(), stop: () => {} };
    filter.stop = this.listen(kind, (items) => filter.changes.push(...items), criteria);
    this.filters.set(id, filter);
    return id;
  }

  changes(id: string): unknown[] {
    const filter = this.get(id);
    filter.polled = Date.now();
    return filter.changes.splice(0);
  }

  /** eth_getFilterLogs: the filter's logs as JSON text, as eth_getLogs answers them. */
  logs(id: string): RawJson {
    const filter = this.get(id);
    if (filter.kind !== 'logs') throw new RpcError(-32000, 'eth_getFilterLogs works on log filters only');
    filter.polled = Date.now();
    return queryLogs(this.view, filter.criteria!, this.limits, true);
  }

  uninstall(id: string): boolean {
    const filter = this.filters.get(id.toLowerCase());
    if (!filter) return false;
    filter.stop();
    this.filters.delete(id.toLowerCase());
    return true;
  }

  private get(id: string): Filter {
    this.expire();
    const filter = this.filters.get(id.toLowerCase());
    if (!filter) throw new RpcError(-32000, 'filter not found');
    return filter;
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, f] of this.filters) if (now - f.polled > this.limits.filterTtlMs) this.uninstall(id);
  }

  /** eth_subscribe: notifications on this WebSocket until unsubscribed or closed. */
  subscribe(ctx: RpcContext, kind: string, criteria: LogFilter | undefined): string {
    if (!ctx.notify) throw new RpcError(-32000, 'eth_subscribe needs a WebSocket connection');
    let mine = this.perConnection.get(ctx);
    if (!mine) this.perConnection.set(ctx, (mine = new Set()));
    const max = this.limits.maxSubscriptions;
    if (mine.size >= max) throw new RpcError(LIMIT_EXCEEDED, `too many subscriptions on this connection (at most ${max}, --max-subscriptions): end some with eth_unsubscribe`);
    const id = this.newId();
    const notify = ctx.notify;
    const send = (result: unknown) => notify('eth_subscription', { subscription: id, result });
    let stop: () => void;
    switch (kind) {
      case 'newHeads':
        stop = this.view.node.chain.onHead((head) => send(blockJson(this.view, head.record, false)));
        break;
      case 'logs':
        stop = this.view.node.chain.onHead((head) => {
          for (const log of matchingLogs(head, criteria, (i) => this.txHash(head, i))) send(log);
        });
        break;
      case 'newPendingTransactions':
        stop = this.listen('pending', (items) => items.forEach(send));
        break;
      default:
        throw new RpcError(-32602, `unknown subscription "${kind}": use newHeads, logs or newPendingTransactions`);
    }
    const owned = mine;
    owned.add(id);
    this.subscriptions.set(id, () => {
      stop();
      owned.delete(id);
    });
    ctx.onClose?.(() => this.unsubscribe(id));
    return id;
  }

  private readonly subscriptions = new Map<string, () => void>();
  /** Each connection's subscription ids, to count them against maxSubscriptions. */
  private readonly perConnection = new WeakMap<RpcContext, Set<string>>();

  unsubscribe(id: string): boolean {
    const stop = this.subscriptions.get(id.toLowerCase());
    if (!stop) return false;
    stop();
    this.subscriptions.delete(id.toLowerCase());
    return true;
  }
}
