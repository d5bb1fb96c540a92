// hardhat_/anvil_ setBalance, setCode, setNonce and setStorageAt: the head's state edited in place, as
// Hardhat and anvil do. An unknown address becomes an Ethereum account (setBalance, setNonce) or an EVM
// actor with an f410 address (setCode); setStorageAt needs a contract there. setNextBlockBaseFeePerGas
// edits the head's record: the next tipset runs at that base fee (any value, even below Lotus's floor
// of 100 attoFIL, as Hardhat and anvil take any), and the base fee rule goes on from there.
// hardhat_setPrevRandao: what PREVRANDAO answers in the next tipset (else the devnet beacon's value).

import { installContract, installEthAccount } from '../chain/state-edit.ts';
import { putEvmState, readEvmState } from '../actors/evm/evm-state.ts';
import { ContractStorage, putRaw } from '../ipld/index.ts';
import { keccak256, type EthAddress } from '../primitives/index.ts';
import { address, data, dataUpTo, hash32, method, quantity, RpcError, uint64, type RpcMethod } from '../rpc/index.ts';
import type { StateTree } from '../state/index.ts';
import { ActorType, type ActorRegistry } from '../vm/index.ts';
import type { ChainView } from './chain-view.ts';
import { findActor } from './state-reader.ts';

function isEvm(registry: ActorRegistry, code: Parameters<ActorRegistry['typeOf']>[0]): boolean {
  return registry.typeOf(code) === ActorType.EVM;
}

export function stateEditMethods(view: ChainView): RpcMethod[] {
  const chain = view.node.chain;
  const registry = chain.registry;
  const edit = (fn: (tree: StateTree) => void) => {
    chain.editHeadState(fn);
    return true;
  };
  const setBalance = ([a, v]: unknown[]) =>
    edit((tree) => {
      const found = findActor(tree, a as EthAddress);
      if (found) tree.setActor(found.id, { ...found.actor, balance: v as bigint });
      else installEthAccount(tree, registry, a as EthAddress, { balance: v as bigint, nonce: 0n });
    });
  const setCode = ([a, code]: unknown[]) =>
    edit((tree) => {
      const found = findActor(tree, a as EthAddress);
      const bytes = code as Uint8Array;
      if (found && isEvm(registry, found.actor.code)) {
        const state = readEvmState(tree.store, found.actor.head);
        tree.setActor(found.id, { ...found.actor, head: putEvmState(tree.store, { ...state, bytecode: putRaw(tree.store, bytes), bytecodeHash: keccak256(bytes), tombstone: null }) });
      } else {
        installContract(tree, registry, a as EthAddress, { code: bytes, storage: new Map(), nonce: 1n, balance: found?.actor.balance ?? 0n });
      }
    });
  const setNonce = ([a, n]: unknown[]) =>
    edit((tree) => {
      const found = findActor(tree, a as EthAddress);
      if (!found) return void installEthAccount(tree, registry, a as EthAddress, { balance: 0n, nonce: n as bigint });
      if (isEvm(registry, found.actor.code)) {
        const state = readEvmState(tree.store, found.actor.head);
        tree.setActor(found.id, { ...found.actor, head: putEvmState(tree.store, { ...state, nonce: n as bigint }) });
      } else {
        tree.setActor(found.id, { ...found.actor, sequence: n as bigint });
      }
    });
  const setStorageAt = ([a, slot, value]: unknown[]) =>
    edit((tree) => {
      const found = findActor(tree, a as EthAddress);
      if (!found || !isEvm(registry, found.actor.code)) throw new RpcError(-32000, 'setStorageAt needs a contract at that address (setCode first)');
      const state = readEvmState(tree.store, found.actor.head);
      const storage = ContractStorage.load(tree.store, state.contractState);
      storage.set(slot as bigint, BigInt(`0x${Buffer.from(value as Uint8Array).toString('hex') || '0'}`));
      tree.setActor(found.id, { ...found.actor, head: putEvmState(tree.store, { ...state, contractState: storage.flush() }) });
    });
  const methods: RpcMethod[] = [
    method('hardhat_setPrevRandao', [{ name: 'prevRandao', parse: hash32 }], ([value]) => {
      chain.setNextPrevRandao(value as Uint8Array);
      return true;
    }),
  ];
  for (const prefix of ['hardhat', 'anvil']) {
    methods.push(
      method(`${prefix}_setBalance`, [{ name: 'address', parse: address }, { name: 'balance', parse: quantity }], setBalance),
      method(`${prefix}_setCode`, [{ name: 'address', parse: address }, { name: 'code', parse: data }], setCode),
      method(`${prefix}_setNonce`, [{ name: 'address', parse: address }, { name: 'nonce', parse: uint64 }], setNonce),
      method(`${prefix}_setStorageAt`, [{ name: 'address', parse: address }, { name: 'slot', parse: quantity }, { name: 'value', parse: dataUpTo(32) }], setStorageAt),
      method(`${prefix}_setNextBlockBaseFeePerGas`, [{ name: 'baseFee', parse: quantity }], ([fee]) => {
        chain.setNextBaseFee(fee as bigint);
        return true;
      }),
    );
  }
  return methods;
}
