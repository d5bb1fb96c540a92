// kill -9 under load, twenty times: `fevm-devnet start --data DIR` takes transfers and contract writes
// from two senders over HTTP and is SIGKILLed at a random moment; after each restart every transaction
// whose receipt was answered is there, in the same block, and re-executing the chain from genesis
// (`fevm-devnet verify --data DIR`) gives every recorded state root and receipts root.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { deriveDevAccounts } from '../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../src/primitives/index.ts';
import { verifyCommand } from '../../src/cli/verify-command.ts';
import { freePort } from '../../bench/peers/peer-process.ts';

const ROUNDS = Number(process.env.FEVM_CRASH_ROUNDS ?? 20);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'fevm-devnet.js');
const CHAIN_ID = 31415926;
// Runtime: with calldata, SSTORE(0, calldata word); without, return SLOAD(0).
const INITCODE = '0x6018600c60003960186000f3' + '3615600c5760003560005500' + '5b60005460005260206000f3';
const senders = deriveDevAccounts({ count: 2 }).eth.map((a) => new Wallet(bytesToHex(a.privateKey)));

async function rpc(url: string, method: string, params: unknown[] = []): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function start(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start', '--data', dir, '--port', String(port), '--accounts', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}/rpc/v1`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await rpc(url, 'eth_chainId')) === `0x${CHAIN_ID.toString(16)}`) return { child, url };
    } catch {
      if (child.exitCode !== null) throw new Error(`the devnet exited (${child.exitCode}): ${stderr}`);
      if (Date.now() > deadline) throw new Error(`the devnet did not answer within 60 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

interface Confirmed {
  hash: string;
  blockHash: string;
  status: string;
}

/** One sender's loop: sign, send, read the receipt, until the node goes away. */
async function load(url: string, wallet: Wallet, contract: string, confirmed: Confirmed[]): Promise<void> {
  let nonce = Number(await rpc(url, 'eth_getTransactionCount', [wallet.address, 'pending']));
  const fee = BigInt(await rpc(url, 'eth_gasPrice')) * 2n;
  for (let i = 0; ; i++) {
    const tx = i % 2 === 0 ? { to: contract, data: `0x${(nonce + 1).toString(16).padStart(64, '0')}`, gasLimit: 30_000_000 } : { to: Wallet.createRandom().address, value: 1000n, gasLimit: 5_000_000 };
    const raw = await wallet.signTransaction({ ...tx, nonce, chainId: CHAIN_ID, maxFeePerGas: fee, maxPriorityFeePerGas: fee / 10n, type: 2 });
    let hash: string;
    let receipt: { blockHash: string; status: string } | null;
    try {
      hash = await rpc(url, 'eth_sendRawTransaction', [raw]);
      receipt = await rpc(url, 'eth_getTransactionReceipt', [hash]);
    } catch {
      return; // killed
    }
    if (receipt) confirmed.push({ hash, blockHash: receipt.blockHash, status: receipt.status });
    nonce++;
  }
}

describe('kill -9 under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fevm-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`${ROUNDS} kills at random moments lose no answered transaction, and verify re-executes the chain`, { timeout: 15 * 60_000 }, async () => {
    const confirmed: Confirmed[] = [];
    let contract = '';
    for (let round = 0; round < ROUNDS; round++) {
      const { child, url } = await start(dir);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      for (const c of confirmed) {
        const receipt = await rpc(url, 'eth_getTransactionReceipt', [c.hash]);
        assert.ok(receipt, `round ${round}: the receipt of ${c.hash}, answered before a kill, is there`);
        assert.equal(receipt.blockHash, c.blockHash, `round ${round}: ${c.hash} is in the block it was answered in`);
        assert.equal(receipt.status, c.status);
      }
      if (!contract) {
        const fee = BigInt(await rpc(url, 'eth_gasPrice')) * 2n;
        const raw = await senders[0]!.signTransaction({ data: INITCODE, nonce: 0, gasLimit: 100_000_000, chainId: CHAIN_ID, maxFeePerGas: fee, maxPriorityFeePerGas: fee / 10n, type: 2 });
        const hash = await rpc(url, 'eth_sendRawTransaction', [raw]);
        contract = (await rpc(url, 'eth_getTransactionReceipt', [hash])).contractAddress;
      }
      const before = confirmed.length;
      const loads = senders.map((w) => load(url, w, contract, confirmed));
      setTimeout(() => child.kill('SIGKILL'), 200 + Math.random() * 1300);
      await Promise.all(loads);
      await exited;
      assert.ok(confirmed.length > before || round > 0, 'the devnet answered transactions before the first kill');
    }
    // The command line itself, beside a node that runs on the same folder.
    const { child, url } = await start(dir);
    try {
      assert.ok(Number(await rpc(url, 'eth_blockNumber')) > 0);
      const verify = spawnSync(process.execPath, [BIN, 'verify', '--data', dir], { encoding: 'utf8' });
      assert.equal(verify.status, 0, verify.stdout + verify.stderr);
      assert.match(verify.stdout, /every state root and receipts root matches/);
    } finally {
      child.kill('SIGKILL');
    }
    assert.ok(confirmed.length >= ROUNDS, `${confirmed.length} transactions were answered over ${ROUNDS} rounds`);
  });

  it('fevm-devnet verify answers a clear error for a folder without a chain', async () => {
    const lines: string[] = [];
    assert.equal(await verifyCommand(['--data', join(dir, 'nothing-here')], { out: (l) => lines.push(l), err: (l) => lines.push(l) }), 1);
    assert.match(lines.join('\n'), /no chain in/);
  });
});
