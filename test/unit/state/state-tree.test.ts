// The state tree: actor records in the actors HAMT under a version-5 state root, nested transactions,
// resolution of f410/f1 addresses through the init actor's address map, reload from a root.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_ARR_CID,
  MemoryBlockstore,
  getCbor,
  identityCid,
  putCbor,
  type CID,
} from '../../../src/ipld/index.ts';
import { Hamt } from '../../../src/ipld/hamt/index.ts';
import {
  Address,
  FatalError,
  ethAddressToFilecoinAddress,
  parseAddress,
} from '../../../src/primitives/index.ts';
import {
  StateTree,
  actorStateFromIpld,
  createActorState,
  type ActorState,
} from '../../../src/state/index.ts';

const ACCOUNT = identityCid('fil/18/account');
const INIT = identityCid('fil/18/init');
const ETH_ACCOUNT = identityCid('fil/18/ethaccount');

function account(balance: bigint, sequence = 0n): ActorState {
  return { ...createActorState(ACCOUNT), balance, sequence };
}

/** A state tree whose init actor maps `addresses` to ids, the way the init actor stores them. */
function treeWithInit(store: MemoryBlockstore, addresses: [Address, bigint][]): StateTree {
  const map = Hamt.create(store, { bitWidth: 5 });
  for (const [address, id] of addresses) map.set(address.bytes, id);
  const head: CID = putCbor(store, [map.flush(), 1000, 'devnet']);
  const tree = StateTree.create(store);
  tree.setActor(1n, { ...createActorState(INIT), head });
  return tree;
}

