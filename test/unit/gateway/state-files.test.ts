// State files as a team shares a prepared devnet: anvil_dumpState on one devnet, anvil_loadState (or
// `fevm-devnet start --load-state`) on another, and the second answers what the first did: blocks and
// their hashes, balances, contract code and storage, receipts with their logs, eth_getLogs, and new
// transactions on top. A bad file is refused with a clear error and changes nothing.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, ContractFactory, JsonRpcProvider, Wallet } from 'ethers';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { startCommand } from '../../../src/cli/start-command.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { compileSolidity } from '../../helpers/solidity.ts';

const ERC20 = compileSolidity({ 'ERC20.sol': readFileSync(join(import.meta.dirname, '..', '..', '..', 'bench', 'contracts', 'ERC20.sol'), 'utf8') }).ERC20!;
const keys = deriveDevAccounts({ count: 2 }).eth;
const STRANGER = '0x00000000000000000000000000000000000000aa';

async function rpc(url: string, method: string, params: unknown[] = []): Promise<{ result?: any; error?: { code: number; message: string } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return (await response.json()) as never;
}

async function result(url: string, method: string, params: unknown[] = []): Promise<any> {
  const answer = await rpc(url, method, params);
  assert.equal(answer.error, undefined, `${method}: ${answer.error?.message}`);
  return answer.result;
}

/** What a user reads back from a devnet, to compare two of them. */
async function observe(url: string, token: string, txHash: string) {
  const head = await result(url, 'eth_getBlockByNumber', ['latest', false]);
  return {
    head: { number: head.number, hash: head.hash, stateRoot: head.stateRoot, timestamp: head.timestamp },
    block1: (await result(url, 'eth_getBlockByNumber', ['0x1', false])).hash,
    balance: await result(url, 'eth_getBalance', [STRANGER, 'latest']),
    code: await result(url, 'eth_getCode', [token, 'latest']),
    slot0: await result(url, 'eth_getStorageAt', [token, '0x0', 'latest']),
    receipt: await result(url, 'eth_getTransactionReceipt', [txHash]),
    tx: await result(url, 'eth_getTransactionByHash', [txHash]),
    logs: await result(url, 'eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', address: token }]),
    nonce: await result(url, 'eth_getTransactionCount', [keys[0]!.checksumAddress, 'latest']),
  };
}

