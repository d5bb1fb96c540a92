// The traces of trace_block and its companions, as Lotus builds them (LOTUS:node/impl/eth/trace.go):
// each message of a tipset re-executed with a call-tree recorder, read with FEVM's rules (fevm-calls.ts)
// and flattened depth first into OpenEthereum's list, each entry with its traceAddress and number of
// subtraces. Calls of precompiles are not sends on FEVM and are left out (the sends they make stay, as
// calls of the contract); gasUsed is what a call used itself, not counting its subtraces, as Lotus
// reports it; a create's code is the sentinel 0xfe; there are no reward traces and no SELFDESTRUCT
// traces; messages from the system actor are skipped. A tipset's traces are kept for the next question.

import { replayTipset } from '../chain/trace-tipset.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import type { Chain } from '../chain/chain.ts';
import { traceErrorMessage, type EthTrace, type EthTraceLocation } from '../eth/index.ts';
import { ExitCode, Protocol } from '../primitives/index.ts';
import { StateTree } from '../state/index.ts';
import { CallTreeRecorder, SYSTEM_ACTOR_ID } from '../vm/index.ts';
import type { ChainView } from './chain-view.ts';
import { fevmCalls, type EthCall } from './fevm-calls.ts';

/** The traces of one transaction, where it sits in its tipset. */
export interface TransactionTraces {
  location: EthTraceLocation;
  traces: EthTrace[];
}

const MAX_CACHED_TIPSETS = 32;
const caches = new WeakMap<Chain, Map<string, TransactionTraces[]>>();

/** Every transaction's traces in `record`, in order (Lotus EthTraceBlock before flattening into one list). */
export async function tipsetTraces(view: ChainView, record: TipsetRecord): Promise<TransactionTraces[]> {
  const chain = view.node.chain;
  let cache = caches.get(chain);
  if (!cache) caches.set(chain, (cache = new Map()));
  const key = record.key.toString();
  const hit = cache.get(key);
  if (hit) return hit;
  const traces = await traceTipset(view, record);
  cache.set(key, traces);
  if (cache.size > MAX_CACHED_TIPSETS) cache.delete(cache.keys().next().value!);
  return traces;
}

async function traceTipset(view: ChainView, record: TipsetRecord): Promise<TransactionTraces[]> {
  const chain = view.node.chain;
  const recorders: CallTreeRecorder[] = [];
  const replay = await replayTipset(chain, record, {
    tracer: (index) => (recorders[index] = new CallTreeRecorder()),
  });
  const after = StateTree.load(view.store, record.stateRoot);
  const out: TransactionTraces[] = [];
  for (const { index, signed, cid } of replay.messages) {
    const from = signed.message.from;
    if (from.protocol === Protocol.ID && from.id === SYSTEM_ACTOR_ID) continue;
    const root = recorders[index]!.root;
    const sender = view.ethAddress(from, after);
    const call = root && sender ? fevmCalls(root, { sender, typeOf: (code) => chain.registry.typeOf(code) }) : null;
    out.push({
      location: { blockHash: record.key.multihash.digest, blockNumber: record.height, transactionHash: view.txHash(signed, cid), transactionPosition: out.length },
      traces: flatTraces(call),
    });
  }
  return out;
}

/** A call tree as Lotus's flat list: depth first, each entry with its address in the tree. */
export function flatTraces(root: EthCall | null): EthTrace[] {
  const out: EthTrace[] = [];
  if (root) add(root, [], out);
  return out;
}

function add(call: EthCall, traceAddress: number[], out: EthTrace[]): void {
  const entry = traceOf(call, traceAddress);
  out.push(entry);
  const children = sends(call.calls);
  children.forEach((child, i) => add(child, [...traceAddress, i], out));
  entry.subtraces = children.length;
}

/** Calls that are sends on FEVM: a precompile's own call is not, the sends it makes are. */
function sends(calls: readonly EthCall[]): EthCall[] {
  return calls.flatMap((c) => (c.precompile ? sends(c.calls) : [c]));
}

function traceOf(call: EthCall, traceAddress: number[]): EthTrace {
  // What the call used itself (Lotus: the gas charged in its own frame); for a create that includes the
  // constructor's own execution, which Lotus, counting only the EAM's frame, leaves out.
  const own = call.gasUsed - sends(call.calls).reduce((sum, c) => sum + c.gasUsed, 0n);
  const gasUsed = own > 0n ? own : 0n;
  const error = traceErrorMessage(call.exitCode, call.evmCallee);
  const common = { ...(error && { error }), subtraces: 0, traceAddress };
  if (call.type === 'create' || call.type === 'create2') {
    // Lotus cannot give the deployed code reliably and puts the invalid byte 0xfe (EIP-3541) instead.
    const code = call.exitCode === ExitCode.OK ? Uint8Array.of(0xfe) : call.exitCode === ExitCode.EVM_REVERTED ? call.output : new Uint8Array(0);
    return {
      ...common,
      type: 'create',
      action: { from: call.from, gas: call.gas, value: call.value, init: call.input },
      result: { ...(call.to && { address: call.to }), gasUsed, code },
    };
  }
  return {
    ...common,
    type: 'call',
    action: { callType: call.type, from: call.from, to: call.to ?? new Uint8Array(20), gas: call.gas, value: call.value, input: call.input },
    result: { gasUsed, output: call.output },
  };
}