describe('StateTree', () => {
  it('flushes to a [5, actors, EMPTY_ARR_CID] root and reloads the same actors', () => {
    const store = new MemoryBlockstore();
    const tree = StateTree.create(store);
    const f410 = ethAddressToFilecoinAddress(new Uint8Array(20).fill(0xab));
    tree.setActor(100n, account(5n, 3n));
    tree.setActor(101n, { ...createActorState(ETH_ACCOUNT, f410), balance: 10n ** 24n });
    const root = tree.flush();
    const rootValue = getCbor<unknown[]>(store, root);
    assert.equal(rootValue[0], 5);
    assert.ok(EMPTY_ARR_CID.equals(rootValue[2] as CID));

    const again = StateTree.load(store, root);
    assert.deepEqual(again.getActor(100n), account(5n, 3n));
    const eth = again.getActor(Address.newId(101));
    assert.equal(eth?.balance, 10n ** 24n);
    assert.ok(eth?.delegatedAddress?.equals(f410));
    assert.equal(again.getActor(102n), undefined);
  });

  it('stores each actor as the FVM tuple [code, head, sequence, balance bytes, delegated]', () => {
    const store = new MemoryBlockstore();
    const tree = StateTree.create(store);
    tree.setActor(100n, account(256n, 7n));
    const root = tree.flush();
    const actors = Hamt.load(store, getCbor<unknown[]>(store, root)[1] as CID, { bitWidth: 5 });
    const raw = actors.get(Address.newId(100).bytes) as unknown[];
    assert.equal(raw.length, 5);
    assert.ok(ACCOUNT.equals(raw[0] as CID));
    assert.equal(raw[2], 7);
    assert.deepEqual(raw[3], Uint8Array.of(0, 1, 0));
    assert.equal(raw[4], null);
    assert.deepEqual(actorStateFromIpld(raw), account(256n, 7n));
  });

  it('gives the same root whatever order actors were written in', () => {
    const ids = Array.from({ length: 200 }, (_, i) => BigInt(100 + i));
    const build = (order: bigint[]) => {
      const tree = StateTree.create(new MemoryBlockstore());
      for (const id of order) tree.setActor(id, account(id * 3n));
      return tree.flush().toString();
    };
    assert.equal(build(ids), build([...ids].reverse()));
  });

  it('reverts a transaction, commits another, and nests', () => {
    const tree = StateTree.create(new MemoryBlockstore());
    tree.setActor(100n, account(1n));
    tree.begin();
    tree.setActor(100n, account(2n));
    tree.begin();
    tree.setActor(101n, account(9n));
    tree.deleteActor(100n);
    assert.equal(tree.getActor(100n), undefined);
    tree.revert();
    assert.equal(tree.getActor(100n)?.balance, 2n);
    assert.equal(tree.getActor(101n), undefined);
    tree.commit();
    assert.equal(tree.getActor(100n)?.balance, 2n);
    assert.equal(tree.depth, 0);
  });

  it('withTransaction reverts when the work throws or is not kept, commits otherwise', () => {
    const tree = StateTree.create(new MemoryBlockstore());
    tree.setActor(100n, account(1n));
    assert.throws(() =>
      tree.withTransaction(() => {
        tree.setActor(100n, account(50n));
        throw new Error('actor aborted');
      }),
    );
    assert.equal(tree.getActor(100n)?.balance, 1n);
    const exit = tree.withTransaction(
      () => {
        tree.setActor(100n, account(60n));
        return { exitCode: 33 };
      },
      (r) => r.exitCode === 0,
    );
    assert.equal(exit.exitCode, 33);
    assert.equal(tree.getActor(100n)?.balance, 1n);
    tree.withTransaction(() => tree.setActor(100n, account(70n)));
    assert.equal(tree.getActor(100n)?.balance, 70n);
    assert.equal(tree.depth, 0);
  });

  it('refuses to flush or commit in the wrong state: a bug, not a user error', () => {
    const tree = StateTree.create(new MemoryBlockstore());
    assert.throws(() => tree.commit(), FatalError);
    assert.throws(() => tree.revert(), FatalError);
    tree.begin();
    assert.throws(() => tree.flush(), FatalError);
  });

  it('deleted actors are gone after flush and reload', () => {
    const store = new MemoryBlockstore();
    const tree = StateTree.create(store);
    tree.setActor(100n, account(1n));
    tree.setActor(101n, account(2n));
    const before = tree.flush();
    tree.deleteActor(100n);
    const after = tree.flush();
    assert.notEqual(before.toString(), after.toString());
    const reloaded = StateTree.load(store, after);
    assert.equal(reloaded.getActor(100n), undefined);
    assert.deepEqual([...reloaded.entries()].map(([id]) => id), [101n]);
  });

  it('resolves f410 and f1 addresses through the init actor, seeing changes in transactions', () => {
    const store = new MemoryBlockstore();
    const f410 = ethAddressToFilecoinAddress(new Uint8Array(20).fill(0x42));
    const f1 = parseAddress('f15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq').address;
    const tree = treeWithInit(store, [[f410, 1001n], [f1, 1002n]]);
    tree.setActor(1001n, { ...createActorState(ETH_ACCOUNT, f410), balance: 42n });
    assert.equal(tree.lookupId(f410), 1001n);
    assert.equal(tree.lookupId(f1), 1002n);
    assert.equal(tree.lookupId(Address.newId(7)), 7n);
    assert.equal(tree.getActor(f410)?.balance, 42n);
    assert.equal(tree.lookupId(ethAddressToFilecoinAddress(new Uint8Array(20))), undefined);

    const root = tree.flush();
    const reloaded = StateTree.load(store, root);
    assert.equal(reloaded.lookupId(f410), 1001n);

    const newcomer = ethAddressToFilecoinAddress(new Uint8Array(20).fill(0x77));
    reloaded.begin();
    const map = Hamt.create(store, { bitWidth: 5 });
    map.set(newcomer.bytes, 1003n);
    reloaded.setActor(1n, { ...createActorState(INIT), head: putCbor(store, [map.flush(), 1004, 'devnet']) });
    assert.equal(reloaded.lookupId(newcomer), 1003n);
    reloaded.revert();
    assert.equal(reloaded.lookupId(newcomer), undefined);
  });

  it('without an init actor, only ID addresses resolve', () => {
    const tree = StateTree.create(new MemoryBlockstore());
    assert.equal(tree.lookupId(ethAddressToFilecoinAddress(new Uint8Array(20).fill(1))), undefined);
  });

  it('refuses to load a state root of another version', () => {
    const store = new MemoryBlockstore();
    const bad = putCbor(store, [4, EMPTY_ARR_CID, EMPTY_ARR_CID]);
    assert.throws(() => StateTree.load(store, bad), FatalError);
  });
});
