// The trace_* methods as Lotus serves them (FEVM-FACTS §10; LOTUS:node/impl/eth/trace.go): trace_block,
// trace_replayBlockTransactions (trace type "trace" only), trace_transaction and trace_filter (fromBlock,
// toBlock, fromAddress, toAddress, after, count; at most 500 results, Lotus's EthTraceFilterMaxResults,
// and at most 2,880 tipsets, its MaxFilterHeightRange). The traces themselves: lotus-traces.ts. And
// trace_call, which Lotus lacks and Forest serves (parity-trace-call.ts).
// Unlike Lotus, `latest` is the head (eager execution, as everywhere on this devnet).

import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { ethTraceBlockJson, ethTraceReplayJson, type EthTrace } from '../eth/index.ts';
import { SignatureType, bytesEqual } from '../primitives/index.ts';
import { RpcError, blockNumberOrTag, blockRef, callRequest, hash32, method, traceFilter, traceTypes, type BlockRef, type RpcMethod, type TraceFilter } from '../rpc/index.ts';
import type { ChainView } from './chain-view.ts';
import { tipsetTraces } from './lotus-traces.ts';
import { parityTraceCall } from './parity-trace-call.ts';
import { ethTransaction, locate } from './transactions.ts';

/** Lotus's EthTraceFilterMaxResults default. */
export const TRACE_FILTER_MAX_RESULTS = 500;
/** Lotus's MaxFilterHeightRange default. */
const TRACE_FILTER_MAX_RANGE = 2880;
/** Lotus's code for a block range over the limit. */
const RANGE_EXCEEDED = -32005;

const blockParam = { name: 'block', parse: blockNumberOrTag } as const;

/** The tipset a trace method names; a null round is error 12, a future epoch an error too. */
function tracedTipset(view: ChainView, ref: BlockRef): TipsetRecord {
  const record = view.blockAt(ref);
  if (!record) throw new RpcError(-32000, "requested a future epoch (beyond 'latest')");
  return record;
}

export function traceMethods(view: ChainView): RpcMethod[] {
  return [
    method('trace_block', [blockParam], async ([b]) => {
      const traces = await tipsetTraces(view, tracedTipset(view, b));
      return traces.flatMap(({ location, traces }) => traces.map((t) => ethTraceBlockJson(t, location)));
    }),
    method('trace_replayBlockTransactions', [blockParam, { name: 'traceTypes', parse: traceTypes }], async ([b, types]) => {
      if (types.length !== 1 || types[0] !== 'trace') throw new RpcError(-32000, "only 'trace' is supported");
      const traces = await tipsetTraces(view, tracedTipset(view, b));
      return traces.map(({ location, traces }) => ethTraceReplayJson(traces, location.transactionHash));
    }),
    method('trace_transaction', [{ name: 'hash', parse: hash32 }], async ([hash]) => {
      const cid = view.messageCid(hash);
      const at = cid && locate(view, cid);
      if (!at) throw new RpcError(-32000, isPending(view, hash) ? 'no trace for pending transactions' : 'transaction not found');
      const traces = await tipsetTraces(view, at.record);
      const mine = traces.find((t) => bytesEqual(t.location.transactionHash, hash));
      return (mine?.traces ?? []).map((t) => ethTraceBlockJson(t, mine!.location));
    }),
    method('trace_filter', [{ name: 'filter', parse: traceFilter }], ([f]) => filterTraces(view, f)),
    method('trace_call', [{ name: 'transaction', parse: callRequest }, { name: 'traceTypes', parse: traceTypes }, { name: 'block', parse: blockRef, optional: true }], ([t, types, b]) =>
      parityTraceCall(view, t, types, b),
    ),
  ];
}

async function filterTraces(view: ChainView, filter: TraceFilter): Promise<unknown[]> {
  const from = filterHeight(view, filter.fromBlock, 'fromBlock');
  const to = filterHeight(view, filter.toBlock, 'toBlock');
  if (to > from && to - from > TRACE_FILTER_MAX_RANGE) throw new RpcError(RANGE_EXCEEDED, `block range of ${to - from} is over the limit of ${TRACE_FILTER_MAX_RANGE}`);
  if (filter.count === 0n) return [];
  if (filter.count !== undefined && filter.count > BigInt(TRACE_FILTER_MAX_RESULTS)) {
    throw new RpcError(-32000, `invalid response count, requested ${filter.count}, maximum supported is ${TRACE_FILTER_MAX_RESULTS}`);
  }
  const results: unknown[] = [];
  let matched = 0n;
  for (let height = from; height <= to; height++) {
    const record = view.node.chain.store.atHeight(height);
    if (!record) continue; // a null round
    for (const { location, traces } of await tipsetTraces(view, record)) {
      for (const trace of traces) {
        if (!matches(trace, filter)) continue;
        matched++;
        if (filter.after !== undefined && matched <= filter.after) continue;
        results.push(ethTraceBlockJson(trace, location));
        if (filter.count !== undefined && BigInt(results.length) >= filter.count) return results;
        if (filter.count === undefined && results.length > TRACE_FILTER_MAX_RESULTS) {
          throw new RpcError(-32000, `too many results, maximum supported is ${TRACE_FILTER_MAX_RESULTS}, try paginating requests with After and Count`);
        }
      }
    }
  }
  return results;
}

/** A trace_filter bound as a height: `latest` (the default), `pending`, `safe` and `finalized` are the head. */
function filterHeight(view: ChainView, ref: BlockRef | undefined, name: string): number {
  const head = view.head().height;
  if (!ref || ref.kind !== 'number') {
    if (ref?.kind === 'tag' && ref.tag === 'earliest') throw new RpcError(-32602, `invalid ${name}: block param "earliest" is not supported`);
    return head;
  }
  return ref.number > BigInt(head) ? head + 1 : Number(ref.number);
}

function isPending(view: ChainView, hash: Uint8Array): boolean {
  return view.node.mempool.pending().some((signed) => signed.signature.type === SignatureType.DELEGATED && bytesEqual(ethTransaction(view, signed).hash, hash));
}

function matches(trace: EthTrace, filter: TraceFilter): boolean {
  const from = trace.action.from;
  const to = trace.type === 'call' ? trace.action.to : trace.result.address;
  if (filter.fromAddress.length > 0 && !filter.fromAddress.some((a) => bytesEqual(a, from))) return false;
  if (filter.toAddress.length > 0 && (!to || !filter.toAddress.some((a) => bytesEqual(a, to)))) return false;
  return true;
}
