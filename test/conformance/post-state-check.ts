// Comparing a state tree after one message with a state test's expected post state, as a user of the
// devnet would see each account: nonce (EthAccount/Placeholder: the actor's sequence; EVM actor: its
// CREATE nonce), code (the EVM actor's runtime code; accounts have none) and storage (the non-zero KAMT
// slots), and the logs hash rebuilt from the message's events (FEVM-FACTS §4.6: t1..t4 then d, from the
// emitter's f410 address). A self-destructed contract reads as Lotus shows it afterwards: no code and no
// storage (GetBytecode null, GetStorageAt 0). Balances are not compared: Filecoin gas is paid in FIL.
// `postStateDifferences` does the comparing over any reader of accounts: `checkPostState` reads the
// tree (state-test-runner.ts), state-test-rpc-runner.ts reads JSON-RPC answers.

import { RLP } from '@ethereumjs/rlp';
import { readEvmState } from '../../src/actors/evm/evm-state.ts';
import { ContractStorage, getBlock } from '../../src/ipld/index.ts';
import {
  EAM_ACTOR_ID,
  Protocol,
  bytesEqual,
  bytesToHex,
  ethAddressToFilecoinAddress,
  hexToBytes,
  keccak256,
  maskedIdEthAddress,
  type EthAddress,
} from '../../src/primitives/index.ts';
import type { StateTree } from '../../src/state/index.ts';
import { ActorType, type ActorRegistry, type StampedEvent } from '../../src/vm/index.ts';
import type { StateTestAccount, StateTestCase } from './state-test-case.ts';

/** The EIP-4788 beacon roots contract: only the block (not the transaction) writes it. */
export const BEACON_ROOTS_ADDRESS = '0x000f3df6d732807ef1319fb7b8bb8522d0beac02';
const MAX_SLOTS_REPORTED = 4;

export interface AccountView {
  /** 'none' when no actor has the address. */
  kind: string;
  nonce: bigint;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
  dead: boolean;
}

export function readAccount(tree: StateTree, registry: ActorRegistry, eth: EthAddress): AccountView {
  const actor = tree.getActor(ethAddressToFilecoinAddress(eth));
  if (!actor) return { kind: 'none', nonce: 0n, code: new Uint8Array(0), storage: new Map(), dead: false };
  const type = registry.typeOf(actor.code);
  if (type !== ActorType.EVM) return { kind: actorTypeName(type), nonce: actor.sequence, code: new Uint8Array(0), storage: new Map(), dead: false };
  const state = readEvmState(tree.store, actor.head);
  if (state.tombstone !== null) return { kind: 'EVM (self-destructed)', nonce: state.nonce, code: new Uint8Array(0), storage: new Map(), dead: true };
  const storage = new Map(ContractStorage.load(tree.store, state.contractState).entries());
  return { kind: 'EVM', nonce: state.nonce, code: getBlock(tree.store, state.bytecode), storage, dead: false };
}

function actorTypeName(type: ActorType | undefined): string {
  return Object.entries(ActorType).find(([, t]) => t === type)?.[0] ?? 'unknown actor';
}

const hex = (n: bigint) => `0x${n.toString(16)}`;

/** What differs between `expected` and what the tree holds at `address`, one line per field. */
export function compareAccount(address: string, expected: StateTestAccount, actual: AccountView): string[] {
  const out: string[] = [];
  const where = `${address} (${actual.kind})`;
  const nonce = BigInt(expected.nonce);
  if (nonce !== actual.nonce) out.push(`${where} nonce: expected ${nonce}, got ${actual.nonce}`);
  const code = hexToBytes(expected.code);
  if (!bytesEqual(code, actual.code)) out.push(`${where} code: expected ${short(expected.code)}, got ${short(bytesToHex(actual.code))}`);
  const slots: string[] = [];
  const want = new Map(Object.entries(expected.storage).map(([k, v]) => [BigInt(k), BigInt(v)] as const).filter(([, v]) => v !== 0n));
  for (const slot of new Set([...want.keys(), ...actual.storage.keys()])) {
    const [w, a] = [want.get(slot) ?? 0n, actual.storage.get(slot) ?? 0n];
    if (w !== a) slots.push(`[${hex(slot)}] expected ${hex(w)} got ${hex(a)}`);
  }
  if (slots.length > 0) {
    const more = slots.length > MAX_SLOTS_REPORTED ? ` (+${slots.length - MAX_SLOTS_REPORTED} more)` : '';
    out.push(`${where} storage ${slots.slice(0, MAX_SLOTS_REPORTED).join(', ')}${more}`);
  }
  return out;
}

