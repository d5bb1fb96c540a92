// The call manager (FVM:fvm/src/call_manager/default.rs): sends between actors inside one message.
// Resolves the receiver (auto-creating an Account for unknown f1/f3 and a Placeholder for unknown
// f410 addresses), moves value, invokes the actor's code through the registry, keeps the call depth,
// gas limits of calls, transactions (state, events and access charges revert together), and the
// charges for touching actors. It does not know any actor: code comes from the ActorRegistry.

import { decodeCbor, encodeCbor, type Blockstore, type CID } from '../ipld/index.ts';
import { Address, ExitCode, FatalError, Protocol, isSystemExitCode } from '../primitives/index.ts';
import { EAM_ACTOR_ID } from '../primitives/index.ts';
import { createActorState, type ActorState, type StateTree } from '../state/index.ts';
import { ChargedBlockstore, countLinks } from './charged-blockstore.ts';
import { ActorError, ErrorNumber, SyscallError, exitCodeForSyscallError } from './errors.ts';
import { EventCollector, validateEvent, type ActorEvent } from './events.ts';
import type { EvmWorld, TransactionJournal } from './evm-world.ts';
import { MAX_CALL_DEPTH, type ExecutionContext } from './execution-context.ts';
import { GasTracker, OutOfGasError } from './gas/gas-tracker.ts';
import { PriceList, onActorEvent, onChainReturnValue, onCreateActor, onMethodInvocation } from './gas/price-list.ts';
import { CBOR, type IpldBlock } from './ipld-block.ts';
import { InvocationRuntime, type InvocationHost } from './invocation-runtime.ts';
import { ActorType, type ActorRegistry } from './runtime.ts';
import { RevertOrigin } from './revert-origin.ts';
import { StateAccessTracker } from './state-access-tracker.ts';
import { traceSend, type ExecutionTracer } from './tracing/index.ts';

export const SYSTEM_ACTOR_ID = 0n;
export const METHOD_SEND = 0;
export const METHOD_CONSTRUCTOR = 1;

export interface InvocationResult {
  exitCode: number;
  returnData: IpldBlock | null;
}

export interface MessageOrigin {
  id: bigint;
  address: Address;
  nonce: bigint;
  gasPremium: bigint;
  /** The message's receiver, resolved ahead of time (undefined when it does not exist yet). */
  receiverId: bigint | undefined;
}

export class CallManager implements InvocationHost, EvmWorld {
  readonly tree: StateTree;
  readonly registry: ActorRegistry;
  readonly context: ExecutionContext;
  readonly gas: GasTracker;
  readonly origin: MessageOrigin;
  readonly events = new EventCollector();
  readonly store: Blockstore;
  /** Hears every send when the message is traced (ApplyOptions.tracer). */
  tracer: ExecutionTracer | undefined;
  private readonly access = new StateAccessTracker();
  private depth = 0;
  private actorsCreated = 0n;
  private journals: TransactionJournal[] = [];
  private readonly locals = new Map<string, unknown>();
  /** console.log calls of the message, in call order, reverted frames included (as Hardhat prints them). */
  consoleLogs: Uint8Array[] | undefined;
  /**
   * Why the message's own invocation aborted, in the actor's words (as ref-fvm's backtrace gives the
   * aborting frame's message): the receipt has only the exit code, a person wants the reason.
   */
  topAbort: string | undefined;
  /** Which actor's revert the message answers, when a callee's revert bubbled up (revert-origin.ts). */
  readonly reverts = new RevertOrigin();

  constructor(tree: StateTree, registry: ActorRegistry, context: ExecutionContext, gas: GasTracker, origin: MessageOrigin) {
    this.tree = tree;
    this.registry = registry;
    this.context = context;
    this.gas = gas;
    this.origin = origin;
    this.store = new ChargedBlockstore(tree.store, gas);
    // As in the FVM: the sender was charged in pre-flight and the receiver's lookup is part of the
    // message's inclusion, so neither is charged again.
    this.access.recordUpdate(origin.id);
    if (origin.receiverId !== undefined) this.access.recordRead(origin.receiverId);
  }

