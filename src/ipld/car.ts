// CAR (v1) export and import of the DAG under some roots (`@ipld/car`), for sharing a devnet's chain and
// state as one file. Export walks every link of dag-cbor blocks (raw blocks are leaves, identity CIDs
// carry their data inline and are skipped); import checks every block's hash before storing anything,
// then stores all blocks in one atomic `putMany`, so a bad file costs nothing.

import { CarBufferReader } from '@ipld/car/buffer-reader';
import * as CarBufferWriter from '@ipld/car/buffer-writer';
import { CID } from 'multiformats/cid';
import { FatalError, InvalidInputError, bytesEqual } from '../primitives/index.ts';
import { BLAKE2B_256, DAG_CBOR, IDENTITY, RAW, blockCid, decodeCbor } from './block.ts';
import type { Block, Blockstore } from './blockstore.ts';

export class CarError extends InvalidInputError {
  override readonly name = 'CarError';
}

/** Every block reachable from `roots`, each once, parents before children. */
export function collectDag(store: Blockstore, roots: CID[]): Block[] {
  const seen = new Set<string>();
  const out: Block[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const cid = stack.pop()!;
    if (cid.multihash.code === IDENTITY) continue;
    const key = cid.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    const bytes = store.get(cid);
    if (!bytes) throw new FatalError(`block ${key} is missing from the store: cannot export the DAG`);
    out.push({ cid, bytes });
    if (cid.code === DAG_CBOR) {
      const links: CID[] = [];
      collectLinks(decodeCbor(bytes), links);
      for (let i = links.length - 1; i >= 0; i--) stack.push(links[i]!);
    }
  }
  return out;
}

function collectLinks(value: unknown, into: CID[]): void {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
  const cid = CID.asCID(value);
  if (cid) {
    into.push(cid);
    return;
  }
  for (const child of Array.isArray(value) ? value : Object.values(value)) collectLinks(child, into);
}

/** A CAR v1 file holding `roots` and everything under them. */
export function exportCar(store: Blockstore, roots: CID[]): Uint8Array {
  const blocks = collectDag(store, roots);
  const size = CarBufferWriter.headerLength({ roots }) + blocks.reduce((n, b) => n + CarBufferWriter.blockLength(b), 0);
  const writer = CarBufferWriter.createWriter(new ArrayBuffer(size), { roots });
  for (const block of blocks) writer.write(block);
  return writer.close();
}

/** Reads a CAR file into `store` after checking it whole; answers its roots. */
export function importCar(store: Blockstore, bytes: Uint8Array): { roots: CID[]; blocks: number } {
  let reader: CarBufferReader;
  try {
    reader = CarBufferReader.fromBytes(bytes);
  } catch (cause) {
    throw new CarError('not a readable CAR file', { cause, details: cause instanceof Error ? cause.message : undefined });
  }
  const blocks = reader.blocks();
  for (const { cid, bytes: data } of blocks) {
    if (cid.multihash.code !== BLAKE2B_256 || (cid.code !== DAG_CBOR && cid.code !== RAW)) {
      throw new CarError(`block ${cid} is not a blake2b-256 dag-cbor or raw block`);
    }
    if (!bytesEqual(blockCid(data, cid.code).multihash.digest, cid.multihash.digest)) {
      throw new CarError(`block ${cid} does not match its hash: the file is corrupt`);
    }
  }
  store.putMany(blocks);
  return { roots: reader.getRoots(), blocks: blocks.length };
}
