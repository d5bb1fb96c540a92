// `createDevnet`: a whole devnet in this process (node, gateway, HTTP and WebSocket server), for tests
// and scripts: `{ url, provider, node, close }`. `fevm-devnet start` is the same with a command line.

import { createNode, type DevnetNode, type NodeConfig } from '../chain/node.ts';
import { DEFAULT_CHAIN_ID } from '../chain/genesis.ts';
import { ChainView, METHOD_PERMISSIONS, createProvider, dumpState, ethMethods, loadState, type Eip1193Provider, type GatewayLimits } from '../gateway/index.ts';
import { printConsoleLogs } from '../gateway/execution-report.ts';
import { Dispatcher, type Permission } from '../rpc/index.ts';
import { createServer, createToken, needsTokens } from '../server/index.ts';
import { ephemeralTokenSecret, loadTokenSecret } from './token-secret.ts';
import { AbiRegistry } from '../eth/abi-registry.ts';
import { readArtifactsFolder } from './artifacts-folder.ts';

export interface DevnetOptions extends NodeConfig {
  host?: string;
  /** 0 picks a free port (default 1234). */
  port?: number;
  verbose?: boolean;
  log?: (line: string) => void;
  /**
   * Where Solidity's console.log output goes, a line each and nothing else, from sealed transactions
   * and eth_call (as Hardhat's in-process network prints it); the Hardhat plugin gives stdout.
   */
  consoleLog?: (line: string) => void;
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
  /**
   * Ask callers for a token beyond 'read' on loopback too (`--require-token`). Off loopback tokens are
   * always needed (docs/security.md), signed with the data folder's `token-secret` (a secret for the
   * run with `memory`).
   */
  requireToken?: boolean;
  /** Treat the listener as reachable from other machines whatever its address (tests; see ServerOptions). */
  treatAsRemote?: boolean;
  /** Largest request body and WebSocket message, in bytes (1 MiB). */
  bodyLimit?: number;
  /** Most calls in one JSON-RPC batch (100). */
  maxBatch?: number;
  /** Filters, eth_getLogs, subscriptions and call gas at most (gateway/limits.ts). */
  limits?: Partial<GatewayLimits>;
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
  /** Whether callers need a token beyond 'read' (off loopback, or requireToken). */
  tokensRequired: boolean;
  /** An API token for this devnet (Authorization: Bearer …), granting `perm` and what it implies. */
  createToken(perm: Permission): string;
  close(): Promise<void>;
}

export async function createDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const node = createNode(options);
  try {
    const view = new ChainView(node, options.chainId ?? DEFAULT_CHAIN_ID);
    if (options.loadState) await loadState(view, options.loadState);
    const abis = options.abis ?? new AbiRegistry();
    for (const dir of options.artifacts ?? []) abis.add(readArtifactsFolder(dir));
    const methods = ethMethods(view, { devMethods: options.devMethods, debug: { abis, log: options.log, consoleLog: options.consoleLog }, limits: options.limits });
    const print = options.consoleLog;
    if (print) node.chain.onHead((head) => head.messages.forEach((m) => printConsoleLogs(m.result, print)));
    const dispatcher = new Dispatcher(methods, { log: options.verbose ? options.log : undefined, maxBatch: options.maxBatch, permissions: METHOD_PERMISSIONS });
    const tokensRequired = needsTokens(options);
    // Read only when tokens are: a devnet on loopback writes no secret it does not need.
    let secret: Uint8Array | undefined;
    const tokenSecret = () => (secret ??= node.dataDir ? loadTokenSecret(node.dataDir) : ephemeralTokenSecret());
    const server = await createServer({
      dispatcher,
      host: options.host,
      port: options.port,
      log: options.log,
      verbose: options.verbose,
      unref: options.unref,
      bodyLimit: options.bodyLimit,
      requireToken: options.requireToken,
      treatAsRemote: options.treatAsRemote,
      tokenSecret: tokensRequired ? tokenSecret() : undefined,
    });
    return {
      url: `${server.url}/rpc/v1`,
      port: server.port,
      provider: createProvider(dispatcher),
      node,
      abis,
      dumpState: () => dumpState(view),
      tokensRequired,
      createToken: (perm) => createToken(tokenSecret(), perm),
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
