// debug_traceCall's execution: the call eth_call would run (call.ts: on a throw-away copy of the state
// after the requested tipset, at the next epoch, an unknown sender made an Ethereum account, its value
// lent, no fees) but with a tracer, and with the state flushed before and after it so that a tracer can
// compare the two. The message comes from call-message.ts, as eth_call's does, so that it is the same call.

import { BLOCK_GAS_LIMIT } from '../chain/blocks/base-fee.ts';
import type { Chain } from '../chain/chain.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import type { Blockstore, CID } from '../ipld/index.ts';
import type { Message } from '../primitives/index.ts';
import type { BlockRef, CallRequest } from '../rpc/index.ts';
import { applyMessage, type ApplyResult, type ExecutionTracer } from '../vm/index.ts';
import type { CallSpec } from './call-types.ts';
import type { ChainView } from './chain-view.ts';
import { prepareCall } from './call-message.ts';
import { createdContract } from './transactions.ts';
import { StateReader } from './state-reader.ts';

export interface TracedCall {
  message: Message;
  result: ApplyResult;
  store: Blockstore;
  before: CID;
  after: CID;
  /** The code a create left behind (what eth_call answers for one). */
  deployedCode(address: Uint8Array): Uint8Array;
  created: Uint8Array | null;
  /** The height the call runs at (the next tipset's). */
  height: number;
}

export async function traceCall(chain: Chain, at: TipsetRecord, spec: CallSpec, gasLimit: number, tracer: ExecutionTracer): Promise<TracedCall> {
  const { store, tree, message, context, size } = prepareCall(chain, at, spec, gasLimit);
  const before = tree.flush();
  const result = await applyMessage(tree, chain.registry, context, message, { size, tracer });
  const after = tree.flush();
  const post = new StateReader(store, after, chain.registry);
  return { message, result, store, before, after, deployedCode: (address) => post.code(address), created: createdContract(message, result.receipt), height: at.height + 1 };
}

/**
 * A traced call as debug_traceCall and trace_call ask for it: on the state at `ref` (the head by
 * default), at the next tipset's time when that is the head (as eth_call), with the request's gas when
 * it is under the block's 10 billion.
 */
export function traceRequest(view: ChainView, request: CallRequest, ref: BlockRef | undefined, tracer: ExecutionTracer): Promise<TracedCall> {
  const at = view.stateAt(ref);
  const timestamp = at.height === view.head().height ? view.node.producer.pendingTimestamp() : undefined;
  const gas = request.gas !== undefined && request.gas > 0n && request.gas < BigInt(BLOCK_GAS_LIMIT) ? Number(request.gas) : BLOCK_GAS_LIMIT;
  const spec = { from: request.from, to: request.to, value: request.value, data: request.data, timestamp };
  return traceCall(view.node.chain, at, spec, gas, tracer);
}
