// The EVM actor's state tuple and the methods that read a contract without running it: what
// eth_getCode and eth_getStorageAt will read, including for a self-destructed contract.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCodeCid } from '../../../src/actors/index.ts';
import { checkRuntimeCode, getBytecode, getBytecodeHash, getStorageAt } from '../../../src/actors/evm/evm-getters.ts';
import { EMPTY_CODE_HASH, evmStateFromIpld, evmStateToIpld, isDead, newEvmState, putEvmState } from '../../../src/actors/evm/evm-state.ts';
import { ContractStorage, MemoryBlockstore, decodeCbor, encodeCbor, getBlock } from '../../../src/ipld/index.ts';
import { ActorError, ActorType, cborBlock, type Runtime } from '../../../src/vm/index.ts';
import { bytesToHex, keccak256 } from '../../../src/primitives/index.ts';

const code = Uint8Array.of(0x60, 0x2a, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3);

function contract(tombstone: { origin: bigint; nonce: bigint } | null = null) {
  const store = new MemoryBlockstore();
  const storage = ContractStorage.create(store);
  storage.set(7n, 42n);
  const state = { ...newEvmState(store, code, storage.flush()), tombstone };
  const head = putEvmState(store, state);
  const rt = { store, origin: 100n, nonce: 5n, caller: 0n, getStateRoot: () => head, getActorCodeCid: () => builtinCodeCid(ActorType.System) } as unknown as Runtime;
  return { store, state, rt };
}

describe('EVM actor state', () => {
  it('is the 6-tuple [bytecode, hash, storage, transient, nonce, tombstone], nonce 1 when new', () => {
    const { store, state } = contract();
    const raw = evmStateToIpld(state);
    assert.equal(raw.length, 6);
    assert.equal(raw[4], 1n);
    assert.equal(raw[3], null);
    assert.deepEqual(getBlock(store, state.bytecode), code);
    assert.equal(state.bytecode.code, 0x55);
    assert.equal(bytesToHex(state.bytecodeHash), bytesToHex(keccak256(code)));
    assert.deepEqual(evmStateFromIpld(decodeCbor(encodeCbor(raw))), { ...state, nonce: 1n });
  });

  it('a contract is dead after the message that self-destructed it, not during it', () => {
    const { state } = contract({ origin: 100n, nonce: 5n });
    assert.equal(isDead(state, { origin: 100n, nonce: 5n }), false);
    assert.equal(isDead(state, { origin: 100n, nonce: 6n }), true);
  });

  it('GetBytecode and GetBytecodeHash answer the code, or nothing and keccak("") when dead', () => {
    const alive = contract();
    assert.ok((decodeCbor(getBytecode(alive.rt).data) as { equals(x: unknown): boolean }).equals(alive.state.bytecode));
    assert.equal(bytesToHex(decodeCbor(getBytecodeHash(alive.rt).data) as Uint8Array), bytesToHex(keccak256(code)));
    const dead = contract({ origin: 1n, nonce: 1n });
    assert.equal(decodeCbor(getBytecode(dead.rt).data), null);
    assert.equal(bytesToHex(decodeCbor(getBytecodeHash(dead.rt).data) as Uint8Array), bytesToHex(EMPTY_CODE_HASH));
  });

  it('GetStorageAt reads a slot for the system actor only, zero when dead', () => {
    const { rt } = contract();
    assert.deepEqual(decodeCbor(getStorageAt(rt, cborBlock([Uint8Array.of(7)])).data), Uint8Array.of(42));
    assert.deepEqual(decodeCbor(getStorageAt(rt, cborBlock([Uint8Array.of(8)])).data), new Uint8Array(0));
    const dead = contract({ origin: 1n, nonce: 1n });
    assert.deepEqual(decodeCbor(getStorageAt(dead.rt, cborBlock([Uint8Array.of(7)])).data), new Uint8Array(0));
    assert.throws(() => getStorageAt({ ...rt, caller: 100n } as Runtime, cborBlock([Uint8Array.of(7)])), ActorError);
  });

  it('refuses runtime code over 24 KiB or starting with 0xEF', () => {
    checkRuntimeCode(new Uint8Array(24576));
    assert.throws(() => checkRuntimeCode(new Uint8Array(24577)), /exceeding the maximum/);
    assert.throws(() => checkRuntimeCode(Uint8Array.of(0xef, 0)), /EIP-3541/);
  });
});
