// debug_traceCall's execution: the call eth_call would run (call.ts: on a throw-away copy of the state
// after the requested tipset, at the next epoch, an unknown sender made an Ethereum account, its value
// lent, no fees) but with a tracer, and with the state flushed before and after it so that a tracer can
// compare the two. The message comes from call-message.ts, as eth_call's does, so that it is the same call.

import type { Chain } from '../chain/chain.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import type { Blockstore, CID } from '../ipld/index.ts';
import type { Message } from '../primitives/index.ts';
import { applyMessage, type ApplyResult, type ExecutionTracer } from '../vm/index.ts';
import type { CallSpec } from './call-types.ts';
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
}

export async function traceCall(chain: Chain, at: TipsetRecord, spec: CallSpec, gasLimit: number, tracer: ExecutionTracer): Promise<TracedCall> {
  const { store, tree, message, context, size } = prepareCall(chain, at, spec, gasLimit);
  const before = tree.flush();
  const result = await applyMessage(tree, chain.registry, context, message, { size, tracer });
  const after = tree.flush();
  const post = new StateReader(store, after, chain.registry);
  return { message, result, store, before, after, deployedCode: (address) => post.code(address), created: createdContract(message, result.receipt) };
}