function short(text: string): string {
  return text.length > 42 ? `${text.slice(0, 40)}…(${(text.length - 2) / 2} bytes)` : text;
}

/** One log as Ethereum hashes it: emitter address, topics, data. */
export interface EthLog {
  address: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
}

/** keccak256(rlp([[address, [topics…], data], …])): Ethereum's logsHash of a transaction's logs. */
export function logsHashOf(logs: readonly EthLog[]): Uint8Array {
  return keccak256(RLP.encode(logs.map((l) => [l.address, l.topics, l.data])));
}

/** Ethereum's logsHash of the message's events (t1..t4 the topics, d the data, from the emitter's f410). */
export function logsHash(tree: StateTree, events: readonly StampedEvent[]): Uint8Array {
  return logsHashOf(
    events.map(({ emitter, event }) => ({
      address: emitterAddress(tree, emitter),
      topics: event.filter((e) => /^t[1-4]$/.test(e.key)).map((e) => e.value),
      data: event.find((e) => e.key === 'd')?.value ?? new Uint8Array(0),
    })),
  );
}

function emitterAddress(tree: StateTree, id: bigint): EthAddress {
  const delegated = tree.getActor(id)?.delegatedAddress;
  if (delegated && delegated.protocol === Protocol.DELEGATED && delegated.namespace === EAM_ACTOR_ID) return delegated.subaddress;
  return maskedIdEthAddress(id);
}

/** What a post-state check found of the transaction's logs. */
export interface LogsSeen {
  hash: string;
  count: number;
}

/**
 * Every difference between what `read` shows (after the message) and `testCase.expect`: the accounts it
 * lists, the accounts of `pre` it no longer lists (Ethereum deleted them), the contracts in `contracts`
 * (found on FEVM after the message) that Ethereum does not have, and the logs hash. `read` answers an
 * address as the devnet shows it; the in-process suite reads the state tree, the RPC suite the node.
 */
export function postStateDifferences(testCase: StateTestCase, read: (address: string) => AccountView, contracts: readonly string[], logs: LogsSeen): string[] {
  const expected = testCase.expect.postState;
  const out: string[] = [];
  for (const [address, account] of Object.entries(expected)) {
    if (address === BEACON_ROOTS_ADDRESS) continue;
    out.push(...compareAccount(address, account, read(address)));
  }
  const deleted: StateTestAccount = { balance: '0x0', code: '0x', nonce: '0x0', storage: {} };
  for (const address of Object.keys(testCase.pre)) {
    if (address in expected || address === BEACON_ROOTS_ADDRESS) continue;
    out.push(...compareAccount(address, deleted, read(address)).map((d) => `${d} (Ethereum deleted it)`));
  }
  for (const address of contracts) {
    if (address in expected || address in testCase.pre) continue;
    if (!read(address).dead) out.push(`${address} (EVM) exists on FEVM; Ethereum has no account there`);
  }
  if (logs.hash !== testCase.expect.logsHash) out.push(`logsHash: expected ${testCase.expect.logsHash}, got ${logs.hash} (${logs.count} events)`);
  return out;
}

/** Every EVM actor with an f410 address in the tree, with its non-zero storage slots: where a post state has something to see. */
export function contractSlots(tree: StateTree, registry: ActorRegistry): Map<string, bigint[]> {
  const out = new Map<string, bigint[]>();
  for (const [, actor] of tree.entries()) {
    const delegated = actor.delegatedAddress;
    if (registry.typeOf(actor.code) !== ActorType.EVM || !delegated || delegated.namespace !== EAM_ACTOR_ID) continue;
    out.set(bytesToHex(delegated.subaddress), [...readAccount(tree, registry, delegated.subaddress).storage.keys()]);
  }
  return out;
}

/** postStateDifferences over a state tree: every account read from it, every contract of `contracts`. */
export function checkPostState(tree: StateTree, registry: ActorRegistry, testCase: StateTestCase, events: readonly StampedEvent[], contracts = contractSlots(tree, registry)): string[] {
  const read = (address: string) => readAccount(tree, registry, hexToBytes(address));
  return postStateDifferences(testCase, read, [...contracts.keys()], { hash: bytesToHex(logsHash(tree, events)), count: events.length });
}