  /** A send in its own transaction: reverted unless it exits 0. Throws SyscallError or OutOfGasError. */
  send(from: bigint, to: Address, method: number, params: IpldBlock | null, value: bigint, gasLimit: number | undefined, readOnly: boolean): Promise<InvocationResult> {
    if (this.tracer) {
      const limit = gasLimit === undefined ? this.gas.gasAvailable : Math.min(gasLimit, this.gas.gasAvailable);
      return traceSend(this.tracer, { from, to, method, params, value, gasLimit: limit, readOnly }, () => this.withTransaction(() => this.callActor(from, to, method, params, value, gasLimit, readOnly)));
    }
    return this.withTransaction(() => this.callActor(from, to, method, params, value, gasLimit, readOnly));
  }

  async withTransaction(fn: () => Promise<InvocationResult>): Promise<InvocationResult> {
    this.begin();
    let result: InvocationResult;
    try {
      result = await fn();
    } catch (error) {
      this.endTransaction(true);
      throw error;
    }
    this.endTransaction(result.exitCode !== ExitCode.OK);
    return result;
  }

  begin(): void {
    this.tree.begin();
    this.events.begin();
    this.access.begin();
    for (const journal of this.journals) journal.begin();
  }

  commit(): void {
    this.endTransaction(false);
  }

  revert(): void {
    this.endTransaction(true);
  }

  private endTransaction(revert: boolean): void {
    if (revert) this.tree.revert();
    else this.tree.commit();
    this.events.end(revert);
    this.access.end(revert);
    for (const journal of this.journals) {
      if (revert) journal.revert();
      else journal.commit();
    }
  }

  attach(journal: TransactionJournal): () => void {
    this.journals = [...this.journals, journal];
    return () => {
      this.journals = this.journals.filter((j) => j !== journal);
    };
  }

  messageLocal<T>(key: string, create: () => T): T {
    if (!this.locals.has(key)) this.locals.set(key, create());
    return this.locals.get(key) as T;
  }

  lookupId(address: Address): bigint | undefined {
    return this.resolveAddress(address);
  }

  emitEvent(emitter: bigint, event: ActorEvent): void {
    validateEvent(event);
    const keyBytes = event.reduce((n, e) => n + Buffer.byteLength(e.key), 0);
    const valueBytes = event.reduce((n, e) => n + e.value.length, 0);
    this.gas.charge('OnActorEvent', onActorEvent(event.length, keyBytes, valueBytes));
    this.events.append({ emitter, event });
  }

  consoleLog(data: Uint8Array): void {
    (this.consoleLogs ??= []).push(data);
  }

  createPlaceholder(address: Address): bigint {
    return this.createFromSend(address, createActorState(this.registry.codeCid(ActorType.Placeholder), address));
  }

  createDelegatedActor(code: CID, address: Address, head: CID): bigint {
    const robust = this.nextActorAddress();
    let id = this.resolveAddress(address);
    if (id === undefined) {
      this.gas.charge('OnCreateActor', onCreateActor(true));
      id = this.tree.registerNewAddress(address);
    }
    this.tree.mapAddress(robust, id);
    this.createActor(code, id, address);
    this.setActor(id, { ...this.getActor(id)!, head });
    return id;
  }

  private async callActor(from: bigint, to: Address, method: number, params: IpldBlock | null, value: bigint, gasLimit: number | undefined, readOnly: boolean): Promise<InvocationResult> {
    if (gasLimit !== undefined) this.gas.pushLimit(gasLimit);
    let result: InvocationResult;
    this.reverts.enter();
    try {
      if (this.depth >= MAX_CALL_DEPTH) throw new SyscallError(ErrorNumber.LimitExceeded, 'message execution exceeds call depth');
      this.depth++;
      try {
        result = await this.callUnchecked(from, to, method, params, value, readOnly);
      } finally {
        this.depth--;
      }
    } catch (error) {
      if (gasLimit !== undefined) this.gas.popLimit();
      this.reverts.exit(undefined);
      // A call that ran out of its own gas limit fails with an exit code; the caller still has gas.
      if (error instanceof OutOfGasError && gasLimit !== undefined && this.gas.gasAvailable > 0) {
        return { exitCode: ExitCode.SYS_OUT_OF_GAS, returnData: null };
      }
      throw error;
    }
    if (gasLimit !== undefined) this.gas.popLimit();
    this.reverts.exit(result.exitCode === ExitCode.EVM_REVERTED ? { data: evmRevertData(result.returnData), actor: to } : undefined);
    return result;
  }

