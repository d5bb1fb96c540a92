// A tipset keeps only the blocks its roots reach (ref-fvm's flush(root)): the link scanner finds what
// a full dag-cbor decode finds, and keepReachable drops the superseded states between messages while
// every block of the final DAG stays and reads back.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CID } from 'multiformats/cid';
import { BufferedBlockstore, MemoryBlockstore, decodeCbor, encodeCbor, putCbor, getBlock } from '../../../src/ipld/index.ts';
import { forEachCborLink } from '../../../src/ipld/cbor-links.ts';
import { Hamt } from '../../../src/ipld/hamt/index.ts';

function linksByDecode(value: unknown, out: string[] = []): string[] {
  if (value instanceof CID) out.push(value.toString());
  else if (Array.isArray(value)) for (const v of value) linksByDecode(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) for (const v of Object.values(value)) linksByDecode(v, out);
  return out;
}

describe('reachable blocks', () => {
  it('the scanner finds the links a decode finds, in nested arrays and maps, beside strings, big integers and bytes', () => {
    const store = new MemoryBlockstore();
    const leaf = putCbor(store, ['leaf', (1n << 64n) - 1n]);
    const other = putCbor(store, { a: new Uint8Array(300), b: 'x'.repeat(70) });
    const value = [leaf, { k: [other, leaf], s: 'text', n: -5, big: 1n << 40n, f: true, z: null }, new Uint8Array(40000), [[[other]]]];
    const bytes = encodeCbor(value);
    const scanned: string[] = [];
    forEachCborLink(bytes, (cid) => scanned.push(CID.decode(cid).toString()));
    assert.deepEqual(scanned, linksByDecode(decodeCbor(bytes)));
    assert.equal(scanned.length, 4);
  });

  it('keepReachable keeps the final HAMT and drops the states written on the way', () => {
    const base = new MemoryBlockstore();
    const buffered = new BufferedBlockstore(base);
    let hamt = Hamt.create(buffered);
    const roots: CID[] = [];
    for (let i = 0; i < 200; i++) {
      hamt.set(new TextEncoder().encode(`key ${i}`), i);
      roots.push(hamt.flush());
    }
    const final = roots.at(-1)!;
    const written = buffered.pendingCount;
    const dropped = buffered.keepReachable([final]);
    assert.ok(dropped > written / 2, `most of ${written} blocks were intermediate (dropped ${dropped})`);
    buffered.flush();
    hamt = Hamt.load(base, final);
    for (let i = 0; i < 200; i++) assert.equal(Number(hamt.get(new TextEncoder().encode(`key ${i}`))), i);
    assert.throws(() => getBlock(base, roots[0]!));
  });
});
