// `createDevnet`: a whole devnet in this process (node, gateway, HTTP and WebSocket server), for tests
// and scripts: `{ url, provider, node, close }`. `fevm-devnet start` is the same with a command line.

import { createNode, type DevnetNode, type NodeConfig } from '../chain/node.ts';
import { DEFAULT_CHAIN_ID } from '../chain/genesis.ts';
import { ChainView, createProvider, dumpState, ethMethods, loadState, type Eip1193Provider } from '../gateway/index.ts';
import { Dispatcher } from '../rpc/index.ts';
import { createServer } from '../server/index.ts';
import { AbiRegistry } from '../eth/abi-registry.ts';
import { readArtifactsFolder } from './artifacts-folder.ts';

export interface DevnetOptions extends NodeConfig {
  host?: string;
  /** 0 picks a free port (default 1234). */
  port?: number;
  verbose?: boolean;
  log?: (line: string) => void;
  /** Serve the development methods (default true); `--no-dev-methods` turns them off. */
  devMethods?: boolean;
  /** Let the process exit while the devnet serves (see ServerOptions.unref); close() still ends it. */
  unref?: boolean;
  /** A state file (anvil_dumpState's bytes) that replaces the chain before the server listens. */
  loadState?: Uint8Array;
  /** ABIs that name contracts and custom errors in `log` and in call errors (default: a new, empty one). */
  abis?: AbiRegistry;
  /** Hardhat artifacts or Foundry out folders whose contracts are added to `abis` at start. */
  artifacts?: string[];
}

export interface Devnet {
  /** HTTP JSON-RPC URL (…/rpc/v1). */
  url: string;
  port: number;
  provider: Eip1193Provider;
  node: DevnetNode;
  /** What `artifacts` and hardhat_addCompilationResult told the devnet. */
  abis: AbiRegistry;
  /** The chain and state as a state file (what anvil_dumpState answers, as bytes). */
  dumpState(): Uint8Array;
  close(): Promise<void>;
}

export async function createDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const node = createNode(options);
  try {
    const view = new ChainView(node, options.chainId ?? DEFAULT_CHAIN_ID);
    if (options.loadState) await loadState(view, options.loadState);
    const abis = options.abis ?? new AbiRegistry();
    for (const dir of options.artifacts ?? []) abis.add(readArtifactsFolder(dir));
    const dispatcher = new Dispatcher(ethMethods(view, { devMethods: options.devMethods, debug: { abis, log: options.log } }), { log: options.verbose ? options.log : undefined });
    const server = await createServer({ dispatcher, host: options.host, port: options.port, log: options.log, verbose: options.verbose, unref: options.unref });
    return {
      url: `${server.url}/rpc/v1`,
      port: server.port,
      provider: createProvider(dispatcher),
      node,
      abis,
      dumpState: () => dumpState(view),
      async close() {
        await server.close();
        await node.close();
      },
    };
  } catch (error) {
    await node.close();
    throw error;
  }
}