  private async callUnchecked(from: bigint, to: Address, method: number, params: IpldBlock | null, value: bigint, readOnly: boolean): Promise<InvocationResult> {
    let id = this.resolveAddress(to);
    if (id === undefined) {
      if (to.protocol === Protocol.SECP256K1 || to.protocol === Protocol.BLS) {
        if (readOnly) throw new SyscallError(ErrorNumber.ReadOnly, `cannot auto-create account ${to} in read-only calls`);
        id = await this.createAccountFromSend(to);
      } else if (to.protocol === Protocol.DELEGATED && to.namespace === EAM_ACTOR_ID) {
        if (readOnly) throw new SyscallError(ErrorNumber.ReadOnly, `cannot auto-create account ${to} in read-only calls`);
        id = this.createFromSend(to, createActorState(this.registry.codeCid(ActorType.Placeholder), to));
      } else {
        throw new SyscallError(ErrorNumber.NotFound, `actor does not exist or cannot be created: ${to}`);
      }
    }
    return this.callResolved(from, id, method, params, value, readOnly);
  }

  private async callResolved(from: bigint, to: bigint, method: number, params: IpldBlock | null, value: bigint, readOnly: boolean): Promise<InvocationResult> {
    const actor = this.getActor(to);
    if (!actor) throw new SyscallError(ErrorNumber.NotFound, `actor does not exist: f0${to}`);
    this.tracer?.invokeActor(to, actor);
    if (value !== 0n) {
      this.gas.charge('OnValueTransfer', PriceList.sendTransferFunds);
      this.transfer(from, to, value);
    }
    if (method === METHOD_SEND) return { exitCode: ExitCode.OK, returnData: null };
    this.gas.charge('OnMethodInvocation', onMethodInvocation(params ? countLinks(params.data) : 0));
    const code = this.registry.get(actor.code);
    if (!code) throw new FatalError(`actor f0${to} has code ${actor.code} that no registered actor implements`);
    const rt = new InvocationRuntime(this, { caller: from, receiver: to, method, value, readOnly });
    let result: InvocationResult;
    try {
      result = { exitCode: ExitCode.OK, returnData: await code.invoke(rt, method, params) };
    } catch (error) {
      result = this.abortResult(error);
      if (this.depth === 1 && error instanceof Error) this.topAbort = error instanceof ActorError ? error.reason : error.message;
    }
    if (result.returnData && result.exitCode === ExitCode.OK && this.depth === 1) {
      this.gas.charge('OnChainReturnValue', onChainReturnValue(result.returnData.data.length));
    }
    return result;
  }

  /** What an aborted invocation answers; out-of-gas and bugs keep unwinding. */
  private abortResult(error: unknown): InvocationResult {
    if (error instanceof ActorError) {
      const exitCode = isSystemExitCode(error.exitCode) ? ExitCode.SYS_ILLEGAL_EXIT_CODE : error.exitCode;
      return { exitCode, returnData: error.data };
    }
    if (error instanceof SyscallError) return { exitCode: exitCodeForSyscallError(error.errno), returnData: null };
    throw error;
  }

  resolveAddress(address: Address): bigint | undefined {
    if (address.protocol === Protocol.ID) return address.id;
    const id = this.tree.lookupId(address);
    if (id !== undefined) this.access.recordAddressLookup(address.key());
    return id;
  }

  getActor(id: bigint): ActorState | undefined {
    if (!this.access.isRead(id)) this.gas.charge('OnActorLookup', PriceList.actorLookup);
    const actor = this.tree.getActor(id);
    this.access.recordRead(id);
    return actor;
  }

