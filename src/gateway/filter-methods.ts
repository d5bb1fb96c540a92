// The filter and subscription methods, and eth_feeHistory (FEVM-FACTS §7.5, §8.5).

import { toQuantity } from '../eth/index.ts';
import { any, blockRef, logFilter, method, quantity, string, type BlockRef, type LogFilter, type RpcMethod } from '../rpc/index.ts';
import { RpcError } from '../rpc/index.ts';
import { BLOCK_GAS_LIMIT } from '../chain/blocks/base-fee.ts';
import type { ChainView } from './chain-view.ts';
import { Filters } from './filters.ts';
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.ts';

const MAX_FEE_HISTORY_BLOCKS = 1024;
/** What eth_feeHistory reports as a tipset's reward when it has no messages (Lotus's minimum premium). */
const EMPTY_REWARD = 100_000n;

export function filterMethods(view: ChainView, limits: GatewayLimits = DEFAULT_LIMITS): RpcMethod[] {
  const filters = new Filters(view, limits);
  return [
    method('eth_newFilter', [{ name: 'filter', parse: logFilter }], ([f]) => filters.create('logs', f as LogFilter)),
    method('eth_newBlockFilter', [], () => filters.create('blocks')),
    method('eth_newPendingTransactionFilter', [], () => filters.create('pending')),
    method('eth_getFilterChanges', [{ name: 'id', parse: string }], ([id]) => filters.changes(id as string)),
    method('eth_getFilterLogs', [{ name: 'id', parse: string }], ([id]) => filters.logs(id as string)),
    method('eth_uninstallFilter', [{ name: 'id', parse: string }], ([id]) => filters.uninstall(id as string)),
    method('eth_subscribe', [{ name: 'kind', parse: string }, { name: 'filter', parse: any, optional: true }], ([kind, f], ctx) =>
      filters.subscribe(ctx, kind as string, f === undefined || f === null ? undefined : logFilter(f, 'filter')),
    ),
    method('eth_unsubscribe', [{ name: 'id', parse: string }], ([id]) => filters.unsubscribe(id as string)),
    method('eth_feeHistory', [{ name: 'blockCount', parse: quantity }, { name: 'newestBlock', parse: blockRef, optional: true }, { name: 'rewardPercentiles', parse: any, optional: true }], ([count, newest, percentiles]) =>
      feeHistory(view, count as bigint, (newest as BlockRef | undefined) ?? { kind: 'tag', tag: 'latest' }, percentiles as number[] | undefined),
    ),
  ];
}

function feeHistory(view: ChainView, count: bigint, newest: BlockRef, percentiles: number[] | undefined): unknown {
  if (count < 1n || count > BigInt(MAX_FEE_HISTORY_BLOCKS)) throw new RpcError(-32602, `blockCount must be between 1 and ${MAX_FEE_HISTORY_BLOCKS}`);
  if (percentiles !== undefined && (!Array.isArray(percentiles) || percentiles.length > 100 || percentiles.some((p, i) => typeof p !== 'number' || p < 0 || p > 100 || (i > 0 && p < percentiles[i - 1]!)))) {
    throw new RpcError(-32602, 'rewardPercentiles must be at most 100 ascending numbers between 0 and 100');
  }
  const last = view.stateAt(newest);
  const records = [];
  for (let h = last.height; h >= 0 && records.length < Number(count); h--) {
    const record = view.node.chain.store.atHeight(h);
    if (record) records.unshift(record);
  }
  const reward = percentiles && records.map((record) => rewardsOf(view, record, percentiles).map(toQuantity));
  return {
    oldestBlock: toQuantity(records[0]!.height),
    baseFeePerGas: [...records.map((r) => toQuantity(r.baseFee)), toQuantity(last.nextBaseFee)],
    gasUsedRatio: records.map((r) => Number(r.gasUsed) / BLOCK_GAS_LIMIT),
    ...(reward ? { reward } : {}),
  };
}

/** Effective premiums at gas-used-weighted percentiles (Lotus's rule). */
function rewardsOf(view: ChainView, record: { messages: readonly import('../ipld/index.ts').CID[]; baseFee: bigint; height: number }, percentiles: number[]): bigint[] {
  const rows = record.messages.map((cid, index) => {
    const m = view.message(cid).message;
    const room = m.gasFeeCap - record.baseFee;
    const premium = m.gasPremium < room ? m.gasPremium : room;
    return { premium: premium < 0n ? 0n : premium, gas: BigInt(view.receipt(record as never, index).gasUsed) };
  });
  if (rows.length === 0) return percentiles.map(() => EMPTY_REWARD);
  rows.sort((a, b) => (a.premium < b.premium ? -1 : a.premium > b.premium ? 1 : 0));
  const total = rows.reduce((s, r) => s + r.gas, 0n);
  return percentiles.map((p) => {
    const threshold = (total * BigInt(Math.round(p * 100))) / 10_000n;
    let sum = 0n;
    for (const row of rows) {
      sum += row.gas;
      if (sum >= threshold) return row.premium;
    }
    return rows.at(-1)!.premium;
  });
}
