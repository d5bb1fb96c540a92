// The devnet as an ethers v6 user meets it, over real HTTP on a free port: chain id, balances, an
// ERC-20 deployed and used, its Transfer events through getLogs, a revert's reason, FIL sent to a fresh
// address, receipts and blocks in the shapes ethers parses.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractFactory, JsonRpcProvider, WebSocketProvider, Wallet, Contract, parseEther, Interface } from 'ethers';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { compileSolidity } from '../../helpers/solidity.ts';
import { compileFixture } from '../../helpers/evm-contracts.ts';

const ERC20 = compileSolidity({ 'ERC20.sol': readFileSync(join(import.meta.dirname, '..', '..', '..', 'bench', 'contracts', 'ERC20.sol'), 'utf8') }).ERC20!;
const C = compileFixture('CallTree.sol');
const keys = deriveDevAccounts({ count: 2 }).eth;

describe('ethers v6 against the devnet over HTTP', () => {
  let devnet: Devnet;
  let provider: JsonRpcProvider;
  let alice: Wallet;

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
    provider = new JsonRpcProvider(devnet.url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
    alice = new Wallet(bytesToHex(keys[0]!.privateKey), provider);
  });

  after(async () => {
    provider.destroy();
    await devnet.close();
  });

  it('answers the chain id and the development balances', async () => {
    assert.equal((await provider.getNetwork()).chainId, 31415926n);
    assert.equal(await provider.getBalance(alice.address), parseEther('10000'));
  });

  it('deploys an ERC-20, transfers, reads balances and Transfer logs', async () => {
    const factory = new ContractFactory(ERC20.abi as never, ERC20.bytecode, alice);
    const token = (await factory.deploy('Token', 'TOK', 1000n)) as Contract;
    await token.waitForDeployment();
    const address = await token.getAddress();
    assert.equal((await provider.getCode(address)).length > 2, true);
    const bob = keys[1]!.checksumAddress;
    const tx = await token.getFunction('transfer')(bob, 25n);
    const receipt = await tx.wait();
    assert.equal(receipt!.status, 1);
    assert.equal(await token.getFunction('balanceOf')(bob), 25n);
    const logs = await provider.getLogs({ address, fromBlock: 0, toBlock: 'latest', topics: [new Interface(ERC20.abi as never).getEvent('Transfer')!.topicHash] });
    assert.equal(logs.length, 2, 'the mint and the transfer');
    assert.equal(logs[1]!.transactionHash, tx.hash);
  });

  it('delivers Transfer events to a polling filter (JsonRpcProvider) and a WebSocket subscription (WebSocketProvider)', async () => {
    const factory = new ContractFactory(ERC20.abi as never, ERC20.bytecode, alice);
    const token = (await factory.deploy('Token', 'TOK', 1000n)) as Contract;
    await token.waitForDeployment();
    const address = await token.getAddress();
    const ws = new WebSocketProvider(devnet.url.replace(/^http/, 'ws'), 31415926, { staticNetwork: true });
    const viaWs = new Contract(address, ERC20.abi as never, ws);
    const seen = { polled: [] as bigint[], pushed: [] as bigint[] };
    await token.on('Transfer', (_from: string, _to: string, value: bigint) => void seen.polled.push(value));
    await viaWs.on('Transfer', (_from: string, _to: string, value: bigint) => void seen.pushed.push(value));
    await new Promise((r) => setTimeout(r, 200));
    await (await token.getFunction('transfer')(keys[1]!.checksumAddress, 7n)).wait();
    for (let i = 0; i < 100 && (seen.polled.length === 0 || seen.pushed.length === 0); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(seen.pushed, [7n]);
    assert.deepEqual(seen.polled, [7n]);
    await token.removeAllListeners();
    await viaWs.removeAllListeners();
    await ws.destroy();
  });

  it('brings a revert reason to the caller', async () => {
    const factory = new ContractFactory(C.Counter!.abi as never, C.Counter!.bytecode, alice);
    const counter = (await factory.deploy()) as Contract;
    await counter.waitForDeployment();
    await assert.rejects(counter.getFunction('fail').staticCall(), (e: Error & { reason?: string }) => e.reason === 'nope');
  });

  it('sends FIL to a fresh address and shows the receipt and its block', async () => {
    const fresh = Wallet.createRandom().address;
    const tx = await alice.sendTransaction({ to: fresh, value: parseEther('1.5') });
    const receipt = await tx.wait();
    assert.equal(await provider.getBalance(fresh), parseEther('1.5'));
    const block = await provider.getBlock(receipt!.blockNumber);
    assert.equal(block!.hash, receipt!.blockHash);
    assert.ok(block!.transactions.includes(tx.hash));
  });
});
