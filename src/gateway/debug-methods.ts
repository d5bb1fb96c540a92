// geth's tracing methods (go-ethereum eth/tracers/api.go): debug_traceTransaction, debug_traceCall,
// debug_traceBlockByNumber and debug_traceBlockByHash, each with an optional TraceConfig that picks the
// struct logger (default) or a named tracer (geth-tracers.ts). A transaction is traced by
// re-executing its tipset up to it (chain/trace-tipset.ts); a call runs as eth_call runs it. Lotus
// serves none of these (Forest serves debug_traceTransaction); they are here for the tools that use them.

import { eventToLog } from '../chain/blocks/event-log.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { replayTipset, type ReplayedMessage } from '../chain/trace-tipset.ts';
import { toHash } from '../eth/index.ts';
import { RpcError, blockNumberOrTag, blockRef, callRequest, defaultTraceConfig, hash32, method, traceConfig, type BlockRef, type CallRequest, type RpcMethod, type TraceConfig } from '../rpc/index.ts';
import type { ApplyResult } from '../vm/index.ts';
import type { ChainView } from './chain-view.ts';
import { gethTracer, type GethTracer } from './geth-tracers.ts';
import { StateReader } from './state-reader.ts';
import { traceRequest } from './trace-call.ts';
import { locate } from './transactions.ts';

const configParam = { name: 'config', parse: traceConfig, optional: true } as const;

export function debugMethods(view: ChainView): RpcMethod[] {
  return [
    method('debug_traceTransaction', [{ name: 'hash', parse: hash32 }, configParam], async ([hash, config]) => {
      const cid = view.messageCid(hash);
      const at = cid && locate(view, cid);
      if (!at) throw new RpcError(-32000, 'transaction not found');
      const answers = await traceTipset(view, at.record, config ?? defaultTraceConfig(), at.index);
      return answers[at.index]!.result;
    }),
    method('debug_traceBlockByNumber', [{ name: 'block', parse: blockNumberOrTag }, configParam], ([b, config]) => traceBlock(view, blockAt(view, b), config)),
    method('debug_traceBlockByHash', [{ name: 'hash', parse: hash32 }, configParam], ([hash, config]) => {
      const record = view.node.chain.store.byEthHash(hash);
      if (!record) throw new RpcError(-32000, `block ${toHash(hash)} not found`);
      return traceBlock(view, record, config);
    }),
    method('debug_traceCall', [{ name: 'transaction', parse: callRequest }, { name: 'block', parse: blockRef, optional: true }, configParam], ([t, b, config]) =>
      traceOneCall(view, t, b, config ?? defaultTraceConfig()),
    ),
  ];
}

function blockAt(view: ChainView, ref: BlockRef): TipsetRecord {
  const record = view.blockAt(ref);
  if (!record) throw new RpcError(-32000, "requested a future epoch (beyond 'latest')");
  return record;
}

async function traceBlock(view: ChainView, record: TipsetRecord, config: TraceConfig | undefined): Promise<unknown[]> {
  const answers = await traceTipset(view, record, config ?? defaultTraceConfig());
  return answers.map(({ txHash, result }) => ({ txHash: toHash(txHash), result }));
}

/** Re-executes `record` (up to message `only`, or all of it), tracing `only` or every message. */
async function traceTipset(view: ChainView, record: TipsetRecord, config: TraceConfig, only?: number): Promise<{ txHash: Uint8Array; result: unknown }[]> {
  const chain = view.node.chain;
  const tracers: GethTracer[] = [];
  // Made first so that an unknown tracer is refused before anything runs.
  let unused: GethTracer | undefined = gethTracer(config, view);
  const replay = await replayTipset(chain, record, {
    last: only,
    states: unused.needsStates,
    tracer: (index) => {
      if (only !== undefined && index !== only) return undefined;
      const tracer = unused ?? gethTracer(config, view);
      unused = undefined;
      tracers[index] = tracer;
      return tracer.recorder;
    },
  });
  const after = new StateReader(view.store, record.stateRoot, chain.registry);
  let logIndex = 0;
  const answers: { txHash: Uint8Array; result: unknown }[] = [];
  for (const replayed of replay.messages) {
    const tracer = tracers[replayed.index];
    if (tracer) {
      const txHash = view.txHash(replayed.signed, replayed.cid);
      const location = { blockHash: record.key.multihash.digest, blockNumber: record.height, transactionHash: txHash, transactionPosition: replayed.index };
      const run = { ...runOf(replayed), store: replay.store, firstLogIndex: logIndex, miner: chain.minerId, deployedCode: (a: Uint8Array) => after.code(a), location, height: record.height };
      answers[replayed.index] = { txHash, result: tracer.answer(run) };
    }
    logIndex += logCount(replayed.result);
  }
  return answers;
}

function runOf(replayed: ReplayedMessage) {
  return { message: replayed.signed.message, result: replayed.result, before: replayed.before, after: replayed.after };
}

/** The Ethereum logs a message emitted (its events that are logs). */
function logCount(result: ApplyResult): number {
  return result.events.filter((e) => eventToLog(e.event) !== undefined).length;
}

async function traceOneCall(view: ChainView, request: CallRequest, ref: BlockRef | undefined, config: TraceConfig): Promise<unknown> {
  const tracer = gethTracer(config, view);
  const traced = await traceRequest(view, request, ref, tracer.recorder);
  return tracer.answer({ ...traced, firstLogIndex: 0, miner: view.node.chain.minerId });
}
