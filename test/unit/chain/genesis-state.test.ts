// The genesis state: singletons at their Filecoin ids with their manifest names, accounts from id 100,
// the miner at f01000, the EthAccount at eth 0x0, the 2 billion FIL supply, and a pinned root.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCodeCid, createBuiltinRegistry } from '../../../src/actors/index.ts';
import { buildGenesisState, TOTAL_FIL_SUPPLY } from '../../../src/chain/genesis-state.ts';
import { MemoryBlockstore, getCbor, type CID } from '../../../src/ipld/index.ts';
import { ATTO_PER_FIL, Address, ethAddressToFilecoinAddress } from '../../../src/primitives/index.ts';
import { StateTree, readInitState } from '../../../src/state/index.ts';
import { ActorType } from '../../../src/vm/index.ts';

const accounts = [
  { address: new Uint8Array(20).fill(1), balance: 10_000n * ATTO_PER_FIL },
  { address: new Uint8Array(20).fill(2), balance: 10_000n * ATTO_PER_FIL },
];

function build() {
  const store = new MemoryBlockstore();
  const genesis = buildGenesisState(store, { networkName: 'fevm-devnet', accounts });
  return { store, genesis, tree: StateTree.load(store, genesis.stateRoot) };
}

describe('genesis state', () => {
  it('is deterministic for a given configuration', () => {
    assert.equal(build().genesis.stateRoot.toString(), build().genesis.stateRoot.toString());
    assert.equal(build().genesis.stateRoot.toString(), 'bafy2bzacedws2kqrwxyvuztpuvjwnlvrz5ynhuieh3mf2mjfqqytb3wvvnne4');
  });

  it('has the singletons at their ids with the builtin code of their kind', () => {
    const { tree } = build();
    const registry = createBuiltinRegistry();
    const expected: [bigint, ActorType][] = [
      [0n, ActorType.System], [1n, ActorType.Init], [2n, ActorType.Reward], [3n, ActorType.Cron], [4n, ActorType.Power],
      [5n, ActorType.Market], [6n, ActorType.VerifiedRegistry], [7n, ActorType.DataCap], [10n, ActorType.EAM], [99n, ActorType.Account],
    ];
    for (const [id, type] of expected) assert.equal(registry.typeOf(tree.getActor(id)!.code), type, `f0${id}`);
  });

  it('the system actor points at the manifest of builtin actor names and codes', () => {
    const { store, tree } = build();
    const [manifest] = getCbor<[CID]>(store, tree.getActor(0n)!.head);
    const entries = getCbor<[string, CID][]>(store, manifest);
    const evm = entries.find(([name]) => name === 'evm');
    assert.ok(evm && evm[1].equals(builtinCodeCid(ActorType.EVM)));
    assert.equal(builtinCodeCid(ActorType.EVM).toString(), 'bafkqactgnfwc6mjyf5sxm3i');
  });

  it('gives accounts ids from 100 with their f410 addresses, the miner f01000, eth 0x0 the next id', () => {
    const { tree, genesis } = build();
    assert.deepEqual(genesis.accountIds, [100n, 101n]);
    assert.equal(tree.lookupId(ethAddressToFilecoinAddress(accounts[0]!.address)), 100n);
    assert.equal(tree.getActor(100n)!.balance, 10_000n * ATTO_PER_FIL);
    assert.equal(genesis.minerId, 1000n);
    assert.equal(genesis.zeroAddressId, 1001n);
    assert.equal(tree.lookupId(ethAddressToFilecoinAddress(new Uint8Array(20))), 1001n);
    assert.equal(readInitState(tree.store, tree.getActor(1n)!.head).nextId, 1002n);
  });

  it('holds exactly 2 billion FIL, the rest of it in the reserve account f090', () => {
    const { tree } = build();
    let total = 0n;
    for (const [, actor] of tree.entries()) total += actor.balance;
    assert.equal(total, TOTAL_FIL_SUPPLY);
    assert.equal(tree.getActor(Address.newId(90))!.balance, TOTAL_FIL_SUPPLY - 20_000n * ATTO_PER_FIL);
  });
});
