// debug_traceCall's execution: the call eth_call would run (call.ts: on a throw-away copy of the state
// after the requested tipset, at the next epoch, an unknown sender made an Ethereum account, its value
// lent, no fees) but with a tracer, and with the state flushed before and after it so that a tracer can
// compare the two. Built like call.ts's message on purpose, so that the traced call is the same call.

import { EVM_METHOD_INVOKE_CONTRACT } from '../actors/evm/invoke-encoding.ts';
import { EAM_METHOD_CREATE_EXTERNAL } from '../actors/index.ts';
import type { Chain } from '../chain/chain.ts';
import { installEthAccount } from '../chain/state-edit.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { BufferedBlockstore, encodeCbor, encodeSignedMessage, type Blockstore, type CID } from '../ipld/index.ts';
import { Address, EAM_ACTOR_ID, SignatureType, ethAddressToFilecoinAddress, type Message } from '../primitives/index.ts';
import { applyMessage, type ApplyResult, type ExecutionTracer } from '../vm/index.ts';
import type { CallSpec } from './call.ts';
import { createdContract } from './transactions.ts';
import { StateReader } from './state-reader.ts';

const ZERO_ADDRESS = new Uint8Array(20);
/** A delegated signature's size in the message's inclusion cost. */
const SIGNATURE_BYTES = 65;

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
  const store = new BufferedBlockstore(chain.store.blocks);
  const reader = new StateReader(store, at.stateRoot, chain.registry);
  const tree = reader.tree;
  const from = spec.from ?? ZERO_ADDRESS;
  const value = spec.value ?? 0n;
  const sender = reader.actor(from);
  if (!sender) installEthAccount(tree, chain.registry, from, { balance: value, nonce: 0n });
  else if (sender.actor.balance < value) tree.setActor(sender.id, { ...sender.actor, balance: value });
  const data = spec.data ?? new Uint8Array(0);
  let method = 0;
  let params: Uint8Array = new Uint8Array(0);
  if (!spec.to) {
    method = EAM_METHOD_CREATE_EXTERNAL;
    params = encodeCbor(data);
  } else if (data.length > 0 || reader.isContract(spec.to)) {
    method = EVM_METHOD_INVOKE_CONTRACT;
    params = data.length > 0 ? encodeCbor(data) : new Uint8Array(0);
  }
  const message: Message = {
    version: 0,
    from: ethAddressToFilecoinAddress(from),
    to: spec.to ? ethAddressToFilecoinAddress(spec.to) : Address.newId(EAM_ACTOR_ID),
    sequence: reader.actor(from)!.actor.sequence,
    value,
    gasLimit,
    gasFeeCap: 0n,
    gasPremium: 0n,
    method,
    params,
  };
  const context = chain.contextFor(at.height + 1, spec.timestamp ?? at.timestamp + 1, at.nextBaseFee);
  const size = encodeSignedMessage({ message, signature: { type: SignatureType.DELEGATED, data: new Uint8Array(SIGNATURE_BYTES) } }).length;
  const before = tree.flush();
  const result = await applyMessage(tree, chain.registry, context, message, { size, tracer });
  const after = tree.flush();
  const post = new StateReader(store, after, chain.registry);
  return { message, result, store, before, after, deployedCode: (address) => post.code(address), created: createdContract(message, result.receipt) };
}
