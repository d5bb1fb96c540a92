// Foundry's `cast run` and `cast call --trace` against the devnet (test/fixtures/TraceProbe.sol). Both
// fork the devnet over JSON-RPC (the block with its transactions, then balances, nonces, code and
// storage at the parent block) and re-execute in Foundry's own EVM, so they print Ethereum gas, and
// what only FEVM does (the Filecoin precompiles, native actors) does not happen there: the call_actor_id
// transaction that succeeded on the devnet shows as a revert. docs/tracing.md says so.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../src/primitives/index.ts';
import { compileFixture } from '../helpers/evm-contracts.ts';

const exec = promisify(execFile);
const require = createRequire(import.meta.url);
const C = compileFixture('TraceProbe.sol');
const ACCOUNT = deriveDevAccounts({ count: 1 }).eth[0]!;
const KEY = bytesToHex(ACCOUNT.privateKey);

function castBinary(): string {
  return join(dirname(require.resolve('@foundry-rs/cast-linux-amd64/package.json')), 'bin', 'cast');
}

describe('cast run and cast call --trace against the devnet', () => {
  let devnet: Devnet;
  let probe: string;
  let deployHash: string;
  // Options go right after the command: what follows `--create` is the constructor's input.
  const run = (command: string, args: string[]) =>
    exec(castBinary(), [command, '--rpc-url', devnet.url, ...args], { timeout: 120_000, env: { ...process.env, FOUNDRY_DISABLE_NIGHTLY_WARNING: '1', NO_COLOR: '1' } });
  const cast = async (command: string, ...args: string[]) => (await run(command, args)).stdout;
  /** The trace of a transaction that fails: cast says so on stderr (and may exit 1). */
  const castFailing = async (command: string, ...args: string[]) => {
    try {
      const { stdout, stderr } = await run(command, args);
      return stdout + stderr;
    } catch (error) {
      const e = error as { stdout: string; stderr: string };
      return e.stdout + e.stderr;
    }
  };
  const send = async (...args: string[]) => JSON.parse(await cast('send', '--private-key', KEY, '--json', '--gas-limit', '200000000', ...args)) as { transactionHash: string; status: string; contractAddress?: string };

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
    const created = JSON.parse(await cast('send', '--private-key', KEY, '--json', '--create', C.Probe!.bytecode)) as { contractAddress: string; transactionHash: string };
    probe = created.contractAddress;
    deployHash = created.transactionHash;
  });

  after(async () => {
    await devnet.close();
  });

  it('cast run replays a transaction with nested calls and prints its call tree', async () => {
    const { transactionHash, status } = await send(probe, 'nested(uint256)', '5');
    assert.equal(status, '0x1');
    const out = await cast('run', transactionHash);
    assert.match(out, /Traces:/);
    assert.match(out, /\[staticcall\]/);
    assert.match(out, /← \[Return\] 0x0{63}5/);
    assert.match(out, /Transaction successfully executed/);
  });

  it('cast run replays a deployment whose constructor creates, and a CREATE in a call', async () => {
    const deployed = await cast('run', deployHash);
    assert.match(deployed, /→ new <unknown>@/);
    assert.equal(deployed.match(/→ new/g)?.length, 2);
    const { transactionHash } = await send(probe, 'make()');
    assert.match(await cast('run', transactionHash), /→ new <unknown>@[\s\S]*Transaction successfully executed/);
  });

  it('cast run shows a failed transaction with its revert reason', async () => {
    const { transactionHash, status } = await send(probe, 'failAfter()');
    assert.equal(status, '0x0');
    const out = await castFailing('run', transactionHash);
    assert.match(out, /← \[Revert\] outer/);
    assert.match(out, /Transaction failed/);
  });

  it("cast run replays earlier transactions of the block first", async () => {
    const nonce = Number(await cast('nonce', ACCOUNT.checksumAddress));
    let first: string;
    let second: string;
    await devnet.provider.request({ method: 'evm_setAutomine', params: [false] });
    try {
      first = await cast('send', '--private-key', KEY, '--async', '--gas-limit', '200000000', '--nonce', String(nonce), probe, 'nested(uint256)', '11');
      second = await cast('send', '--private-key', KEY, '--async', '--gas-limit', '200000000', '--nonce', String(nonce + 1), probe, 'nested(uint256)', '12');
    } finally {
      await devnet.provider.request({ method: 'evm_mine', params: [] });
      await devnet.provider.request({ method: 'evm_setAutomine', params: [true] });
    }
    const block = JSON.parse(await cast('receipt', '--json', second.trim())) as { blockNumber: string };
    assert.equal(JSON.parse(await cast('receipt', '--json', first.trim())).blockNumber, block.blockNumber, 'both in one tipset');
    const out = await cast('run', second.trim());
    assert.match(out, /Executing previous transactions from the block/);
    assert.match(out, /← \[Return\] 0x0{62}0c/);
  });

  it('cast run of a call_actor_id transaction: Foundry\'s EVM has no Filecoin precompiles, so it shows a revert the devnet did not have', async () => {
    const { transactionHash, status } = await send('--value', '1234', probe, 'payActor(uint64)', '1000');
    assert.equal(status, '0x1', 'on the devnet the native send succeeded');
    const out = await castFailing('run', transactionHash);
    assert.match(out, /0xfe00000000000000000000000000000000000005/);
    assert.match(out, /Revert/);
  });

  it('cast call --trace runs a call on the latest state and prints its trace', async () => {
    const out = await cast('call', '--trace', probe, 'nested(uint256)(uint256)', '9');
    assert.match(out, /Traces:/);
    assert.match(out, /← \[Return\] 0x0{63}9/);
    assert.match(out, /Transaction successfully executed/);
    const failing = await castFailing('call', '--trace', probe, 'failAfter()');
    assert.match(failing, /← \[Revert\] outer/);
  });
});
