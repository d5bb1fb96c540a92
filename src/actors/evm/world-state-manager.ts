// The @ethereumjs/evm state manager over the Filecoin state tree (DESIGN.md "The EVM actor and
// @ethereumjs/evm"). Ethereum addresses are f410 addresses or masked ids; an EVM actor is an account
// with code (its bytecode block, its nonce, its KAMT storage); EthAccounts, Accounts and Placeholders
// are accounts without code whose nonce is the actor's sequence; other native actors look like the
// single byte 0xfe. Checkpoints are the state tree's transactions (EvmWorld begin/commit/revert), and
// storage writes wait in a StorageOverlay that follows them. A contract the EVM creates becomes an EVM
// actor with an f410 and an f2 address, as the EAM and Init.Exec4 make them; value sent to an unknown
// f410 address creates a Placeholder. A dead (self-destructed) contract looks empty.

import type { StateManagerInterface } from '@ethereumjs/common';
import { Account, Address as EthjsAddress } from '@ethereumjs/util';
import { getBlock, putRaw, type CID } from '../../ipld/index.ts';
import {
  Address,
  EAM_ACTOR_ID,
  ExitCode,
  FatalError,
  bytesEqual,
  bytesToHex,
  bytesToUint,
  isMaskedIdEthAddress,
  keccak256,
  maskedIdToId,
  uintToMinimalBytes,
  type EthAddress,
} from '../../primitives/index.ts';
import type { ActorState } from '../../state/index.ts';
import { ActorError, ActorType, type EvmWorld, type Runtime } from '../../vm/index.ts';
import { NATIVE_ACTOR_CODE_HASH, isDead, newEvmState, putEvmState, readEvmState, type EvmState, type MessageStamp } from './evm-state.ts';
import { extCode, extCodeKindOf, type ExtCodeTarget } from './ext-code.ts';
import { isReservedPrecompileAddress } from './precompiles/fvm-precompile-io.ts';
import { StorageOverlay } from './storage-overlay.ts';
import { canonicalCode } from './jump-analysis.ts';

export type ActorKinds = Pick<Runtime, 'builtinActorType' | 'codeCidFor'>;

/** What an Ethereum address names on Filecoin. */
export type Resolved =
  | { kind: 'missing'; masked: boolean }
  | { kind: 'evm'; id: bigint; actor: ActorState; state: EvmState; dead: boolean }
  | { kind: 'account'; id: bigint; actor: ActorState }
  | { kind: 'native'; id: bigint; actor: ActorState };

const EMPTY = new Uint8Array(0);

export class WorldStateManager implements StateManagerInterface {
  readonly world: EvmWorld;
  readonly overlay: StorageOverlay;
  private readonly kinds: ActorKinds;
  private readonly stamp: MessageStamp;
  private readonly codeCache = new Map<string, Uint8Array>();
  /** Decoded contract states by head CID: a contract's state block is opened (and charged) once per session. */
  private readonly states = new Map<string, EvmState>();
  /** Ids of f410 addresses found so far (checked against the actor's address before use). */
  private readonly ids = new Map<string, bigint>();
  /** What addresses resolved to since the last change to any actor (see `changed`). */
  private readonly resolved = new Map<string, Resolved>();

  constructor(world: EvmWorld, kinds: ActorKinds, stamp: MessageStamp) {
    this.world = world;
    this.kinds = kinds;
    this.stamp = stamp;
    this.overlay = new StorageOverlay(world.store);
  }

  /** The actor an Ethereum address names, and its kind. */
  resolve(eth: EthAddress): Resolved {
    const key = Buffer.from(eth.buffer, eth.byteOffset, eth.byteLength).toString('latin1');
    let r = this.resolved.get(key);
    if (!r) this.resolved.set(key, (r = this.lookup(eth)));
    return r;
  }

  /** Actors changed (or may have, after a send or a revert): forget what addresses resolved to. */
  changed(): void {
    this.resolved.clear();
  }

  private lookup(eth: EthAddress): Resolved {
    const masked = isMaskedIdEthAddress(eth);
    const found = masked ? this.byMaskedId(eth) : this.byF410(eth);
    if (!found) return { kind: 'missing', masked };
    const { id, actor } = found;
    const type = this.kinds.builtinActorType(actor.code);
    if (type === ActorType.EVM) {
      const state = this.state(actor.head);
      return { kind: 'evm', id, actor, state, dead: isDead(state, this.stamp) };
    }
    return { kind: extCodeKindOf(type) === 'account' ? 'account' : 'native', id, actor };
  }

  private byMaskedId(eth: EthAddress): { id: bigint; actor: ActorState } | undefined {
    const id = maskedIdToId(eth);
    const actor = this.world.getActor(id);
    return actor && { id, actor };
  }

