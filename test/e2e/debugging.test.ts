// Debugging output as a person meets it in `fevm-devnet start`'s terminal and in their client's errors
// (docs/debugging.md): console.log lines of transactions and calls printed under them, as Hardhat
// does; a revert's custom error named, with its contract and the FEVM exit code, in the eth_call error
// and in the node's line for a failed transaction, once the node knows the ABI from
// hardhat_addCompilationResult or from --artifacts (Hardhat 3 and Foundry layouts). Real contracts
// compiled with solc-js, real HTTP, the CLI in-process with its output captured.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ContractFactory, Interface, JsonRpcProvider, Wallet, type BaseContract } from 'ethers';
import { startCommand } from '../../src/cli/start-command.ts';
import { compileStandardJson } from '../helpers/solidity.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const SENDER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
/** Enough Filecoin gas for these calls without asking eth_estimateGas (which would refuse a revert). */
const GAS_LIMIT = 200_000_000n;

const compiled = compileStandardJson({
  'ConsoleLogger.sol': readFileSync(join(FIXTURES, 'ConsoleLogger.sol'), 'utf8'),
  'Named.sol': readFileSync(join(FIXTURES, 'Named.sol'), 'utf8'),
  'hardhat/console.sol': readFileSync(createRequire(import.meta.url).resolve('hardhat/console.sol'), 'utf8'),
});
const contract = (source: string, name: string) => compiled.output.contracts[source]![name]!;
const vaultAbi = new Interface(contract('Named.sol', 'Vault').abi as never);

interface RunningNode {
  out: string[];
  url: string;
  wallet: Wallet;
  provider: JsonRpcProvider;
  rpc(method: string, params: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string; data?: string } }>;
  /** The lines printed from `from` on, once `predicate` holds for one of them. */
  waitFor(predicate: (line: string) => boolean, from?: number): Promise<string[]>;
  stop(): Promise<void>;
}

async function startNode(args: string[] = []): Promise<RunningNode> {
  const out: string[] = [];
  const io = { out: (l: string) => out.push(...l.split('\n')), err: (l: string) => out.push(l) };
  const signals = new EventEmitter();
  const running = startCommand(['--memory', '--port', '0', '--accounts', '2', ...args], io, signals);
  const waitFor = async (predicate: (line: string) => boolean, from = 0) => {
    for (let i = 0; i < 500 && !out.slice(from).some(predicate); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(out.slice(from).some(predicate), `expected a line in the node's output:\n${out.slice(from).join('\n')}`);
    return out.slice(from);
  };
  await waitFor((l) => l.startsWith('JSON-RPC:'));
  const url = /JSON-RPC: (\S+)/.exec(out.join('\n'))![1]!;
  const provider = new JsonRpcProvider(url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  const rpc = async (method: string, params: unknown[]) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    return (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: string } };
  };
  return {
    out,
    url,
    provider,
    wallet: new Wallet(KEY, provider),
    rpc,
    waitFor,
    async stop() {
      provider.destroy();
      signals.emit('SIGINT');
      assert.equal(await running, 0);
    },
  };
}

async function deploy(node: RunningNode, source: string, name: string, ...args: unknown[]): Promise<BaseContract & Record<string, any>> {
  const c = contract(source, name);
  const deployed = await new ContractFactory(c.abi as never, c.evm.bytecode.object, node.wallet).deploy(...args);
  await deployed.waitForDeployment();
  return deployed as BaseContract & Record<string, any>;
}

/** A transaction that reverts, sent without estimating; answers its hash once it is sealed. */
async function sendFailing(node: RunningNode, to: string, data: string): Promise<string> {
  const tx = await node.wallet.sendTransaction({ to, data, gasLimit: GAS_LIMIT });
  const receipt = await node.provider.waitForTransaction(tx.hash);
  assert.equal(receipt?.status, 0);
  return tx.hash;
}

