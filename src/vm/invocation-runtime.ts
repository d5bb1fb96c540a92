// The Runtime one actor invocation sees (FVM kernel syscalls, builtin-actors' FvmRuntime), bound to the
// call manager of the message. Read-only invocations may not write state, move value, emit events or
// create actors: those syscalls fail with ReadOnly / USR_READ_ONLY, as in the FVM.

import type { Blockstore, CID } from '../ipld/index.ts';
import { Address, ExitCode, FatalError, Protocol, blake2b256, keccak256, sha256 } from '../primitives/index.ts';
import type { ActorState } from '../state/index.ts';
import { ActorError, ErrorNumber, SyscallError } from './errors.ts';
import type { ActorEvent, EventCollector } from './events.ts';
import type { EvmWorld } from './evm-world.ts';
import type { EvmGasModel, ExecutionContext } from './execution-context.ts';
import type { GasTracker } from './gas/gas-tracker.ts';
import { onHashing, onVerifySecp256k1 } from './gas/price-list.ts';
import { recoverSecp256k1Signer } from './signatures/secp256k1.ts';
import type { IpldBlock } from './ipld-block.ts';
import type { ActorRegistry, ActorType, HashKind, Runtime, SendOptions, SendResult } from './runtime.ts';

/** What an invocation needs from the call manager of its message (which implements it). */
export interface InvocationHost {
  readonly origin: { id: bigint; address: Address; nonce: bigint; gasPremium: bigint };
  readonly context: ExecutionContext;
  readonly store: Blockstore;
  readonly gas: GasTracker;
  readonly registry: ActorRegistry;
  readonly events: EventCollector;
  getActor(id: bigint): ActorState | undefined;
  setActor(id: bigint, actor: ActorState): void;
  resolveAddress(address: Address): bigint | undefined;
  send(from: bigint, to: Address, method: number, params: IpldBlock | null, value: bigint, gasLimit: number | undefined, readOnly: boolean): Promise<{ exitCode: number; returnData: IpldBlock | null }>;
  createActor(code: CID, id: bigint, delegatedAddress: Address | null): void;
  nextActorAddress(): Address;
  emitEvent(emitter: bigint, event: ActorEvent): void;
}

/** The call manager is also the EVM actor's world (see evm-world.ts). */
export type WorldHost = InvocationHost & EvmWorld;

export interface InvocationFrame {
  caller: bigint;
  receiver: bigint;
  method: number;
  value: bigint;
  readOnly: boolean;
}

export class InvocationRuntime implements Runtime {
  private readonly cm: WorldHost;
  private readonly frame: InvocationFrame;

  constructor(cm: WorldHost, frame: InvocationFrame) {
    this.cm = cm;
    this.frame = frame;
  }

  get caller(): bigint { return this.frame.caller; }
  get receiver(): bigint { return this.frame.receiver; }
  get method(): number { return this.frame.method; }
  get valueReceived(): bigint { return this.frame.value; }
  get readOnly(): boolean { return this.frame.readOnly; }
  get origin(): bigint { return this.cm.origin.id; }
  get originAddress(): Address { return this.cm.origin.address; }
  get nonce(): bigint { return this.cm.origin.nonce; }
  get gasPremium(): bigint { return this.cm.origin.gasPremium; }
  get epoch(): number { return this.cm.context.epoch; }
  get timestamp(): number { return this.cm.context.timestamp; }
  get baseFee(): bigint { return this.cm.context.baseFee; }
  get chainId(): number { return this.cm.context.chainId; }
  get networkVersion(): number { return this.cm.context.networkVersion; }
  get evmGasModel(): EvmGasModel { return this.cm.context.evmGasModel ?? 'filecoin'; }
  get evmGasLimit(): bigint | undefined { return this.cm.context.evmGasModel === 'ethereum' ? this.cm.context.evmGasLimit : undefined; }
  get store(): Blockstore { return this.cm.store; }
  get gasAvailable(): number { return this.cm.gas.gasAvailable; }

  getStateRoot(): CID {
    const actor = this.cm.getActor(this.frame.receiver);
    if (!actor) throw new FatalError(`actor f0${this.frame.receiver} vanished while running`);
    return actor.head;
  }

