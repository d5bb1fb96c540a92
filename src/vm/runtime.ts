// What an actor sees of the VM (builtin-actors' `Runtime`; FVM syscalls). Actors import this interface,
// never the call manager; the VM never imports an actor: actors are found by code CID through an
// `ActorRegistry`. Invariants: ids are bigint actor ids; gas is Filecoin gas; a failing syscall throws
// SyscallError, an actor aborts by throwing ActorError (or calling `abort`). Sends and invocations are
// asynchronous because the EVM actor's interpreter (@ethereumjs/evm) is; state and blocks stay synchronous.

import type { Blockstore, CID } from '../ipld/index.ts';
import type { Address } from '../primitives/index.ts';
import type { ErrorNumber } from './errors.ts';
import type { EvmGasModel } from './execution-context.ts';
import type { EvmWorld } from './evm-world.ts';
import type { ActorEvent } from './events.ts';
import type { IpldBlock } from './ipld-block.ts';

/** Builtin actor kinds (BA:vm_api/src/builtin.rs `Type`). */
export const ActorType = {
  System: 1,
  Init: 2,
  Cron: 3,
  Account: 4,
  Power: 5,
  Miner: 6,
  Market: 7,
  PaymentChannel: 8,
  Multisig: 9,
  Reward: 10,
  VerifiedRegistry: 11,
  DataCap: 12,
  Placeholder: 13,
  EVM: 14,
  EAM: 15,
  EthAccount: 16,
} as const;
export type ActorType = (typeof ActorType)[keyof typeof ActorType];

export type HashKind = 'sha256' | 'blake2b256' | 'keccak256';

export interface SendOptions {
  /** Gas the callee may use at most (capped by what is available). */
  gasLimit?: number;
  /** The callee and everything it calls may not change state (STATICCALL). */
  readOnly?: boolean;
}

/** What a send answers: the callee's exit code and return block, or the syscall error that stopped it. */
export type SendResult =
  | { ok: true; exitCode: number; returnData: IpldBlock | null }
  | { ok: false; errno: ErrorNumber; message: string };

export interface Runtime {
  // The message being executed.
  /** Id of the actor that called this one. */
  readonly caller: bigint;
  /** Id of the account that sent the top-level message. */
  readonly origin: bigint;
  /** The top-level message's sender address as given in the message. */
  readonly originAddress: Address;
  /** Nonce of the top-level message. */
  readonly nonce: bigint;
  /** Id of this actor. */
  readonly receiver: bigint;
  readonly method: number;
  readonly valueReceived: bigint;
  readonly readOnly: boolean;
  readonly gasPremium: bigint;

  // The network.
  readonly epoch: number;
  readonly timestamp: number;
  readonly baseFee: bigint;
  readonly chainId: number;
  readonly networkVersion: number;
  /** How the EVM interpreter counts gas (see ExecutionContext). */
  readonly evmGasModel: EvmGasModel;
  /** The outermost EVM frame's gas when the context fixes it (with the 'ethereum' gas model). */
  readonly evmGasLimit: bigint | undefined;

  /** Blocks this actor reads and writes; every access is charged gas. */
  readonly store: Blockstore;
  /** This actor's state root. */
  getStateRoot(): CID;
  /** Replaces this actor's state root (USR_READ_ONLY in read-only calls). */
  setStateRoot(root: CID): void;

  currentBalance(): bigint;
  balanceOf(id: bigint): bigint | undefined;
  resolveAddress(address: Address): bigint | undefined;
  lookupDelegatedAddress(id: bigint): Address | undefined;
  getActorCodeCid(id: bigint): CID | undefined;
  builtinActorType(code: CID): ActorType | undefined;
  /** Code CID of a builtin actor kind (as the manifest names it). */
  codeCidFor(type: ActorType): CID;

  send(to: Address, method: number, params: IpldBlock | null, value: bigint, options?: SendOptions): Promise<SendResult>;
  /** Creates an actor at a fresh id (init actor only): replaces a placeholder, or makes an empty actor. */
  createActor(code: CID, id: bigint, delegatedAddress: Address | null): void;
  /** The f2 address for the next actor created by this message (FEVM-FACTS §3.5). */
  newActorAddress(): Address;

  emitEvent(event: ActorEvent): void;

  /** A hash the FVM offers actors, charged per byte as the FVM charges it. */
  hash(kind: HashKind, data: Uint8Array): Uint8Array;

  /** Whether `signature` (raw bytes, no type byte) by key address `signer` signs `plaintext`; charged. */
  verifySignature(signature: Uint8Array, signer: Address, plaintext: Uint8Array): boolean;

  chargeGas(name: string, gas: number): void;
  readonly gasAvailable: number;

  getRandomnessFromBeacon(tag: number, epoch: number, entropy: Uint8Array): Uint8Array;
  /** The tipset CID at `epoch` (an earlier epoch), if known. */
  tipsetCid(epoch: number): CID | undefined;

  /** The state tree for the EVM actor's interpreter only (see evm-world.ts); no other actor uses it. */
  evmWorld(): EvmWorld;

  /** Aborts this invocation with an exit code (never returns). */
  abort(exitCode: number, message: string, data?: IpldBlock | null): never;
}

/** An actor's code: the one entry point the VM calls. Aborts are thrown ActorErrors. */
export interface ActorCode {
  /** The name builtin-actors gives this actor in the manifest (e.g. "ethaccount"). */
  readonly name: string;
  readonly type: ActorType;
  invoke(rt: Runtime, method: number, params: IpldBlock | null): IpldBlock | null | Promise<IpldBlock | null>;
}

/** Finds actor code by code CID; owned by actors/, handed to the VM when it is created. */
export interface ActorRegistry {
  get(code: CID): ActorCode | undefined;
  codeCid(type: ActorType): CID;
  typeOf(code: CID): ActorType | undefined;
}