/** eth_call of Vault.withdraw(5) by an account that has nothing in the vault: InsufficientBalance(0, 5). */
async function assertWithdrawNamed(node: RunningNode, vault: string, source?: string): Promise<void> {
  const data = vaultAbi.encodeFunctionData('withdraw', [5n]);
  const answer = await node.rpc('eth_call', [{ from: SENDER, to: vault, data }, 'latest']);
  const line = source ? `, ${source}:36` : '';
  assert.equal(answer.error?.code, 3);
  assert.equal(answer.error?.message, `execution reverted: custom error InsufficientBalance(0, 5) (contract Vault at ${vault.toLowerCase()}${line}, exit code EVM_REVERTED(33))`);
  assert.equal(answer.error?.data, vaultAbi.encodeErrorResult('InsufficientBalance', [0n, 5n]), 'the revert data is untouched');
  const estimate = await node.rpc('eth_estimateGas', [{ from: SENDER, to: vault, data }]);
  assert.equal(estimate.error?.message, answer.error?.message, 'eth_estimateGas says the same');

  const from = node.out.length;
  const hash = await sendFailing(node, vault, data);
  const lines = await node.waitFor((l) => l.includes('error: execution reverted: custom error InsufficientBalance(0, 5)'), from);
  const at = lines.findIndex((l) => l.includes(hash));
  assert.ok(at >= 0, `a line for the transaction:\n${lines.join('\n')}`);
  assert.match(lines[at]!, new RegExp(`to ${vault.toLowerCase()} \\(Vault\\.withdraw\\) .* failed \\(exit 33\\)$`));
  assert.equal(lines[at + 1], `    error: execution reverted: custom error InsufficientBalance(0, 5) (contract Vault at ${vault.toLowerCase()}${line}, exit code EVM_REVERTED(33))`);
  if (source) assert.equal(lines[at + 2], `      ${source}:36:  if (amount > available) revert InsufficientBalance(available, amount);`, 'and the line itself');
}

/**
 * Teller.withdraw(5) calls Vault.withdraw(5), whose InsufficientBalance(0, 5) bubbles up: the error
 * says it began in Vault, called from Teller. Teller.tryWithdraw catches it and reverts Closed(): Teller's.
 */
async function assertBubbledRevertNamed(node: RunningNode, vault: string, source?: string): Promise<void> {
  const teller = await deploy(node, 'Named.sol', 'Teller', vault);
  const address = (await teller.getAddress()).toLowerCase();
  const data = teller.interface.encodeFunctionData('withdraw', [5n]);
  const line = (n: number) => (source ? `, ${source}:${n}` : '');
  const expected = `execution reverted: custom error InsufficientBalance(0, 5) (in contract Vault at ${vault.toLowerCase()}${line(36)}, called from contract Teller at ${address}, exit code EVM_REVERTED(33))`;
  const answer = await node.rpc('eth_call', [{ from: SENDER, to: address, data }, 'latest']);
  assert.equal(answer.error?.message, expected);
  const caught = await node.rpc('eth_call', [{ from: SENDER, to: address, data: teller.interface.encodeFunctionData('tryWithdraw', [5n]) }, 'latest']);
  assert.equal(caught.error?.message, `execution reverted: custom error Closed() (contract Teller at ${address}${line(80)}, exit code EVM_REVERTED(33))`);

  const from = node.out.length;
  const hash = await sendFailing(node, address, data);
  const lines = await node.waitFor((l) => l.includes(hash), from);
  const at = lines.findIndex((l) => l.includes(hash));
  assert.match(lines[at]!, / \(Teller\.withdraw\) .* failed \(exit 33\)$/);
  assert.equal(lines[at + 1], `    error: ${expected}`);
}

