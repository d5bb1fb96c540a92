// A devnet node's chain side (`createNode`): the blockstore and chain tables in one LMDB folder (default
// `.fevm-devnet/`) or in memory, the chain (a new genesis the first time), the mempool and block
// production. The JSON-RPC gateway sits on top of this in a later layer.

import { resolve } from 'node:path';
import { loadEvm } from '../actors/index.ts';
import { LmdbBlockstore, LmdbEnvironment, MemoryBlockstore, signedMessageCid, type Blockstore } from '../ipld/index.ts';
import type { SignedMessage } from '../primitives/index.ts';
import type { CID } from '../ipld/index.ts';
import type { Chain } from './chain.ts';
import { DEFAULT_NETWORK_NAME, type DevnetGenesisOptions } from './genesis.ts';
import { deriveDevAccounts, type DevAccounts } from './dev-accounts.ts';
import { Mempool } from './mempool/index.ts';
import { openChain } from './open-chain.ts';
import { BlockProducer, type MiningMode } from './producer.ts';
import { LmdbKv, MemoryKv, type KvStore } from './store/kv.ts';

export const DEFAULT_DATA_DIR = '.fevm-devnet';

export interface NodeConfig extends DevnetGenesisOptions {
  /** Data folder (default `.fevm-devnet` in the working directory); ignored with `memory`. */
  dataDir?: string;
  memory?: boolean;
  mining?: MiningMode;
  /** Chance of a null round before each tipset. */
  nullRoundRate?: number;
  genesisTimestamp?: number;
}

export interface DevnetNode {
  readonly chain: Chain;
  readonly mempool: Mempool;
  readonly producer: BlockProducer;
  /** Where the chain lives (undefined in memory). */
  readonly dataDir: string | undefined;
  readonly networkName: string;
  /** The development accounts (their keys sign `eth_sendTransaction`). */
  readonly devAccounts: DevAccounts;
  /** Adds a (signature-checked) message to the mempool; `ethTxHash` when it came as an Ethereum transaction. */
  submit(signed: SignedMessage, ethTxHash?: Uint8Array): CID;
  /** Loads the EVM, which a node leaves until the first contract call (it takes a third of a start). */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export function createNode(config: NodeConfig = {}): DevnetNode {
  let blocks: Blockstore;
  let kv: KvStore;
  let env: LmdbEnvironment | undefined;
  const dataDir = config.memory ? undefined : resolve(config.dataDir ?? DEFAULT_DATA_DIR);
  if (dataDir) {
    env = LmdbEnvironment.open(dataDir);
    blocks = new LmdbBlockstore(env);
    kv = new LmdbKv(env);
  } else {
    blocks = new MemoryBlockstore();
    kv = new MemoryKv();
  }
  const devAccounts = deriveDevAccounts({ mnemonic: config.mnemonic, count: config.accounts });
  const { chain } = openChain({ ...config, devAccounts, blocks, kv });
  const mempool = new Mempool();
  const ethHashes = new Map<string, Uint8Array>();
  const producer = new BlockProducer(chain, mempool, {
    mode: config.mining ?? { kind: 'automine' },
    nullRoundRate: config.nullRoundRate,
    ethTxHash: (signed) => ethHashes.get(signedMessageCid(signed).toString()),
  });
  chain.onHead(({ messages }) => {
    for (const m of messages) ethHashes.delete(m.cid.toString());
  });
  producer.start();
  return {
    chain,
    mempool,
    producer,
    dataDir,
    networkName: config.networkName ?? DEFAULT_NETWORK_NAME,
    devAccounts,
    submit(signed, ethTxHash) {
      const cid = signedMessageCid(signed);
      if (ethTxHash) ethHashes.set(cid.toString(), ethTxHash);
      try {
        return mempool.add(signed, producer.senderLookup());
      } catch (error) {
        ethHashes.delete(cid.toString());
        throw error;
      }
    },
    async warmUp() {
      await loadEvm();
    },
    async close() {
      producer.stop();
      await producer.idle();
      await env?.close();
    },
  };
}