  private byF410(eth: EthAddress): { id: bigint; actor: ActorState } | undefined {
    const key = bytesToHex(eth);
    const known = this.ids.get(key);
    if (known !== undefined) {
      // A reverted creation may have given the id to another address since.
      const actor = this.world.getActor(known);
      const delegated = actor?.delegatedAddress;
      if (actor && delegated && bytesEqual(delegated.subaddress, eth)) return { id: known, actor };
      this.ids.delete(key);
    }
    const id = this.world.lookupId(Address.newDelegated(EAM_ACTOR_ID, eth));
    const actor = id === undefined ? undefined : this.world.getActor(id);
    if (id === undefined || !actor) return undefined;
    this.ids.set(key, id);
    return { id, actor };
  }

  private state(head: CID): EvmState {
    const key = head.toString();
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = readEvmState(this.world.store, head)));
    return state;
  }

  /** What EXTCODEHASH sees at an address (FEVM-FACTS §4.4). */
  extCodeTarget(eth: EthAddress): ExtCodeTarget {
    if (isReservedPrecompileAddress(eth)) return { kind: 'precompile' };
    const r = this.resolve(eth);
    if (r.kind === 'evm') return r.dead ? { kind: 'account' } : { kind: 'evm', code: EMPTY, codeHash: r.state.bytecodeHash };
    return { kind: r.kind };
  }

  /** The actor id of an Ethereum address, if it names one. */
  idOf(eth: EthAddress): bigint | undefined {
    const r = this.resolve(eth);
    return r.kind === 'missing' ? undefined : r.id;
  }

  async getAccount(address: EthjsAddress): Promise<Account | undefined> {
    const r = this.resolve(address.bytes);
    switch (r.kind) {
      case 'missing':
        return undefined;
      case 'evm':
        return r.dead ? new Account(0n, r.actor.balance) : new Account(r.state.nonce, r.actor.balance, undefined, r.state.bytecodeHash);
      case 'account':
        return new Account(r.actor.sequence, r.actor.balance);
      case 'native':
        return new Account(0n, r.actor.balance, undefined, NATIVE_ACTOR_CODE_HASH);
    }
  }

  async putAccount(address: EthjsAddress, account: Account | undefined): Promise<void> {
    if (!account) return;
    let r = this.resolve(address.bytes);
    if (r.kind === 'missing') {
      // An untouched empty account (a zero-value call) needs no actor; FEVM creates Placeholders on send.
      if (account.balance === 0n && account.nonce === 0n) return;
      if (r.masked) throw new ActorError(ExitCode.USR_NOT_FOUND, `no actor has the masked id address ${address}`);
      this.world.createPlaceholder(Address.newDelegated(EAM_ACTOR_ID, address.bytes));
      this.changed();
      r = this.resolve(address.bytes);
      if (r.kind === 'missing') throw new FatalError(`placeholder for ${address} vanished`);
    }
    if (account.balance !== r.actor.balance) {
      this.world.setActor(r.id, { ...r.actor, balance: account.balance });
      this.changed();
    }
    if (r.kind === 'evm' && account.nonce !== r.state.nonce) this.putState(r.id, { ...r.state, nonce: account.nonce });
  }

  async deleteAccount(): Promise<void> {}

  async modifyAccountFields(address: EthjsAddress, fields: Partial<{ nonce: bigint; balance: bigint }>): Promise<void> {
    const account = (await this.getAccount(address)) ?? new Account();
    if (fields.nonce !== undefined) account.nonce = fields.nonce;
    if (fields.balance !== undefined) account.balance = fields.balance;
    await this.putAccount(address, account);
  }

  async getCode(address: EthjsAddress): Promise<Uint8Array> {
    const r = this.resolve(address.bytes);
    if (r.kind === 'native') return extCode({ kind: 'native' });
    if (r.kind !== 'evm' || r.dead) return EMPTY;
    return this.code(r.state.bytecode);
  }

  code(cid: CID): Uint8Array {
    const key = cid.toString();
    let code = this.codeCache.get(key);
    if (!code) this.codeCache.set(key, (code = canonicalCode(cid, getBlock(this.world.store, cid))));
    return code;
  }

  async getCodeSize(address: EthjsAddress): Promise<number> {
    return (await this.getCode(address)).length;
  }

  /** The EVM deploys `code` at `address` (after `clearStorage` made it a contract). */
  async putCode(address: EthjsAddress, code: Uint8Array): Promise<void> {
    const r = this.resolve(address.bytes);
    if (r.kind !== 'evm') throw new FatalError(`code deployed at ${address}, which is not a contract`);
    this.putState(r.id, { ...r.state, bytecode: putRaw(this.world.store, code), bytecodeHash: keccak256(code), tombstone: null });
  }

  async getStorage(address: EthjsAddress, key: Uint8Array): Promise<Uint8Array> {
    const r = this.resolve(address.bytes);
    if (r.kind !== 'evm') return EMPTY;
    return uintToMinimalBytes(this.overlay.get(r.id, r.state.contractState, bytesToUint(key)));
  }

  async putStorage(address: EthjsAddress, key: Uint8Array, value: Uint8Array): Promise<void> {
    const r = this.resolve(address.bytes);
    if (r.kind !== 'evm') throw new FatalError(`storage write at ${address}, which is not a contract`);
    this.overlay.set(r.id, bytesToUint(key), bytesToUint(value));
  }

  /**
   * The EVM is creating a contract at `address` (CREATE, CREATE2): the placeholder there (or the dead
   * contract being resurrected) becomes an EVM actor with no code yet, nonce 0 and empty storage.
   */
  async clearStorage(address: EthjsAddress): Promise<void> {
    const r = this.resolve(address.bytes);
    const fresh = { ...newEvmState(this.world.store, EMPTY), nonce: 0n };
    if (r.kind === 'evm') {
      this.putState(r.id, { ...fresh, contractState: r.state.contractState });
      this.overlay.clear(r.id);
      return;
    }
    if (isMaskedIdEthAddress(address.bytes)) throw new FatalError(`cannot create a contract at masked id address ${address}`);
    if (r.kind !== 'missing' && this.kinds.builtinActorType(r.actor.code) !== ActorType.Placeholder) {
      throw new ActorError(ExitCode.USR_FORBIDDEN, `cannot create a contract over the existing actor at ${address}`);
    }
    this.changed();
    const id = this.world.createDelegatedActor(this.kinds.codeCidFor(ActorType.EVM), Address.newDelegated(EAM_ACTOR_ID, address.bytes), putEvmState(this.world.store, fresh));
    this.overlay.clear(id);
  }

  /** SELFDESTRUCT: the contract is dead once this message ends. */
  tombstone(address: EthAddress): void {
    const r = this.resolve(address);
    if (r.kind === 'evm') this.putState(r.id, { ...r.state, tombstone: { ...this.stamp } });
  }

  private putState(id: bigint, state: EvmState): void {
    const actor = this.world.getActor(id);
    if (!actor) throw new FatalError(`contract f0${id} vanished`);
    const head = putEvmState(this.world.store, state);
    this.states.set(head.toString(), state);
    this.world.setActor(id, { ...actor, head });
    this.changed();
  }

  /** Checkpoints the EVM has open (state tree transactions begun through this state manager). */
  openCheckpoints = 0;

  async checkpoint(): Promise<void> {
    this.world.begin();
    this.openCheckpoints++;
  }

  async commit(): Promise<void> {
    this.world.commit();
    this.openCheckpoints--;
  }

  async revert(): Promise<void> {
    this.world.revert();
    this.openCheckpoints--;
    this.changed();
  }

  /** Reverts checkpoints a run left open when it was cut short by an error (out of gas in the FVM). */
  async unwindTo(depth: number): Promise<void> {
    while (this.openCheckpoints > depth) await this.revert();
  }

  /** Storage as the session found it (EIP-2200's "original value"). */
  originalStorageCache = {
    get: async (address: EthjsAddress, key: Uint8Array): Promise<Uint8Array> => {
      const r = this.resolve(address.bytes);
      return r.kind === 'evm' ? uintToMinimalBytes(this.overlay.original(r.id, r.state.contractState, bytesToUint(key))) : EMPTY;
    },
    clear: (): void => {},
  };

  /** Writes pending storage into the contracts' KAMTs (all transactions closed). */
  flush(): void {
    for (const id of this.overlay.touched) {
      const actor = this.world.getActor(id);
      if (!actor) throw new FatalError(`contract f0${id} vanished before its storage was written`);
      const state = this.state(actor.head);
      const root = this.overlay.flushContract(id, state.contractState);
      if (!root.equals(state.contractState)) this.putState(id, { ...state, contractState: root });
    }
  }

  async getStateRoot(): Promise<Uint8Array> {
    throw new FatalError('the EVM asked for an Ethereum state root: there is none on Filecoin');
  }

  async setStateRoot(): Promise<void> {
    throw new FatalError('the EVM tried to set an Ethereum state root: there is none on Filecoin');
  }

  async hasStateRoot(): Promise<boolean> {
    return false;
  }

  clearCaches(): void {}

  shallowCopy(): StateManagerInterface {
    throw new FatalError('the EVM state manager cannot be copied');
  }
}
