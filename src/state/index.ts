// The state layer: the state tree of actors, their records, nested transactions, and the state root.
// Imports ipld and primitives only.

export * from './actor-state.ts';
export * from './state-root.ts';
export * from './state-tree.ts';
export * from './init-address-map.ts';
