// A genesis state and helpers to apply messages to it, shared by the VM and actor tests.

import { createBuiltinRegistry } from '../../src/actors/index.ts';
import { buildGenesisState, type GenesisAccount } from '../../src/chain/genesis-state.ts';
import { MemoryBlockstore, encodeSignedMessage } from '../../src/ipld/index.ts';
import {
  ATTO_PER_FIL,
  Address,
  SignatureType,
  blake2b256,
  ethAddressToFilecoinAddress,
  type Message,
} from '../../src/primitives/index.ts';
import { StateTree } from '../../src/state/index.ts';
import { applyMessage, type ActorCode, type ActorRegistry, type ApplyOptions, type ApplyResult, type ExecutionContext } from '../../src/vm/index.ts';

export const ETH_A = new Uint8Array(20).fill(0xa1);
export const ETH_B = new Uint8Array(20).fill(0xb2);
export const F1_KEY = Address.newSecp256k1(Uint8Array.from([4, ...new Uint8Array(64).fill(7)]));
export const START_BALANCE = 10_000n * ATTO_PER_FIL;

export function f410(eth: Uint8Array): Address {
  return ethAddressToFilecoinAddress(eth);
}

export interface Harness {
  store: MemoryBlockstore;
  tree: StateTree;
  registry: ActorRegistry;
  context: ExecutionContext;
  ids: { a: bigint; b: bigint; f1: bigint; miner: bigint; zero: bigint };
  apply(message: Partial<Message> & Pick<Message, 'from' | 'to'>, options?: Pick<ApplyOptions, 'tracer'>): Promise<ApplyResult>;
  balance(address: Address | bigint): bigint;
  total(): bigint;
}

export function createHarness(extraActors: (registry: ActorRegistry) => ActorRegistry = (r) => r): Harness {
  const store = new MemoryBlockstore();
  const accounts: GenesisAccount[] = [
    { address: ETH_A, balance: START_BALANCE },
    { address: ETH_B, balance: START_BALANCE },
    { address: F1_KEY, balance: START_BALANCE },
  ];
  const genesis = buildGenesisState(store, { networkName: 'test', accounts });
  const tree = StateTree.load(store, genesis.stateRoot);
  const registry = extraActors(createBuiltinRegistry());
  const context: ExecutionContext = {
    epoch: 1,
    timestamp: 1_700_000_000,
    baseFee: 100n,
    chainId: 31415926,
    networkVersion: 28,
    miner: genesis.minerId,
    beaconRandomness: (tag, epoch, entropy) => blake2b256(Uint8Array.from([tag, epoch & 0xff, ...entropy])),
    tipsetCid: () => undefined,
  };
  const [a, b, f1] = genesis.accountIds as [bigint, bigint, bigint];
  const nonces = new Map<string, bigint>();
  return {
    store,
    tree,
    registry,
    context,
    ids: { a, b, f1, miner: genesis.minerId, zero: genesis.zeroAddressId },
    async apply(partial, options = {}) {
      const key = partial.from.key();
      const message: Message = {
        version: 0,
        sequence: partial.sequence ?? nonces.get(key) ?? 0n,
        value: 0n,
        gasLimit: 10_000_000,
        gasFeeCap: 1_000n,
        gasPremium: 100n,
        method: 0,
        params: new Uint8Array(0),
        ...partial,
      };
      const signature = { type: SignatureType.DELEGATED, data: new Uint8Array(65) };
      const result = await applyMessage(tree, registry, context, message, { size: encodeSignedMessage({ message, signature }).length, ...options });
      if (result.gasOutputs) nonces.set(key, message.sequence + 1n);
      return result;
    },
    balance(address) {
      return tree.getActor(address)?.balance ?? 0n;
    },
    total() {
      let sum = 0n;
      for (const [, actor] of tree.entries()) sum += actor.balance;
      return sum;
    },
  };
}

/** A registry that also knows `actors` by their own code CIDs (for test-only actors). */
export function withTestActors(base: ActorRegistry, actors: { code: import('../../src/ipld/index.ts').CID; actor: ActorCode }[]): ActorRegistry {
  return {
    get: (code) => actors.find((a) => a.code.equals(code))?.actor ?? base.get(code),
    codeCid: (type) => base.codeCid(type),
    typeOf: (code) => base.typeOf(code),
  };
}