  setStateRoot(root: CID): void {
    if (this.frame.readOnly) throw new ActorError(ExitCode.USR_READ_ONLY, 'cannot update the state root in a read-only call');
    const actor = this.cm.getActor(this.frame.receiver);
    if (!actor) throw new FatalError(`actor f0${this.frame.receiver} vanished while running`);
    this.cm.setActor(this.frame.receiver, { ...actor, head: root });
  }

  currentBalance(): bigint {
    return this.cm.getActor(this.frame.receiver)?.balance ?? 0n;
  }

  balanceOf(id: bigint): bigint | undefined {
    return this.cm.getActor(id)?.balance;
  }

  resolveAddress(address: Address): bigint | undefined {
    return this.cm.resolveAddress(address);
  }

  lookupDelegatedAddress(id: bigint): Address | undefined {
    return this.cm.getActor(id)?.delegatedAddress ?? undefined;
  }

  getActorCodeCid(id: bigint): CID | undefined {
    return this.cm.getActor(id)?.code;
  }

  builtinActorType(code: CID): ActorType | undefined {
    return this.cm.registry.typeOf(code);
  }

  codeCidFor(type: ActorType): CID {
    return this.cm.registry.codeCid(type);
  }

  async send(to: Address, method: number, params: IpldBlock | null, value: bigint, options: SendOptions = {}): Promise<SendResult> {
    const readOnly = this.frame.readOnly || (options.readOnly ?? false);
    try {
      if (readOnly && value !== 0n) throw new SyscallError(ErrorNumber.ReadOnly, 'cannot transfer value in a read-only call');
      const r = await this.cm.send(this.frame.receiver, to, method, params, value, options.gasLimit, readOnly);
      return { ok: true, exitCode: r.exitCode, returnData: r.returnData };
    } catch (error) {
      if (error instanceof SyscallError) return { ok: false, errno: error.errno, message: error.message };
      throw error;
    }
  }

  createActor(code: CID, id: bigint, delegatedAddress: Address | null): void {
    if (this.frame.readOnly) throw new SyscallError(ErrorNumber.ReadOnly, 'cannot create actors in a read-only call');
    this.cm.createActor(code, id, delegatedAddress);
  }

  newActorAddress(): Address {
    return this.cm.nextActorAddress();
  }

  emitEvent(event: ActorEvent): void {
    if (this.frame.readOnly) throw new ActorError(ExitCode.USR_READ_ONLY, 'cannot emit events in a read-only call');
    this.cm.emitEvent(this.frame.receiver, event);
  }

  evmWorld(): EvmWorld {
    return this.cm;
  }

  hash(kind: HashKind, data: Uint8Array): Uint8Array {
    this.cm.gas.charge('OnHashing', onHashing(kind, data.length));
    return kind === 'sha256' ? sha256(data) : kind === 'keccak256' ? keccak256(data) : blake2b256(data);
  }

  verifySignature(signature: Uint8Array, signer: Address, plaintext: Uint8Array): boolean {
    if (signer.protocol !== Protocol.SECP256K1) throw new SyscallError(ErrorNumber.IllegalArgument, `cannot verify signatures of ${signer}: only secp256k1 (f1) keys are supported here`);
    this.cm.gas.charge('OnVerifySignature', onVerifySecp256k1(plaintext.length));
    return recoverSecp256k1Signer(plaintext, signature)?.equals(signer) ?? false;
  }

  chargeGas(name: string, gas: number): void {
    this.cm.gas.charge(name, gas);
  }

  getRandomnessFromBeacon(tag: number, epoch: number, entropy: Uint8Array): Uint8Array {
    if (epoch > this.cm.context.epoch) throw new SyscallError(ErrorNumber.IllegalArgument, `randomness requested for future epoch ${epoch}`);
    return this.cm.context.beaconRandomness(tag, epoch, entropy);
  }

  tipsetCid(epoch: number): CID | undefined {
    return this.cm.context.tipsetCid(epoch);
  }

  abort(exitCode: number, message: string, data: IpldBlock | null = null): never {
    throw new ActorError(exitCode, message, data);
  }
}

