// The state tree as the EVM actor's interpreter sees it (DESIGN.md "The EVM actor and @ethereumjs/evm"):
// one @ethereumjs/evm run holds a whole EVM call tree, so the interpreter reads and writes other actors
// (balances, contracts' state, new contracts and placeholders) directly instead of sending messages.
// This is a privileged door that only the EVM actor opens; every access is charged as the FVM charges
// the equivalent syscall. Transactions nest with the call manager's: `begin`/`commit`/`revert` move the
// state tree, events and access charges together, and attached journals follow every transaction.

import type { Blockstore, CID } from '../ipld/index.ts';
import type { Address } from '../primitives/index.ts';
import type { ActorState } from '../state/index.ts';
import type { ActorEvent } from './events.ts';
import type { IpldBlock } from './ipld-block.ts';
import type { RevertOrigin } from './revert-origin.ts';
import type { ExecutionTracer } from './tracing/execution-tracer.ts';

/** Side state that must begin, commit and revert with the state tree (e.g. pending contract storage). */
export interface TransactionJournal {
  begin(): void;
  commit(): void;
  revert(): void;
}

export interface EvmWorld {
  readonly store: Blockstore;
  /** The message's tracer, if it is traced (the EVM then reports its call frames and steps). */
  readonly tracer?: ExecutionTracer;
  lookupId(address: Address): bigint | undefined;
  getActor(id: bigint): ActorState | undefined;
  setActor(id: bigint, actor: ActorState): void;
  /** A Placeholder for an unknown f410 address (what a send to it creates). */
  createPlaceholder(address: Address): bigint;
  /** An actor of `code` named by the f410 `address` and a fresh f2 (Init.Exec4's work); takes over a placeholder. */
  createDelegatedActor(code: CID, address: Address, head: CID): bigint;
  /** A send from actor `from` in its own transaction (throws SyscallError when it cannot happen). */
  send(from: bigint, to: Address, method: number, params: IpldBlock | null, value: bigint, gasLimit: number | undefined, readOnly: boolean): Promise<{ exitCode: number; returnData: IpldBlock | null }>;
  begin(): void;
  commit(): void;
  revert(): void;
  /** Makes `journal` follow the transactions from now on; call the answer to stop. */
  attach(journal: TransactionJournal): () => void;
  emitEvent(emitter: bigint, event: ActorEvent): void;
  /** The calldata of a call to Hardhat's console.log address: output for the node's log, not state. */
  consoleLog(data: Uint8Array): void;
  /** Where a bubbled-up revert began: the EVM's inner call frames enter and exit it too. */
  readonly reverts: RevertOrigin;
  /** A value that lives as long as the message (created on first use). */
  messageLocal<T>(key: string, create: () => T): T;
}
