// eth_getLogs (FEVM-FACTS §7.5): logs of a block range (or one block hash) whose address is one of
// `address` and whose topics match by position (null any, a list any of). The store keeps each tipset's
// logs as one value with its bloom, block hash and transaction hashes, so a range is one cursor over the
// tipsets that have logs; those whose bloom cannot hold the addresses or topics are skipped before their
// logs are read. The answer is JSON text, each log's made once and kept (log-text-cache.ts). A range is
// at most 2,880 tipsets (Lotus's default) and answers at most 10,000 logs, unless limits.ts says otherwise.

import { ethLogJson } from '../eth/index.ts';
import { RawJson, RpcError, type BlockRef, type LogFilter } from '../rpc/index.ts';
import type { TipsetLog } from '../chain/store/tipset-logs.ts';
import type { ChainView } from './chain-view.ts';
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.ts';
import { logTxHashes } from './transactions.ts';
import { bloomBits, bloomHasBits, bytesEqual } from '../primitives/index.ts';

/** Lotus's code for a block range over the limit. */
const RANGE_EXCEEDED = -32005;

/** Whether a log's address is one of `filter.address` (any if none) and its topics match by position. */
export function logMatches(filter: Pick<LogFilter, 'address' | 'topics'>, log: { address: Uint8Array; topics: readonly Uint8Array[] }): boolean {
  if (filter.address.length > 0 && !filter.address.some((a) => bytesEqual(a, log.address))) return false;
  return filter.topics.every((wanted, i) => wanted === null || wanted.length === 0 || (log.topics[i] !== undefined && wanted.some((t) => bytesEqual(t, log.topics[i]!))));
}

/** The matching logs as JSON text (an array of eth_getLogs log objects). */
export function queryLogs(view: ChainView, filter: LogFilter, limits: Pick<GatewayLimits, 'maxLogRange' | 'maxLogResults'> = DEFAULT_LIMITS): RawJson {
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
  if (to < from) return RawJson.array([]);
  if (to - from + 1 > limits.maxLogRange) throw new RpcError(RANGE_EXCEEDED, `block range of ${to - from + 1} is over the limit of ${limits.maxLogRange} (--max-log-range): ask for a shorter range`);
  const store = view.node.chain.store;
  const bloomMatches = bloomMatcher(filter);
  const keep = (address: Uint8Array, topics: Uint8Array[]) => logMatches(filter, { address, topics });
  const texts: string[] = [];
  for (const { height, logs } of store.logsBetween(from, to)) {
    if (!bloomMatches(logs.bloom)) continue;
    const kept = logs.logs(keep);
    if (kept.length === 0) continue;
    if (texts.length + kept.length > limits.maxLogResults) throw new RpcError(-32000, `more than ${limits.maxLogResults} logs match: narrow the range or the filter`);
    let hashOf: ((log: TipsetLog) => Uint8Array) | undefined;
    const json = (log: TipsetLog) => {
      hashOf ??= logTxHashes(view, () => store.atHeight(height)!);
      const { address, topics, data, messageIndex, logIndex } = log;
      return JSON.stringify(ethLogJson({ address, topics, data, blockHash: logs.blockHash, blockNumber: height, transactionHash: hashOf(log), transactionIndex: messageIndex, logIndex, removed: false }));
    };
    for (const log of kept) texts.push(view.logTexts.text(height, logs.blockHash, log.logIndex, () => json(log)));
  }
  return RawJson.array(texts);
}

function heightOf(view: ChainView, ref: BlockRef | undefined): number {
  if (!ref) return view.head().height;
  if (ref.kind === 'number') return Math.min(Number(ref.number), view.head().height);
  if (ref.kind === 'hash') return view.stateAt(ref).height;
  return ref.tag === 'earliest' ? 0 : view.head().height;
}

/** Whether a bloom may hold one of the addresses and, at each position, one of the topics. */
function bloomMatcher(filter: LogFilter): (bloom: Uint8Array) => boolean {
  const addresses = filter.address.map(bloomBits);
  const topics = filter.topics.flatMap((wanted) => (wanted === null || wanted.length === 0 ? [] : [wanted.map(bloomBits)]));
  return (bloom) => (addresses.length === 0 || addresses.some((bits) => bloomHasBits(bloom, bits))) && topics.every((any) => any.some((bits) => bloomHasBits(bloom, bits)));
}
