// State benchmark (issue "Foundation"): the actors HAMT and contract storage over LMDB.
//   1. 100k HAMT inserts (ID-address keys, actor records) then flush into LMDB (one transaction)
//   2. reload from the root and 100k random gets: first pass from LMDB, second pass from cached nodes
//   3. 10k KAMT slot writes in one contract's storage, then flush into LMDB
// Options: --n <inserts> (default 100000), --slots <writes> (default 10000).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferedBlockstore, LmdbBlockstore, LmdbEnvironment, identityCid, type CID } from '../src/ipld/index.ts';
import { Hamt } from '../src/ipld/hamt/index.ts';
import { ContractStorage } from '../src/ipld/kamt/index.ts';
import { Address } from '../src/primitives/index.ts';
import { actorStateToIpld, createActorState } from '../src/state/index.ts';
import { measure, printTable, type Measurement } from './measure.ts';

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

export async function run(args: string[]): Promise<void> {
  const n = option(args, 'n', 100_000);
  const slots = option(args, 'slots', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'fevm-bench-state-'));
  const env = LmdbEnvironment.open(dir);
  const lmdb = new LmdbBlockstore(env);
  const rows: Measurement[] = [];
  try {
    const code = identityCid('fil/18/account');
    const keys = Array.from({ length: n }, (_, i) => Address.newId(1000 + i).bytes);
    const buffer = new BufferedBlockstore(lmdb);
    const hamt = Hamt.create(buffer, { bitWidth: 5 });
    rows.push(
      measure(`HAMT insert (actor records)`, n, () => {
        for (let i = 0; i < n; i++) hamt.set(keys[i]!, actorStateToIpld({ ...createActorState(code), balance: BigInt(i) }));
      }),
    );
    let root = undefined as unknown as CID;
    rows.push(measure('HAMT flush: encode and hash the nodes', n, () => (root = hamt.flush())));
    rows.push(measure(`HAMT blocks into LMDB (${buffer.pendingCount} blocks, one transaction)`, n, () => buffer.flush()));
    rows.push(
      measure('HAMT insert + flush + LMDB write, end to end', n, () => {
        const b2 = new BufferedBlockstore(lmdb);
        const h2 = Hamt.create(b2, { bitWidth: 5 });
        for (let i = 0; i < n; i++) h2.set(keys[i]!, actorStateToIpld({ ...createActorState(code), balance: BigInt(i + 1) }));
        root = h2.flush();
        b2.flush();
      }),
    );

    const order = Array.from({ length: n }, () => keys[Math.floor(Math.random() * n)]!);
    const reloaded = Hamt.load(lmdb, root, { bitWidth: 5 });
    rows.push(measure('reload + random gets (cold: nodes from LMDB)', n, () => getAll(reloaded, order)));
    rows.push(measure('random gets (cached nodes)', n, () => getAll(reloaded, order)));

    const storeBuffer = new BufferedBlockstore(lmdb);
    const storage = ContractStorage.create(storeBuffer);
    rows.push(
      measure('KAMT slot writes (one contract, mapping-like slots)', slots, () => {
        for (let i = 0; i < slots; i++) storage.set(mappingSlot(i), BigInt(i + 1));
      }),
    );
    rows.push(
      measure('KAMT flush into LMDB', slots, () => {
        storage.flush();
        storeBuffer.flush();
      }),
    );
    printTable(`state bench: node ${process.version}, ${n} actors, ${slots} slots, LMDB in ${tmpdir()}`, rows);
  } finally {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function getAll(hamt: Hamt, keys: Uint8Array[]): void {
  for (const key of keys) if (hamt.get(key) === undefined) throw new Error('missing key in bench');
}

/** Slots spread like Solidity mappings (keccak-like: 256 random-looking bits), deterministic. */
function mappingSlot(i: number): bigint {
  let x = BigInt(i + 1) * 0x9e3779b97f4a7c15f39cc0605cedc834n;
  x ^= x >> 67n;
  return (x * 0xbf58476d1ce4e5b9n) & ((1n << 256n) - 1n);
}
