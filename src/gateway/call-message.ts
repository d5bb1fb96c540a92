// The message eth_call, eth_estimateGas and debug_traceCall run (FEVM-FACTS §8.5), on a throw-away
// copy of the state after `at` at the next epoch: an unknown sender is made an Ethereum account, the
// sender is lent the value, and no fees are paid. One place, so that a traced call is the same call.

import { EVM_METHOD_INVOKE_CONTRACT } from '../actors/evm/invoke-encoding.ts';
import { EAM_METHOD_CREATE_EXTERNAL } from '../actors/index.ts';
import type { Chain } from '../chain/chain.ts';
import { installEthAccount } from '../chain/state-edit.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { BufferedBlockstore, encodeCbor, encodeSignedMessage } from '../ipld/index.ts';
import { Address, EAM_ACTOR_ID, SignatureType, ethAddressToFilecoinAddress, type Message } from '../primitives/index.ts';
import type { StateTree } from '../state/index.ts';
import type { ExecutionContext } from '../vm/index.ts';
import type { CallSpec } from './call-types.ts';
import { StateReader } from './state-reader.ts';

const ZERO_ADDRESS = new Uint8Array(20);
/** A delegated signature's size in the message's inclusion cost. */
const SIGNATURE_BYTES = 65;

export interface PreparedCall {
  store: BufferedBlockstore;
  reader: StateReader;
  tree: StateTree;
  message: Message;
  context: ExecutionContext;
  /** The message's size as included, for its inclusion gas. */
  size: number;
}

export function prepareCall(chain: Chain, at: TipsetRecord, spec: CallSpec, gasLimit: number): PreparedCall {
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
  return { store, reader, tree, message, context, size };
}