  setActor(id: bigint, actor: ActorState): void {
    if (!this.access.isRead(id)) this.gas.charge('OnActorLookup', PriceList.actorLookup);
    if (!this.access.isUpdated(id)) this.gas.charge('OnActorUpdate', PriceList.actorUpdate);
    this.tree.setActor(id, actor);
    this.access.recordUpdate(id);
  }

  transfer(from: bigint, to: bigint, value: bigint): void {
    if (value < 0n) throw new SyscallError(ErrorNumber.IllegalArgument, `attempted to transfer a negative value ${value}`);
    const sender = this.getActor(from);
    if (!sender || sender.balance < value) {
      throw new SyscallError(ErrorNumber.InsufficientFunds, `f0${from} cannot transfer ${value} attoFIL: balance ${sender?.balance ?? 0n}`);
    }
    if (from === to) return;
    const receiver = this.getActor(to);
    if (!receiver) throw new SyscallError(ErrorNumber.NotFound, `transfer recipient f0${to} does not exist`);
    this.setActor(from, { ...sender, balance: sender.balance - value });
    this.setActor(to, { ...receiver, balance: receiver.balance + value });
  }

  /** Init actor's Exec/Exec4 ends here: a new actor at `id`, or a placeholder taken over in place. */
  createActor(code: CID, id: bigint, delegatedAddress: Address | null): void {
    if (this.registry.typeOf(code) === ActorType.Placeholder) throw new SyscallError(ErrorNumber.Forbidden, 'cannot explicitly construct a placeholder actor');
    const existing = this.getActor(id);
    let actor: ActorState;
    if (existing) {
      if (this.registry.typeOf(existing.code) !== ActorType.Placeholder) throw new SyscallError(ErrorNumber.Forbidden, 'actor address already exists');
      if (!existing.delegatedAddress) throw new FatalError(`placeholder f0${id} has no delegated address`);
      if (!delegatedAddress || !existing.delegatedAddress.equals(delegatedAddress)) {
        throw new SyscallError(ErrorNumber.Forbidden, 'placeholder has a different delegated address');
      }
      actor = { ...existing, code };
    } else {
      this.gas.charge('OnCreateActor', onCreateActor(false));
      actor = createActorState(code, delegatedAddress);
    }
    this.setActor(id, actor);
    this.actorsCreated++;
  }

  /** f2 address of the next actor this message creates (FEVM-FACTS §3.5). */
  nextActorAddress(): Address {
    const origin = encodeCbor(this.origin.address.bytes);
    const data = new Uint8Array(origin.length + 16);
    data.set(origin);
    const view = new DataView(data.buffer);
    view.setBigUint64(origin.length, this.origin.nonce);
    view.setBigUint64(origin.length + 8, this.actorsCreated);
    return Address.newActor(data);
  }

  private createFromSend(address: Address, actor: ActorState): bigint {
    this.gas.charge('OnCreateActor', onCreateActor(true));
    const id = this.tree.registerNewAddress(address);
    this.access.recordAddressLookup(address.key());
    this.setActor(id, actor);
    return id;
  }

  private async createAccountFromSend(address: Address): Promise<bigint> {
    if (address.protocol === Protocol.BLS && address.payload.every((b) => b === 0)) {
      throw new SyscallError(ErrorNumber.IllegalArgument, 'cannot create the BLS zero address actor');
    }
    const id = this.createFromSend(address, createActorState(this.registry.codeCid(ActorType.Account)));
    const result = await this.callResolved(SYSTEM_ACTOR_ID, id, METHOD_CONSTRUCTOR, { codec: CBOR, data: encodeCbor(address.bytes) }, 0n, false);
    if (result.exitCode !== ExitCode.OK) throw new FatalError(`account constructor for ${address} failed with exit ${result.exitCode}`);
    return id;
  }
}

/** An EVM actor's revert data: the bytes inside its CBOR byte string (FEVM-FACTS §4.2). */
function evmRevertData(returnData: IpldBlock | null): Uint8Array {
  if (!returnData) return new Uint8Array(0);
  try {
    const bytes = decodeCbor(returnData.data);
    return bytes instanceof Uint8Array ? bytes : returnData.data;
  } catch {
    return returnData.data;
  }
}
