// trace_call (OpenEthereum's trace module, as Forest serves it for FEVM): the call eth_call would run,
// answered with what it would do: `output` (what eth_call answers, or the revert data), `trace`
// (its calls in trace_transaction's shape and FEVM's rules: lotus-traces.ts) and `stateDiff` (what it
// would change: parity-state-diff.ts). `vmTrace` is refused, as Forest does: there is no FEVM
// equivalent of its per-opcode VM trace; debug_traceCall's struct logger has the steps.

import { ethTraceJson, toData } from '../eth/index.ts';
import { RpcError, type BlockRef, type CallRequest } from '../rpc/index.ts';
import { CallTreeRecorder } from '../vm/index.ts';
import type { ChainView } from './chain-view.ts';
import { fevmCalls } from './fevm-calls.ts';
import { outputOf, rootCall, touchedBy } from './geth-tracers.ts';
import { flatTraces } from './lotus-traces.ts';
import { parityStateDiff } from './parity-state-diff.ts';
import { createTouchCollector } from './prestate-tracer.ts';
import { traceRequest } from './trace-call.ts';

const SERVED_TYPES = ['trace', 'stateDiff'];

export async function parityTraceCall(view: ChainView, request: CallRequest, types: string[], ref: BlockRef | undefined): Promise<unknown> {
  for (const type of types) {
    if (type === 'vmTrace') throw new RpcError(-32602, "invalid traceTypes: 'vmTrace' is not supported on FEVM (debug_traceCall's struct logger has the opcodes)");
    if (!SERVED_TYPES.includes(type)) throw new RpcError(-32602, `invalid traceTypes: unknown trace type ${JSON.stringify(type)} (served: ${SERVED_TYPES.join(', ')})`);
  }
  const diff = types.includes('stateDiff');
  const collector = diff ? createTouchCollector() : undefined;
  const recorder = new CallTreeRecorder(collector ? { onStep: collector.onStep } : {});
  const traced = await traceRequest(view, request, ref, recorder);
  const run = { ...traced, firstLogIndex: 0, miner: view.node.chain.minerId };
  const root = rootCall(recorder, run, view);
  const registry = view.node.chain.registry;
  const sender = view.ethAddress(traced.message.from) ?? new Uint8Array(20);
  const calls = types.includes('trace') && recorder.root ? fevmCalls(recorder.root, { sender, typeOf: (code) => registry.typeOf(code) }) : null;
  return {
    output: toData(outputOf(root, run)),
    stateDiff: collector ? parityStateDiff(touchedBy(recorder, run, view, collector.touched), traced.store, registry, traced.before, traced.after) : null,
    trace: flatTraces(calls).map(ethTraceJson),
    vmTrace: null,
  };
}
