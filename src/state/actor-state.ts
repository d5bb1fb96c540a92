// The actor record kept in the state tree (FEVM-FACTS §2.2; FVM:shared/src/state/mod.rs `ActorState`):
// CBOR tuple `[code, head, sequence, balance, delegated_address]`, balance as Filecoin big-int bytes,
// delegated address as address bytes or null. Owns the record and its encoding, nothing about actors.

import { CID, EMPTY_ARR_CID } from '../ipld/index.ts';
import { Address, FatalError, bigintToBytes, bytesToBigint } from '../primitives/index.ts';

export interface ActorState {
  /** Code CID: which actor this is (identity CIDs `fil/18/<name>` here). */
  readonly code: CID;
  /** Root CID of the actor's own state. */
  readonly head: CID;
  /** Nonce: messages sent by an account, or CREATE counter of the init-created actor kinds. */
  readonly sequence: bigint;
  /** attoFIL. */
  readonly balance: bigint;
  /** The f4 address the actor was created with (set once, never changed), or null. */
  readonly delegatedAddress: Address | null;
}

/** `ActorState::new_empty`: head EMPTY_ARR_CID, sequence 0, balance 0. */
export function createActorState(code: CID, delegatedAddress: Address | null = null, balance = 0n): ActorState {
  return { code, head: EMPTY_ARR_CID, sequence: 0n, balance, delegatedAddress };
}

/** The IPLD value stored in the actors HAMT. */
export function actorStateToIpld(actor: ActorState): unknown[] {
  return [actor.code, actor.head, actor.sequence, bigintToBytes(actor.balance), actor.delegatedAddress?.bytes ?? null];
}

/** Reads an actors-HAMT value; a malformed record means a corrupt store. */
export function actorStateFromIpld(value: unknown): ActorState {
  if (!Array.isArray(value) || value.length !== 5) throw new FatalError('malformed actor state: expected a 5-tuple');
  const [code, head, sequence, balance, delegated] = value as unknown[];
  const codeCid = CID.asCID(code);
  const headCid = CID.asCID(head);
  if (!codeCid || !headCid) throw new FatalError('malformed actor state: code and head must be CIDs');
  if (typeof sequence !== 'number' && typeof sequence !== 'bigint') throw new FatalError('malformed actor state: sequence');
  if (!(balance instanceof Uint8Array)) throw new FatalError('malformed actor state: balance');
  if (delegated !== null && !(delegated instanceof Uint8Array)) throw new FatalError('malformed actor state: delegated address');
  return {
    code: codeCid,
    head: headCid,
    sequence: BigInt(sequence),
    balance: bytesToBigint(balance),
    delegatedAddress: delegated === null ? null : Address.fromBytes(delegated),
  };
}
