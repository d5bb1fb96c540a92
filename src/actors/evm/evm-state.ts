// The EVM actor's state (FEVM-FACTS §4.1; BA:actors/evm/src/state.rs): CBOR tuple `[bytecode CID (raw
// block), bytecode keccak hash, storage KAMT root, transient data or null, nonce, tombstone or null]`.
// Transient data is `[KAMT root, [origin id, nonce]]` and valid only in the message that wrote it;
// the tombstone is `[origin id, nonce]` of the message that ran SELFDESTRUCT.

import { CID, getCbor, putCbor, putRaw, type Blockstore } from '../../ipld/index.ts';
import { ContractStorage } from '../../ipld/index.ts';
import { FatalError, hexToBytes, keccak256 } from '../../primitives/index.ts';

/** keccak256 of empty code: what EXTCODEHASH answers for accounts and dead contracts. */
export const EMPTY_CODE_HASH = hexToBytes('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
/** keccak256(0xfe): the hash EXTCODEHASH answers for native (non-EVM) actors. */
export const NATIVE_ACTOR_CODE_HASH = hexToBytes('0xbcc90f2d6dada5b18e155c17a1c0a55920aae94f39857d39d0d8ed07ae8f228b');

export interface MessageStamp {
  origin: bigint;
  nonce: bigint;
}

export interface EvmState {
  bytecode: CID;
  bytecodeHash: Uint8Array;
  contractState: CID;
  transientData: { root: CID; lifespan: MessageStamp } | null;
  /** CREATE nonce; a new contract starts at 1. */
  nonce: bigint;
  tombstone: MessageStamp | null;
}

export function evmStateToIpld(s: EvmState): unknown[] {
  return [
    s.bytecode,
    s.bytecodeHash,
    s.contractState,
    s.transientData ? [s.transientData.root, [s.transientData.lifespan.origin, s.transientData.lifespan.nonce]] : null,
    s.nonce,
    s.tombstone ? [s.tombstone.origin, s.tombstone.nonce] : null,
  ];
}

function stamp(raw: unknown, what: string): MessageStamp {
  if (!Array.isArray(raw) || raw.length !== 2) throw new FatalError(`malformed EVM ${what}`);
  return { origin: BigInt(raw[0] as number), nonce: BigInt(raw[1] as number) };
}

export function evmStateFromIpld(raw: unknown): EvmState {
  if (!Array.isArray(raw) || raw.length !== 6) throw new FatalError('EVM actor state is not a 6-tuple');
  const [bytecode, hash, contractState, transient, nonce, tombstone] = raw as unknown[];
  const code = CID.asCID(bytecode);
  const storage = CID.asCID(contractState);
  if (!code || !storage || !(hash instanceof Uint8Array) || hash.length !== 32 || (typeof nonce !== 'number' && typeof nonce !== 'bigint')) {
    throw new FatalError('malformed EVM actor state');
  }
  let transientData: EvmState['transientData'] = null;
  if (transient !== null) {
    const [root, lifespan] = Array.isArray(transient) ? transient : [];
    const rootCid = CID.asCID(root);
    if (!rootCid) throw new FatalError('malformed EVM transient data');
    transientData = { root: rootCid, lifespan: stamp(lifespan, 'transient data lifespan') };
  }
  return { bytecode: code, bytecodeHash: hash, contractState: storage, transientData, nonce: BigInt(nonce), tombstone: tombstone === null ? null : stamp(tombstone, 'tombstone') };
}

export function readEvmState(store: Blockstore, head: CID): EvmState {
  return evmStateFromIpld(getCbor(store, head));
}

export function putEvmState(store: Blockstore, state: EvmState): CID {
  return putCbor(store, evmStateToIpld(state));
}

/** The state of a contract just deployed with `runtimeCode` and `storage`: nonce 1, no tombstone. */
export function newEvmState(store: Blockstore, runtimeCode: Uint8Array, storage: CID = ContractStorage.create(store).flush()): EvmState {
  return { bytecode: putRaw(store, runtimeCode), bytecodeHash: keccak256(runtimeCode), contractState: storage, transientData: null, nonce: 1n, tombstone: null };
}

/** Dead: self-destructed in an earlier message (it lives on until the message that killed it ends). */
export function isDead(state: EvmState, current: MessageStamp): boolean {
  return state.tombstone !== null && (state.tombstone.origin !== current.origin || state.tombstone.nonce !== current.nonce);
}
