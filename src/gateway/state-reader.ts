// What the Ethereum view reads of the state at a tipset (FEVM-FACTS §10): balances (attoFIL, 0 for a
// missing actor), nonces (an account's sequence; a contract's CREATE nonce, 0 once dead), code (the
// runtime bytecode of a live contract, else empty) and storage (a contract's KAMT slot, else zero).

import { readEvmState, isDead } from '../actors/evm/evm-state.ts';
import { ContractStorage, getBlock, type Blockstore, type CID } from '../ipld/index.ts';
import { ethAddressToFilecoinAddress, isMaskedIdEthAddress, maskedIdToId, type EthAddress } from '../primitives/index.ts';
import type { ActorState } from '../state/index.ts';
import { StateTree } from '../state/index.ts';
import { ActorType, type ActorRegistry } from '../vm/index.ts';

/** Outside any message every tombstone is in the past. */
const NO_MESSAGE = { origin: -1n, nonce: -1n };

/** The actor an Ethereum address names in `tree` (f410 or masked id), if any. */
export function findActor(tree: StateTree, eth: EthAddress): { id: bigint; actor: ActorState } | undefined {
  const id = isMaskedIdEthAddress(eth) ? maskedIdToId(eth) : tree.lookupId(ethAddressToFilecoinAddress(eth));
  const actor = id === undefined ? undefined : tree.getActor(id);
  return id === undefined || !actor ? undefined : { id, actor };
}

export class StateReader {
  readonly tree: StateTree;
  private readonly registry: ActorRegistry;

  constructor(store: Blockstore, stateRoot: CID, registry: ActorRegistry) {
    this.tree = StateTree.load(store, stateRoot);
    this.registry = registry;
  }

  actor(eth: EthAddress): { id: bigint; actor: ActorState } | undefined {
    return findActor(this.tree, eth);
  }

  balance(eth: EthAddress): bigint {
    return this.actor(eth)?.actor.balance ?? 0n;
  }

  nonce(eth: EthAddress): bigint {
    const found = this.actor(eth);
    if (!found) return 0n;
    if (this.registry.typeOf(found.actor.code) !== ActorType.EVM) return found.actor.sequence;
    const state = readEvmState(this.tree.store, found.actor.head);
    return isDead(state, NO_MESSAGE) ? 0n : state.nonce;
  }

  code(eth: EthAddress): Uint8Array {
    const found = this.actor(eth);
    if (!found || this.registry.typeOf(found.actor.code) !== ActorType.EVM) return new Uint8Array(0);
    const state = readEvmState(this.tree.store, found.actor.head);
    return isDead(state, NO_MESSAGE) ? new Uint8Array(0) : getBlock(this.tree.store, state.bytecode);
  }

  storage(eth: EthAddress, slot: bigint): bigint {
    const found = this.actor(eth);
    if (!found || this.registry.typeOf(found.actor.code) !== ActorType.EVM) return 0n;
    const state = readEvmState(this.tree.store, found.actor.head);
    if (isDead(state, NO_MESSAGE)) return 0n;
    return ContractStorage.load(this.tree.store, state.contractState).get(slot);
  }

  isContract(eth: EthAddress): boolean {
    const found = this.actor(eth);
    return !!found && this.registry.typeOf(found.actor.code) === ActorType.EVM;
  }
}
