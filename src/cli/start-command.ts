// `fevm-devnet start`: runs a devnet until SIGINT or SIGTERM. Prints the development accounts, the RPC
// URL and what to type into MetaMask, then one line per sealed tipset and per transaction (like anvil).
// Off loopback (or with --require-token) callers need a token to write or sign (docs/security.md).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT_COUNT, DEFAULT_MNEMONIC, type DevAccounts } from '../chain/dev-accounts.ts';
import { DEFAULT_ACCOUNT_BALANCE, DEFAULT_CHAIN_ID } from '../chain/genesis.ts';
import type { NewHead } from '../chain/chain.ts';
import { ExitCode, bytesToHex, formatFil, parseFil } from '../primitives/index.ts';
import { ChainView, createdContract } from '../gateway/index.ts';
import { transactionReport } from '../gateway/execution-report.ts';
import type { AbiRegistry } from '../eth/abi-registry.ts';
import { createDevnet } from './devnet.ts';
import type { CommandOutput } from './address-command.ts';

const HELP = `usage: fevm-devnet start [options]
  --host <host>          listen address (default 127.0.0.1); on any other address, writing and
                         signing methods need a token (fevm-devnet token create)
  --require-token        need a token to write or sign on loopback too
  --port <port>          listen port (default 1234)
  --data <dir>           data folder (default .fevm-devnet)
  --memory               keep everything in memory
  --block-time <s>       seal a tipset every <s> seconds instead of on each transaction
  --null-rounds <rate>   chance of a null round before each tipset (0 to 1)
  --accounts <n>         development accounts (default ${DEFAULT_ACCOUNT_COUNT})
  --balance <FIL>        FIL per development account (default ${formatFil(DEFAULT_ACCOUNT_BALANCE)})
  --mnemonic "<words>"   mnemonic of the development accounts
  --chain-id <n>         EIP-155 chain id (default ${DEFAULT_CHAIN_ID})
  --load-state <file>    start from a state file (anvil_dumpState's CAR, binary or 0x-hex)
  --dump-state <file>    write the chain and state to <file> when stopped (SIGINT/SIGTERM)
  --state <file>         both: load <file> if it exists, write it when stopped
  --artifacts <dir>      Hardhat artifacts or Foundry out folder whose ABIs name contracts and errors
                         in the output and in call errors (repeatable)
  --verbose              one line per JSON-RPC request
  --no-dev-methods       no evm_*/hardhat_*/anvil_* methods nor eth_sendTransaction (a shared devnet)
limits (docs/security.md):
  --body-limit <bytes>   largest request body and WebSocket message (default 1048576)
  --max-batch <n>        calls in one JSON-RPC batch (default 100)
  --max-subscriptions <n>  eth_subscribe subscriptions per WebSocket connection (default 100)
  --max-filters <n>      filters at once (default 100)
  --filter-ttl <s>       seconds before a filter nobody polls is dropped (default 3600)
  --max-log-range <n>    tipsets one eth_getLogs may cover (default 2880)
  --max-log-results <n>  logs one eth_getLogs may answer (default 10000)
  --call-gas-cap <gas>   most gas an eth_call or eth_estimateGas may ask for (default 10000000000)`;

/** How long after it first answers the devnet loads what only contract calls need. */
const WARM_UP_DELAY_MS = 100;

