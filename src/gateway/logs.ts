// eth_getLogs (FEVM-FACTS §7.5): logs of a block range (or one block hash) whose address is one of
// `address` and whose topics match by position (null any, a list any of). The store keeps each tipset's
// logs as one value with its bloom, block hash and transaction hashes, and in memory the heights that
// have logs and the values read last (chain/store/stored-logs.ts); tipsets whose bloom cannot hold the
// addresses or topics are skipped, the others searched in place. The answer is JSON text, each log's
// made once and kept with its value (log-text-cache.ts), sent without building objects. A range is
// at most 2,880 tipsets (Lotus's default) and answers at most 10,000 logs, unless limits.ts says otherwise.

import { ethLogJson } from '../eth/index.ts';
import { InvalidParamsError, RawJson, RpcError, type BlockRef, type LogFilter } from '../rpc/index.ts';
import type { TipsetLog, TipsetLogs } from '../chain/store/tipset-logs.ts';
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

/**
 * The matching logs as JSON text (an array of eth_getLogs log objects). `installed`: for a filter made
 * by eth_newFilter, whose range may still lie ahead of the head (no logs yet, not an error).
 */
export function queryLogs(view: ChainView, filter: LogFilter, limits: Pick<GatewayLimits, 'maxLogRange' | 'maxLogResults'> = DEFAULT_LIMITS, installed = false): RawJson {
  let from: number;
  let to: number;
  if (filter.blockHash) {
    const record = view.node.chain.store.byEthHash(filter.blockHash);
    if (!record) throw new RpcError(-32000, 'unknown block hash');
    from = to = record.height;
  } else {
    ({ from, to } = heightRange(view, filter.fromBlock, filter.toBlock, installed));
    if (from > to) return RawJson.array([]);
  }
  if (to - from + 1 > limits.maxLogRange) throw new RpcError(RANGE_EXCEEDED, `block range of ${to - from + 1} is over the limit of ${limits.maxLogRange} (--max-log-range): ask for a shorter range`);
  const bloomMatches = bloomMatcher(filter);
  const selection = { addresses: filter.address, topics: filter.topics };
  const texts: string[] = [];
  for (const { height, logs } of view.node.chain.store.logsBetween(from, to)) {
    if (!bloomMatches(logs.bloom)) continue;
    const kept = logs.select(selection);
    if (kept.length === 0) continue;
    if (texts.length + kept.length > limits.maxLogResults) throw new RpcError(-32000, `more than ${limits.maxLogResults} logs match: narrow the range or the filter`);
    const made = view.logTexts.of(logs);
    let hashOf: ((log: TipsetLog) => Uint8Array) | undefined;
    for (const logIndex of kept) {
      let text = made[logIndex];
      if (text === undefined) {
        hashOf ??= logTxHashes(view, () => view.node.chain.store.atHeight(height)!);
        made[logIndex] = text = logText(height, logs, logs.log(logIndex), hashOf);
      }
      texts.push(text);
    }
  }
  return RawJson.array(texts);
}

/** One log's JSON, as eth_getLogs shows it. */
function logText(height: number, logs: TipsetLogs, log: TipsetLog, hashOf: (log: TipsetLog) => Uint8Array): string {
  const { address, topics, data, messageIndex, logIndex } = log;
  return JSON.stringify(ethLogJson({ address, topics, data, blockHash: logs.blockHash, blockNumber: height, transactionHash: hashOf(log), transactionIndex: messageIndex, logIndex, removed: false }));
}

/**
 * The heights a fromBlock/toBlock pair means. As geth: fromBlock after toBlock is an error, and so is a
 * range wholly after the head. Kinder than geth and Lotus (as anvil): a toBlock past the head ends at
 * the head, so a script that asks up to a far block gets what exists. An installed filter's range may
 * lie ahead: it has no logs yet (from > to, answered with none).
 */
function heightRange(view: ChainView, fromRef: BlockRef | undefined, toRef: BlockRef | undefined, installed: boolean): { from: number; to: number } {
  const head = view.head().height;
  const from = heightOf(view, fromRef, head);
  const to = heightOf(view, toRef, head);
  if (!installed && from > head) throw new InvalidParamsError(`block range extends beyond current head block: fromBlock ${from} is after the head, ${head}`);
  if (!installed && from > to) throw new RpcError(-32000, `invalid block range params: fromBlock ${from} is after toBlock ${to}`);
  return { from, to: Math.min(to, head) };
}

function heightOf(view: ChainView, ref: BlockRef | undefined, head: number): number {
  if (!ref) return head;
  if (ref.kind === 'number') return ref.number > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(ref.number);
  if (ref.kind === 'hash') return view.stateAt(ref).height;
  return ref.tag === 'earliest' ? 0 : head;
}

/** Whether a bloom may hold one of the addresses and, at each position, one of the topics. */
function bloomMatcher(filter: LogFilter): (bloom: Uint8Array) => boolean {
  const anyOf = (bits: (readonly number[])[], bloom: Uint8Array) => {
    for (const b of bits) if (bloomHasBits(bloom, b)) return true;
    return false;
  };
  const addresses = filter.address.map(bloomBits);
  const topics = filter.topics.flatMap((wanted) => (wanted === null || wanted.length === 0 ? [] : [wanted.map(bloomBits)]));
  return (bloom) => {
    if (addresses.length > 0 && !anyOf(addresses, bloom)) return false;
    for (const any of topics) if (!anyOf(any, bloom)) return false;
    return true;
  };
}
