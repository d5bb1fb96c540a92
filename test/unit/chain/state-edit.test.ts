// Installing Ethereum accounts into a state tree: a contract put there answers calls from the storage it
// was given, an EthAccount sends messages from the nonce it was given, and both are reachable by f410.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readEvmState } from '../../../src/actors/evm/evm-state.ts';
import { installContract, installEthAccount } from '../../../src/chain/state-edit.ts';
import { ContractStorage, decodeCbor, encodeCbor, getBlock } from '../../../src/ipld/index.ts';
import { ATTO_PER_FIL, ExitCode, InvalidInputError, hexToBytes, maskedIdEthAddress, uintToFixedBytes } from '../../../src/primitives/index.ts';
import { ActorType, METHOD_INVOKE_CONTRACT } from '../../../src/vm/index.ts';
import { ETH_A, ETH_B, createHarness, f410 } from '../../helpers/fvm-harness.ts';

// calldataload(0) → sload → mstore(0) → return(0, 32): answers the slot named by the calldata.
const READ_SLOT = hexToBytes('0x60003554600052' + '60206000f3');
const CONTRACT = new Uint8Array(20).fill(0xc0);
const SENDER = new Uint8Array(20).fill(0x5e);

describe('installing accounts into a state tree', () => {
  it('a contract answers InvokeContract from the storage it was installed with', async () => {
    const h = createHarness();
    const storage = new Map([[5n, 99n], [6n, 0n]]);
    const id = installContract(h.tree, h.registry, CONTRACT, { code: READ_SLOT, storage, nonce: 3n, balance: 7n });
    assert.equal(h.tree.lookupId(f410(CONTRACT)), id);
    const actor = h.tree.getActor(id)!;
    assert.equal(h.registry.typeOf(actor.code), ActorType.EVM);
    assert.ok(actor.delegatedAddress?.equals(f410(CONTRACT)));
    assert.equal(actor.balance, 7n);
    const state = readEvmState(h.store, actor.head);
    assert.equal(state.nonce, 3n);
    assert.deepEqual(getBlock(h.store, state.bytecode), READ_SLOT);
    assert.deepEqual([...ContractStorage.load(h.store, state.contractState).entries()], [[5n, 99n]]);

    const r = await h.apply({ from: f410(ETH_A), to: f410(CONTRACT), method: METHOD_INVOKE_CONTRACT, params: encodeCbor(uintToFixedBytes(5n)), gasLimit: 1_000_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.OK, r.failure ?? '');
    assert.deepEqual(decodeCbor(r.receipt.returnData), uintToFixedBytes(99n));
  });

  it('an EthAccount sends messages from the nonce it was installed with', async () => {
    const h = createHarness();
    const id = installEthAccount(h.tree, h.registry, SENDER, { balance: 10n * ATTO_PER_FIL, nonce: 7n });
    const actor = h.tree.getActor(f410(SENDER))!;
    assert.equal(h.registry.typeOf(actor.code), ActorType.EthAccount);
    assert.equal(actor.sequence, 7n);

    const stale = await h.apply({ from: f410(SENDER), to: f410(ETH_B), sequence: 6n, value: 1n });
    assert.equal(stale.receipt.exitCode, ExitCode.SYS_SENDER_STATE_INVALID);
    const sent = await h.apply({ from: f410(SENDER), to: f410(ETH_B), sequence: 7n, value: 1n });
    assert.equal(sent.receipt.exitCode, ExitCode.OK, sent.failure ?? '');
    assert.equal(h.tree.getActor(id)!.sequence, 8n);
  });

  it('an address the tree already has keeps its id and gets the new actor', () => {
    const h = createHarness();
    const zero = new Uint8Array(20);
    const id = installContract(h.tree, h.registry, zero, { code: READ_SLOT, storage: new Map(), nonce: 1n, balance: 0n });
    assert.equal(id, h.ids.zero);
    assert.equal(h.registry.typeOf(h.tree.getActor(id)!.code), ActorType.EVM);
  });

  it('refuses masked-ID addresses, which name actors by id', () => {
    const h = createHarness();
    assert.throws(() => installEthAccount(h.tree, h.registry, maskedIdEthAddress(1234n), { balance: 0n, nonce: 0n }), InvalidInputError);
  });
});