export async function startCommand(args: string[], io: CommandOutput, signals: NodeJS.EventEmitter = process): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        memory: { type: 'boolean' },
        'block-time': { type: 'string' },
        'null-rounds': { type: 'string' },
        accounts: { type: 'string' },
        balance: { type: 'string' },
        mnemonic: { type: 'string' },
        'chain-id': { type: 'string' },
        'load-state': { type: 'string' },
        'dump-state': { type: 'string' },
        state: { type: 'string' },
        verbose: { type: 'boolean' },
        artifacts: { type: 'string', multiple: true },
        'no-dev-methods': { type: 'boolean' },
        'require-token': { type: 'boolean' },
        'body-limit': { type: 'string' },
        'max-batch': { type: 'string' },
        'max-subscriptions': { type: 'string' },
        'max-filters': { type: 'string' },
        'filter-ttl': { type: 'string' },
        'max-log-range': { type: 'string' },
        'max-log-results': { type: 'string' },
        'call-gas-cap': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.err(`fevm-devnet start: ${(error as Error).message}\n${HELP}`);
    return 1;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const number = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} takes a number, not "${text}"`);
    return n;
  };
  const optional = (name: keyof typeof values & string) => {
    const text = values[name];
    return typeof text === 'string' ? number(name, text, 0) : undefined;
  };
  let devnet;
  try {
    const accounts = number('accounts', values.accounts, DEFAULT_ACCOUNT_COUNT);
    const loadFrom = values['load-state'] ?? (values.state && existsSync(values.state) ? values.state : undefined);
    const blockTime = values['block-time'] === undefined ? undefined : number('block-time', values['block-time'], 0);
    devnet = await createDevnet({
      host: values.host ?? '127.0.0.1',
      port: number('port', values.port, 1234),
      dataDir: values.data,
      memory: values.memory,
      mining: blockTime ? { kind: 'interval', blockTime } : { kind: 'automine' },
      nullRoundRate: number('null-rounds', values['null-rounds'], 0),
      accounts,
      balance: values.balance === undefined ? undefined : parseFil(values.balance),
      mnemonic: values.mnemonic,
      chainId: values['chain-id'] === undefined ? undefined : number('chain-id', values['chain-id'], DEFAULT_CHAIN_ID),
      verbose: values.verbose,
      devMethods: !values['no-dev-methods'],
      loadState: loadFrom === undefined ? undefined : readStateFile(loadFrom),
      log: (line) => io.out(line),
      artifacts: values.artifacts,
      requireToken: values['require-token'],
      bodyLimit: optional('body-limit'),
      maxBatch: optional('max-batch'),
      limits: {
        maxSubscriptions: optional('max-subscriptions'),
        maxFilters: optional('max-filters'),
        filterTtlMs: values['filter-ttl'] === undefined ? undefined : number('filter-ttl', values['filter-ttl'], 0) * 1000,
        maxLogRange: optional('max-log-range'),
        maxLogResults: optional('max-log-results'),
        callGasCap: values['call-gas-cap'] === undefined ? undefined : BigInt(number('call-gas-cap', values['call-gas-cap'], 0)),
      },
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') io.err(`fevm-devnet: port ${values.port ?? 1234} on ${values.host ?? '127.0.0.1'} is in use; choose another with --port`);
    else io.err(`fevm-devnet: ${e.message}`);
    return 1;
  }
  const chainId = Number(values['chain-id'] ?? DEFAULT_CHAIN_ID);
  printBanner(io, devnet.url, chainId, values.mnemonic ?? DEFAULT_MNEMONIC, devnet.node.devAccounts, devnet.node.dataDir);
  const view = new ChainView(devnet.node, chainId);
  if (devnet.tokensRequired) printAccess(io, devnet.url, devnet.node.dataDir, devnet.createToken('admin'));
  if (values.artifacts) io.out(`ABIs: ${devnet.abis.size} contracts from ${values.artifacts.join(', ')}\n`);
  devnet.node.chain.onHead((head) => printHead(io, view, head, devnet.abis));
  // The EVM loads once the devnet answers, not before (see DevnetNode.warmUp), nor at the first deploy.
  setTimeout(() => void devnet.node.warmUp().catch(() => undefined), WARM_UP_DELAY_MS).unref();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
  io.out('fevm-devnet: stopping');
  const dumpTo = values['dump-state'] ?? values.state;
  let code = 0;
  if (dumpTo) {
    try {
      const bytes = devnet.dumpState();
      writeFileSync(dumpTo, bytes);
      io.out(`fevm-devnet: state written to ${dumpTo} (${bytes.length.toLocaleString('en')} bytes, tipset ${devnet.node.chain.head().height})`);
    } catch (error) {
      io.err(`fevm-devnet: could not write the state to ${dumpTo}: ${(error as Error).message}`);
      code = 1;
    }
  }
  await devnet.close();
  return code;
}

/** A state file as written by --dump-state (binary CAR) or as anvil_dumpState answers it (0x-hex text). */
function readStateFile(path: string): Uint8Array {
  const bytes = readFileSync(path);
  const text = bytes.subarray(0, 2).toString('latin1');
  if (text !== '0x') return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hex = bytes.toString('latin1').trim();
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`${path} is neither a CAR file nor 0x-hex`);
  return new Uint8Array(Buffer.from(hex.slice(2), 'hex'));
}

function printBanner(io: CommandOutput, url: string, chainId: number, mnemonic: string, accounts: DevAccounts, dataDir: string | undefined): void {
  io.out('fevm-devnet: a Filecoin EVM devnet\n');
  io.out('Development accounts (10,000 FIL each unless --balance says otherwise):');
  for (const a of accounts.eth) {
    io.out(`(${a.index}) ${a.checksumAddress}  ${a.f410.toString('t')}`);
    io.out(`    private key ${bytesToHex(a.privateKey)}`);
  }
  io.out(`Filecoin account: ${accounts.filecoin.address.toString('t')}  private key ${bytesToHex(accounts.filecoin.privateKey)}`);
  io.out(`Mnemonic: ${mnemonic}\n`);
  io.out(`JSON-RPC: ${url}  (also WebSocket on the same URL)`);
  io.out(`Chain data: ${dataDir ?? 'in memory'}\n`);
  io.out('MetaMask: Add network manually:');
  io.out(`  Network name: fevm-devnet   RPC URL: ${url}   Chain ID: ${chainId}   Currency symbol: tFIL\n`);
}

/** Off loopback or with --require-token: how to get a token (with --memory, the run's admin token). */
function printAccess(io: CommandOutput, url: string, dataDir: string | undefined, adminToken: string): void {
  io.out(`Access: ${url} answers reading methods to anyone who reaches it; writing and signing need`);
  io.out('  "Authorization: Bearer <token>" (docs/security.md).');
  if (dataDir) io.out(`  Make one with: fevm-devnet token create --perm write --data ${dataDir}\n`);
  else io.out(`  In memory, the secret lives as long as this run; an admin token for it:\n  ${adminToken}\n`);
}

/**
 * One line per tipset, then per transaction: its hash, from, to or the contract it created (and the
 * function, when the ABI is known), gas, status; under it what it console.logged and why it failed.
 */
function printHead(io: CommandOutput, view: ChainView, head: NewHead, abis: AbiRegistry): void {
  const { record, messages } = head;
  io.out(`tipset ${record.height}  ${bytesToHex(record.key.multihash.digest)}  ${messages.length} transaction(s)  gas ${record.gasUsed.toLocaleString('en')}  base fee ${record.baseFee}`);
  for (const m of messages) {
    const { receipt } = m.result;
    const status = receipt.exitCode === ExitCode.OK ? 'success' : `failed (exit ${receipt.exitCode})`;
    const from = view.ethAddress(m.signed.message.from);
    const to = view.ethAddress(m.signed.message.to);
    let target = to ? `to ${bytesToHex(to)}` : `to ${m.signed.message.to.toString('t')}`;
    const created = createdContract(m.signed.message, receipt);
    if (created) target = `created ${bytesToHex(created)}`;
    const report = transactionReport(view, abis, record, m);
    io.out(`  ${bytesToHex(view.txHash(m.signed, m.cid))}  from ${from ? bytesToHex(from) : m.signed.message.from.toString('t')}  ${target}${report.callNote}  gas ${receipt.gasUsed.toLocaleString('en')}  ${status}`);
    for (const line of report.lines) io.out(line);
  }
}
