// The ipld layer: blocks and CIDs, the Blockstore boundary and its implementations, HAMT, KAMT, AMT and
// CAR files, all byte-compatible with Filecoin (FEVM-FACTS §2). Imports only primitives.

export * from './block.ts';
export * from './blockstore.ts';
export * from './bounded-cache.ts';
export * from './memory-blockstore.ts';
export * from './buffered-blockstore.ts';
export * from './lmdb-blockstore.ts';
export * from './car.ts';
export * from './hamt/index.ts';
export * from './kamt/index.ts';
export * from './amt/index.ts';
export * from './message-block.ts';