describe('state files (anvil_dumpState / anvil_loadState, --dump-state / --load-state)', () => {
  let source: Devnet;
  let token: string;
  let transfer: string;
  let dumped: string;

  before(async () => {
    source = await createDevnet({ memory: true, port: 0, accounts: 2 });
    const provider = new JsonRpcProvider(source.url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
    const alice = new Wallet(bytesToHex(keys[0]!.privateKey), provider);
    const deployed = (await new ContractFactory(ERC20.abi as never, ERC20.bytecode, alice).deploy('Token', 'TOK', 1000n)) as Contract;
    await deployed.waitForDeployment();
    token = (await deployed.getAddress()).toLowerCase();
    const tx = await (deployed.getFunction('transfer'))(keys[1]!.checksumAddress, 10n);
    transfer = tx.hash;
    await tx.wait();
    await result(source.url, 'hardhat_setBalance', [STRANGER, '0x1234']);
    await result(source.url, 'hardhat_mine', ['0x3']);
    dumped = await result(source.url, 'anvil_dumpState');
    provider.destroy();
  });

  after(async () => {
    await source.close();
  });

  it('anvil_dumpState answers a CAR (hex) and anvil_loadState makes another devnet the same chain', async () => {
    assert.match(dumped, /^0x[0-9a-f]+$/);
    const target = await createDevnet({ memory: true, port: 0, accounts: 2 });
    try {
      assert.equal(await result(target.url, 'anvil_loadState', [dumped]), true);
      const expected = await observe(source.url, token, transfer);
      assert.deepEqual(await observe(target.url, token, transfer), expected);
      assert.equal(expected.receipt.logs.length, 1, 'the Transfer log is in the receipt');
      assert.equal(BigInt(expected.balance), 0x1234n, 'a hardhat_setBalance edit travels with the file');
    } finally {
      await target.close();
    }
  });

  it('a loaded devnet goes on sealing: the next transaction lands on top of the loaded head', async () => {
    const target = await createDevnet({ memory: true, port: 0, accounts: 2, loadState: Buffer.from(dumped.slice(2), 'hex') });
    try {
      const before = Number((await result(target.url, 'eth_getBlockByNumber', ['latest', false])).number);
      const provider = new JsonRpcProvider(target.url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
      const alice = new Wallet(bytesToHex(keys[0]!.privateKey), provider);
      const erc20 = new Contract(token, ERC20.abi as never, alice);
      const receipt = await (await erc20.getFunction('transfer')(keys[1]!.checksumAddress, 5n)).wait();
      assert.equal(receipt!.status, 1);
      assert.equal(receipt!.blockNumber, before + 1);
      assert.equal(await erc20.getFunction('balanceOf')(keys[1]!.checksumAddress), 15n);
      provider.destroy();
    } finally {
      await target.close();
    }
  });

  it('loading over a longer chain on disk replaces it, and the loaded chain is what the data folder holds after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-state-'));
    try {
      const first = await createDevnet({ dataDir: dir, port: 0, accounts: 2 });
      await result(first.url, 'hardhat_mine', ['0xa']);
      const loadedHead = Number(await result(source.url, 'eth_blockNumber'));
      assert.equal(await result(first.url, 'anvil_loadState', [dumped]), true);
      assert.equal(Number(await result(first.url, 'eth_blockNumber')), loadedHead);
      assert.equal(await result(first.url, 'eth_getBlockByNumber', [`0x${(loadedHead + 2).toString(16)}`, false]), null, 'the old chain\'s later tipsets are gone');
      await first.close();
      const again = await createDevnet({ dataDir: dir, port: 0, accounts: 2 });
      try {
        assert.deepEqual(await observe(again.url, token, transfer), await observe(source.url, token, transfer));
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad file with a clear error and keeps its own chain', async () => {
    const target = await createDevnet({ memory: true, port: 0, accounts: 2 });
    const other = await createDevnet({ memory: true, port: 0, accounts: 2, chainId: 314 });
    try {
      await result(target.url, 'evm_mine');
      const before = await result(target.url, 'eth_getBlockByNumber', ['latest', false]);
      const bytes = Buffer.from(dumped.slice(2), 'hex');
      const corrupt = Buffer.from(bytes);
      corrupt[corrupt.length - 5]! ^= 0xff;
      const cases: [string, RegExp][] = [
        ['0x1234', /not a readable CAR file/],
        [`0x${bytes.subarray(0, bytes.length - 100).toString('hex')}`, /not a readable CAR file|incomplete/],
        [`0x${corrupt.toString('hex')}`, /does not match its hash/],
        [await result(other.url, 'anvil_dumpState'), /chain id 314, this devnet's is 31415926.*--chain-id 314/],
      ];
      for (const [file, message] of cases) {
        const answer = await rpc(target.url, 'anvil_loadState', [file]);
        assert.equal(answer.error?.code, -32000);
        assert.match(answer.error!.message, message);
      }
      const after = await result(target.url, 'eth_getBlockByNumber', ['latest', false]);
      assert.equal(after.hash, before.hash, 'the chain is untouched');
      assert.equal(await result(target.url, 'evm_mine'), '0x0');
    } finally {
      await target.close();
      await other.close();
    }
  });

  it('fevm-devnet start --state FILE writes the state when stopped and starts from it the next time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-state-'));
    const file = join(dir, 'devnet.car');
    const run = async (check: (url: string) => Promise<void>) => {
      const out: string[] = [];
      const err: string[] = [];
      const signals = new EventEmitter();
      const running = startCommand(['--memory', '--port', '0', '--accounts', '2', '--state', file], { out: (l) => out.push(l), err: (l) => err.push(l) }, signals);
      for (let i = 0; i < 300 && !out.some((l) => l.startsWith('JSON-RPC:')); i++) await new Promise((r) => setTimeout(r, 10));
      const url = /JSON-RPC: (\S+)/.exec(out.join('\n'))?.[1];
      assert.ok(url, `started: ${err.join('\n')}`);
      await check(url);
      signals.emit('SIGINT');
      assert.equal(await running, 0, err.join('\n'));
      return out;
    };
    try {
      const first = await run(async (url) => {
        await result(url, 'hardhat_setBalance', [STRANGER, '0x99']);
        await result(url, 'hardhat_mine', ['0x2']);
      });
      assert.ok(first.some((l) => /state written to .*devnet\.car .*tipset 2/.test(l)));
      await run(async (url) => {
        assert.equal(await result(url, 'eth_blockNumber'), '0x2');
        assert.equal(await result(url, 'eth_getBalance', [STRANGER, 'latest']), '0x99');
      });
      writeFileSync(file, 'not a state file');
      const err: string[] = [];
      assert.equal(await startCommand(['--memory', '--port', '0', '--load-state', file], { out: () => {}, err: (l) => err.push(l) }, new EventEmitter()), 1);
      assert.match(err.join('\n'), /not a readable CAR file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

