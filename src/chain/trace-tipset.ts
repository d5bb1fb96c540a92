// Re-executing one sealed tipset to trace its messages (Lotus's StateManager.ExecutionTrace): its
// messages, in the order they ran, applied again to the state its block was built on, each with the
// tracer the caller gives it, on a throw-away copy of the state (nothing is written to the chain).
// Execution is deterministic, so each message runs as it ran when sealed. Around a traced message the
// state can be flushed, so that a tracer can compare the state before and after it (geth's prestate).
// What the traces mean to Ethereum clients is the gateway's business.

import { BufferedBlockstore, signedMessageBlock, type Blockstore, type CID } from '../ipld/index.ts';
import type { SignedMessage } from '../primitives/index.ts';
import { StateTree } from '../state/index.ts';
import { applyMessage, type ApplyResult, type ExecutionTracer } from '../vm/index.ts';
import type { Chain } from './chain.ts';
import { tipsetMessages } from './replay.ts';
import type { TipsetRecord } from './store/tipset-record.ts';

export interface ReplayedMessage {
  /** Position in the tipset (the Ethereum transaction index). */
  index: number;
  signed: SignedMessage;
  cid: CID;
  result: ApplyResult;
  /** With `states`, for a traced message: the state roots just before and just after it. */
  before?: CID;
  after?: CID;
}

export interface TipsetReplayOptions {
  /** The tracer of the message at `index`, or undefined to run it untraced. */
  tracer(index: number, signed: SignedMessage): ExecutionTracer | undefined;
  /** Stop after the message at this index. */
  last?: number;
  /** Record the state roots around each traced message. */
  states?: boolean;
}

export interface TipsetReplay {
  /** Holds the replayed states (`before`/`after` roots) on top of the chain's blocks. */
  store: Blockstore;
  messages: ReplayedMessage[];
}

/** Applies `record`'s messages again on the state before it, tracing those `options.tracer` asks for. */
export async function replayTipset(chain: Chain, record: TipsetRecord, options: TipsetReplayOptions): Promise<TipsetReplay> {
  const header = chain.header(record);
  const store = new BufferedBlockstore(chain.store.blocks);
  const tree = StateTree.load(store, header.parentStateRoot);
  const context = chain.contextFor(record.height, record.timestamp, record.baseFee);
  const messages: ReplayedMessage[] = [];
  const signedMessages = tipsetMessages(chain.store.blocks, header.messages);
  const last = Math.min(options.last ?? signedMessages.length - 1, signedMessages.length - 1);
  for (let index = 0; index <= last; index++) {
    const signed = signedMessages[index]!;
    const block = signedMessageBlock(signed);
    const tracer = options.tracer(index, signed);
    const before = tracer && options.states ? tree.flush() : undefined;
    const result = await applyMessage(tree, chain.registry, context, signed.message, { size: block.bytes.length, tracer });
    const replayed: ReplayedMessage = { index, signed, cid: block.cid, result };
    if (before) Object.assign(replayed, { before, after: tree.flush() });
    messages.push(replayed);
  }
  return { store, messages };
}
