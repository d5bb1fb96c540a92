// Putting Ethereum accounts straight into a state tree, for conformance tests and state overrides: an
// EOA becomes an EthAccount actor, a contract an EVM actor with its runtime code, storage (a KAMT) and
// CREATE nonce (FEVM-FACTS §4.1, §6.1), each under the f410 address of its Ethereum address, as the EAM
// would have registered it (§1.3, §3.4). No constructor runs and no gas is charged: this edits state,
// it executes nothing. An address the tree already knows (the genesis EthAccount at 0x0) keeps its id
// and gets the new actor. Masked-ID addresses (0xff00…) name existing actors and cannot be installed.

import { newEvmState, putEvmState } from '../actors/evm/evm-state.ts';
import { ContractStorage } from '../ipld/index.ts';
import { InvalidInputError, bytesToHex, ethAddressToFilecoinAddress, isMaskedIdEthAddress, type EthAddress } from '../primitives/index.ts';
import { createActorState, type StateTree } from '../state/index.ts';
import { ActorType, type ActorRegistry } from '../vm/index.ts';

export interface EthAccountSpec {
  /** attoFIL. */
  balance: bigint;
  /** Messages already sent: the actor's sequence. */
  nonce: bigint;
}

export interface ContractSpec {
  /** Runtime bytecode. */
  code: Uint8Array;
  /** Slot → value; zero values are not stored. */
  storage: Map<bigint, bigint>;
  /** The contract's CREATE nonce (EVM state `nonce`). */
  nonce: bigint;
  /** attoFIL. */
  balance: bigint;
}

/** Installs an EthAccount at `eth`; answers its actor id. */
export function installEthAccount(tree: StateTree, registry: ActorRegistry, eth: EthAddress, spec: EthAccountSpec): bigint {
  const { id, address } = idFor(tree, eth);
  tree.setActor(id, { ...createActorState(registry.codeCid(ActorType.EthAccount), address, spec.balance), sequence: spec.nonce });
  return id;
}

/** Installs an EVM actor at `eth` running `spec.code` over `spec.storage`; answers its actor id. */
export function installContract(tree: StateTree, registry: ActorRegistry, eth: EthAddress, spec: ContractSpec): bigint {
  const storage = ContractStorage.create(tree.store);
  for (const [slot, value] of spec.storage) storage.set(slot, value);
  const state = { ...newEvmState(tree.store, spec.code, storage.flush()), nonce: spec.nonce };
  const { id, address } = idFor(tree, eth);
  tree.setActor(id, { ...createActorState(registry.codeCid(ActorType.EVM), address, spec.balance), head: putEvmState(tree.store, state) });
  return id;
}

function idFor(tree: StateTree, eth: EthAddress) {
  if (isMaskedIdEthAddress(eth)) throw new InvalidInputError(`cannot install an actor at masked-ID address ${bytesToHex(eth)}`);
  const address = ethAddressToFilecoinAddress(eth);
  return { address, id: tree.lookupId(address) ?? tree.registerNewAddress(address) };
}
