// KAMT and EVM contract storage: the exact blocks builtin-actors would write (FEVM-FACTS §2.5) for small
// cases worked out by hand from ref-fvm's format, and behaviour a contract's storage needs.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryBlockstore, blockCid, encodeCbor, getBlock } from '../../../src/ipld/index.ts';
import { ContractStorage, Kamt, u256ToBytes32 } from '../../../src/ipld/kamt/index.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';

describe('KAMT blocks', () => {
  it('the empty storage root is the node [h"", []]', () => {
    const root = ContractStorage.create(new MemoryBlockstore()).flush();
    assert.equal(root.toString(), blockCid(encodeCbor([new Uint8Array(0), []])).toString());
  });

  it('slot 0 = 1 is one bucket {"v": [[h"", h"01"]]} in slot 0 of the root', () => {
    const store = new MemoryBlockstore();
    const storage = ContractStorage.create(store);
    storage.set(0n, 1n);
    const root = storage.flush();
    assert.equal(bytesToHex(getBlock(store, root)), '0x82410181a161768182404101');
  });

  it('slots 0 and 1 share 250 bits: the root links to a child through a 250-bit extension', () => {
    const store = new MemoryBlockstore();
    const storage = ContractStorage.create(store);
    storage.set(0n, 5n);
    storage.set(1n, 6n);
    const root = storage.flush();
    const child = encodeCbor([Uint8Array.of(0b11), [{ v: [[new Uint8Array(0), Uint8Array.of(5)]] }, { v: [[Uint8Array.of(1), Uint8Array.of(6)]] }]]);
    const expectedRoot = encodeCbor([Uint8Array.of(1), [{ l: [blockCid(child), 250, new Uint8Array(32)] }]]);
    assert.equal(bytesToHex(getBlock(store, root)), bytesToHex(expectedRoot));
    assert.equal(bytesToHex(getBlock(store, blockCid(child))), bytesToHex(child));
  });

  it('a key leaving an extension early splits it, and deleting it merges it back', () => {
    const store = new MemoryBlockstore();
    const storage = ContractStorage.create(store);
    storage.set(0n, 5n);
    storage.set(1n, 6n);
    const twoSlots = storage.flush().toString();
    storage.set(1n << 100n, 7n);
    assert.notEqual(storage.flush().toString(), twoSlots);
    assert.equal(storage.get(1n << 100n), 7n);
    assert.equal(storage.get(0n), 5n);
    storage.set(1n << 100n, 0n);
    assert.equal(storage.flush().toString(), twoSlots);
  });
});

describe('ContractStorage', () => {
  it('reads zero for unset slots and deletes on zero writes', () => {
    const store = new MemoryBlockstore();
    const storage = ContractStorage.create(store);
    const empty = storage.flush().toString();
    assert.equal(storage.get(42n), 0n);
    storage.set(42n, 9n);
    assert.equal(storage.get(42n), 9n);
    storage.set(42n, 0n);
    assert.equal(storage.get(42n), 0n);
    assert.equal(storage.flush().toString(), empty);
  });

  it('round-trips the largest slot and value through flush and reload', () => {
    const store = new MemoryBlockstore();
    const max = (1n << 256n) - 1n;
    const storage = ContractStorage.create(store);
    storage.set(max, max);
    storage.set(0n, 1n);
    const reloaded = ContractStorage.load(store, storage.flush());
    assert.equal(reloaded.get(max), max);
    assert.deepEqual([...reloaded.entries()], [[0n, 1n], [max, max]]);
  });

  it('refuses keys that are not 32 bytes', () => {
    assert.throws(() => Kamt.create(new MemoryBlockstore()).set(new Uint8Array(31), 1), RangeError);
    assert.throws(() => u256ToBytes32(1n << 256n), RangeError);
  });
});
