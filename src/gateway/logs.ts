// eth_getLogs (FEVM-FACTS §7.5): logs of a block range (or one block hash) whose address is one of
// `address` and whose topics match by position (null any, a list any of). Tipsets whose bloom cannot
// hold the addresses or topics are skipped without reading their events. A range is at most 2,880
// tipsets (Lotus's default) and answers at most 10,000 logs, unless limits.ts says otherwise.

import { ethLogJson } from '../eth/index.ts';
import { RpcError, type BlockRef, type LogFilter } from '../rpc/index.ts';
import type { ChainView } from './chain-view.ts';
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.ts';
import { tipsetLogs } from './transactions.ts';
import { bloomMayContain, bytesEqual } from '../primitives/index.ts';

/** Lotus's code for a block range over the limit. */
const RANGE_EXCEEDED = -32005;

/** Whether a log's address is one of `filter.address` (any if none) and its topics match by position. */
export function logMatches(filter: Pick<LogFilter, 'address' | 'topics'>, log: { address: Uint8Array; topics: readonly Uint8Array[] }): boolean {
  if (filter.address.length > 0 && !filter.address.some((a) => bytesEqual(a, log.address))) return false;
  return filter.topics.every((wanted, i) => wanted === null || wanted.length === 0 || (log.topics[i] !== undefined && wanted.some((t) => bytesEqual(t, log.topics[i]!))));
}

export function queryLogs(view: ChainView, filter: LogFilter, limits: Pick<GatewayLimits, 'maxLogRange' | 'maxLogResults'> = DEFAULT_LIMITS): unknown[] {
  let from: number;
  let to: number;
  if (filter.blockHash) {
    const record = view.node.chain.store.byEthHash(filter.blockHash);
    if (!record) throw new RpcError(-32000, 'unknown block hash');
    from = to = record.height;
  } else {
    from = heightOf(view, filter.fromBlock);
    to = heightOf(view, filter.toBlock);
  }
  if (to < from) return [];
  if (to - from + 1 > limits.maxLogRange) throw new RpcError(RANGE_EXCEEDED, `block range of ${to - from + 1} is over the limit of ${limits.maxLogRange} (--max-log-range): ask for a shorter range`);
  const out: unknown[] = [];
  for (let height = from; height <= to; height++) {
    const bloom = view.node.chain.store.bloom(height);
    if (!bloom || !bloomMatches(bloom, filter)) continue;
    for (const log of tipsetLogs(view, view.node.chain.store.atHeight(height)!, (event) => logMatches(filter, event))) {
      out.push(ethLogJson(log));
      if (out.length > limits.maxLogResults) throw new RpcError(-32000, `more than ${limits.maxLogResults} logs match: narrow the range or the filter`);
    }
  }
  return out;
}

function heightOf(view: ChainView, ref: BlockRef | undefined): number {
  if (!ref) return view.head().height;
  if (ref.kind === 'number') return Math.min(Number(ref.number), view.head().height);
  if (ref.kind === 'hash') return view.stateAt(ref).height;
  return ref.tag === 'earliest' ? 0 : view.head().height;
}

function bloomMatches(bloom: Uint8Array, filter: LogFilter): boolean {
  if (filter.address.length > 0 && !filter.address.some((a) => bloomMayContain(bloom, a))) return false;
  return filter.topics.every((wanted) => wanted === null || wanted.length === 0 || wanted.some((t) => bloomMayContain(bloom, t)));
}
