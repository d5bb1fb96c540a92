// Opening the chain a node runs: the one in the store if it has a head, else a new devnet genesis
// (development accounts, the miner, f410 accounts) sealed as tipset 0.

import { BufferedBlockstore, type Blockstore } from '../ipld/index.ts';
import { createBuiltinRegistry } from '../actors/index.ts';
import { Chain } from './chain.ts';
import { createDevnetGenesis, DEFAULT_CHAIN_ID, type DevnetGenesisOptions } from './genesis.ts';
import { FIRST_MINER_ID } from './genesis-state.ts';
import { ChainStore } from './store/chain-store.ts';
import type { KvStore } from './store/kv.ts';

export interface OpenChainOptions extends DevnetGenesisOptions {
  blocks: Blockstore;
  kv: KvStore;
  /** Genesis time, seconds (default now). */
  genesisTimestamp?: number;
}

export function openChain(options: OpenChainOptions): { chain: Chain; created: boolean } {
  const store = new ChainStore(options.blocks, options.kv);
  const chain = new Chain({ store, registry: createBuiltinRegistry(), chainId: options.chainId ?? DEFAULT_CHAIN_ID, minerId: FIRST_MINER_ID });
  if (store.head()) return { chain, created: false };
  const buffered = new BufferedBlockstore(options.blocks);
  const genesis = createDevnetGenesis(buffered, options);
  chain.sealGenesis(genesis.stateRoot, options.genesisTimestamp ?? Math.floor(Date.now() / 1000), buffered);
  return { chain, created: true };
}