describe('debugging output', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fevm-debugging-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints console.log of transactions and calls under them, in the node's output", async () => {
    const node = await startNode();
    try {
      const logger = await deploy(node, 'ConsoleLogger.sol', 'ConsoleLogger');
      let from = node.out.length;
      const tx = await logger.work(5n);
      await tx.wait();
      let lines = await node.waitFor((l) => l.includes('count is'), from);
      const at = lines.findIndex((l) => l.includes(tx.hash));
      assert.ok(at >= 0 && lines[at]!.endsWith('success'));
      assert.deepEqual(lines.slice(at + 1, at + 4), ['    console.log:', '      work 5', `      count is 5 ${SENDER}`]);

      from = node.out.length;
      assert.equal(await logger.limited(3n), 6n);
      lines = await node.waitFor((l) => l === '      limited(3)', from);
      assert.match(lines.find((l) => l.startsWith('eth_call'))!, new RegExp(`^eth_call  from ${SENDER}  to ${(await logger.getAddress()).toLowerCase()}$`));

      from = node.out.length;
      const failed = await node.rpc('eth_call', [{ to: await logger.getAddress(), data: logger.interface.encodeFunctionData('limited', [11n]) }, 'latest']);
      assert.match(failed.error!.message, /^execution reverted: custom error 0x[0-9a-f]{8} \(contract 0x[0-9a-f]{40}, exit code EVM_REVERTED\(33\)\)$/, 'no ABI: the selector');
      lines = await node.waitFor((l) => l.startsWith('    error: execution reverted: custom error 0x'), from);
      assert.ok(lines.includes('      limited(11)'));
    } finally {
      await node.stop();
    }
  });

  it('names the contract and the custom error once hardhat_addCompilationResult told the ABI', async () => {
    const node = await startNode();
    try {
      const vault = await (await deploy(node, 'Named.sol', 'Vault', 10n)).getAddress();
      const unnamed = await node.rpc('eth_call', [{ from: SENDER, to: vault, data: vaultAbi.encodeFunctionData('withdraw', [5n]) }, 'latest']);
      assert.match(unnamed.error!.message, /custom error 0xcf479181/);
      const added = await node.rpc('hardhat_addCompilationResult', [compiled.solcVersion, compiled.input, compiled.output]);
      assert.equal(added.result, true);
      await assertWithdrawNamed(node, vault, 'Named.sol');

      const panic = await node.rpc('eth_call', [{ to: vault, data: vaultAbi.encodeFunctionData('overflow', [1n]) }, 'latest']);
      assert.equal(panic.error?.message, `execution reverted: panic: 0x11 (arithmetic underflow or overflow) (contract Vault at ${vault.toLowerCase()}, exit code EVM_REVERTED(33))`);
      const invalid = await node.rpc('eth_call', [{ to: vault, data: vaultAbi.encodeFunctionData('invalid') }, 'latest']);
      assert.equal(invalid.error?.message, `message execution failed: EVM: the INVALID instruction (0xfe) (contract Vault at ${vault.toLowerCase()}, exit code EVM_INVALID_INSTRUCTION(34))`);

      await assertBubbledRevertNamed(node, vault, 'Named.sol');

      const from = node.out.length;
      const factory = new ContractFactory(vaultAbi, contract('Named.sol', 'Vault').evm.bytecode.object, node.wallet);
      const deployTx = await factory.getDeployTransaction(0n);
      const sent = await node.wallet.sendTransaction({ ...deployTx, gasLimit: GAS_LIMIT });
      await node.provider.waitForTransaction(sent.hash);
      const lines = await node.waitFor((l) => l.includes('(deploying Vault, exit code EVM_REVERTED(33))'), from);
      assert.ok(lines.includes('    error: execution reverted: custom error InsufficientBalance(0, 1) (deploying Vault, exit code EVM_REVERTED(33))'), lines.join('\n'));
    } finally {
      await node.stop();
    }
  });

  it('names them from a Hardhat artifacts folder given with --artifacts', async () => {
    const artifacts = join(dir, 'hardhat', 'artifacts');
    for (const [source, contracts] of Object.entries(compiled.output.contracts)) {
      for (const [name, c] of Object.entries(contracts)) {
        mkdirSync(join(artifacts, 'contracts', source), { recursive: true });
        const artifact = {
          _format: 'hh3-artifact-1',
          contractName: name,
          sourceName: `contracts/${source}`,
          abi: c.abi,
          bytecode: `0x${c.evm.bytecode.object}`,
          deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
          linkReferences: c.evm.bytecode.linkReferences,
          deployedLinkReferences: c.evm.deployedBytecode.linkReferences,
          immutableReferences: c.evm.deployedBytecode.immutableReferences,
          inputSourceName: source,
          buildInfoId: 'solc-0_8_37-abc',
        };
        writeFileSync(join(artifacts, 'contracts', source, `${name}.json`), JSON.stringify(artifact));
      }
    }
    // Hardhat 3's build info: the solc input (with the user's name of each source), and the output beside it.
    mkdirSync(join(artifacts, 'build-info'), { recursive: true });
    const userSourceNameMap = { 'contracts/Named.sol': 'Named.sol', 'contracts/ConsoleLogger.sol': 'ConsoleLogger.sol' };
    writeFileSync(join(artifacts, 'build-info', 'solc-0_8_37-abc.json'), JSON.stringify({ _format: 'hh3-sol-build-info-1', id: 'solc-0_8_37-abc', userSourceNameMap, input: compiled.input }));
    writeFileSync(join(artifacts, 'build-info', 'solc-0_8_37-abc.output.json'), JSON.stringify({ _format: 'hh3-sol-build-info-output-1', id: 'solc-0_8_37-abc', output: compiled.output }));
    await withArtifacts(artifacts, 'contracts/Named.sol');
  });

  it('names them from a Foundry out folder given with --artifacts', async () => {
    const out = join(dir, 'foundry', 'out');
    const sourceIds = Object.fromEntries(Object.entries(compiled.output.sources).map(([source, { id }]) => [source, id]));
    for (const [source, contracts] of Object.entries(compiled.output.contracts)) {
      for (const [name, c] of Object.entries(contracts)) {
        mkdirSync(join(out, source), { recursive: true });
        const deployed = c.evm.deployedBytecode;
        const artifact = {
          abi: c.abi,
          bytecode: { object: `0x${c.evm.bytecode.object}`, sourceMap: '', linkReferences: c.evm.bytecode.linkReferences },
          deployedBytecode: { object: `0x${deployed.object}`, sourceMap: deployed.sourceMap, linkReferences: deployed.linkReferences, immutableReferences: deployed.immutableReferences },
          methodIdentifiers: {},
          metadata: { settings: { compilationTarget: { [`src/${source}`]: name } } },
          id: sourceIds[source],
        };
        writeFileSync(join(out, source, `${name}.json`), JSON.stringify(artifact));
      }
    }
    // Foundry's build info names each source id's file; the files are the project's, beside out/.
    mkdirSync(join(out, 'build-info'), { recursive: true });
    const paths = Object.fromEntries(Object.entries(sourceIds).map(([source, id]) => [id, `src/${source}`]));
    writeFileSync(join(out, 'build-info', 'ed943ba6ef10b247.json'), JSON.stringify({ id: 'ed943ba6ef10b247', source_id_to_path: paths, language: 'Solidity' }));
    for (const [source, text] of Object.entries(compiled.input.sources)) {
      mkdirSync(dirname(join(dir, 'foundry', 'src', source)), { recursive: true });
      writeFileSync(join(dir, 'foundry', 'src', source), text.content);
    }
    await withArtifacts(out, 'src/Named.sol');
  });

  /** Named from the artifacts in `folder`, and the line of the revert in `source` when the folder has source maps and sources. */
  async function withArtifacts(folder: string, source?: string): Promise<void> {
    const node = await startNode(['--artifacts', folder]);
    try {
      assert.ok(node.out.some((l) => l.startsWith(`ABIs: 6 contracts from ${folder}`)), node.out.join('\n'));
      const vault = await (await deploy(node, 'Named.sol', 'Vault', 10n)).getAddress();
      await assertWithdrawNamed(node, vault, source);
      await assertBubbledRevertNamed(node, vault, source);
    } finally {
      await node.stop();
    }
  }
});
