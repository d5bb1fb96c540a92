// viem against the devnet over HTTP: deploy, write, read, events through getContractEvents, a revert's
// reason, the balance of a fresh address after a transfer.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, createWalletClient, defineChain, http, parseEther, type Hex } from 'viem';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { compileFixture } from '../../helpers/evm-contracts.ts';

const C = compileFixture('CallTree.sol');
const key = bytesToHex(deriveDevAccounts({ count: 1 }).eth[0]!.privateKey) as Hex;

describe('viem against the devnet', () => {
  let devnet: Devnet;
  let publicClient: ReturnType<typeof createPublicClient>;
  let walletClient: ReturnType<typeof createWalletClient>;
  const account = privateKeyToAccount(key);

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 1 });
    const chain = defineChain({ id: 31415926, name: 'fevm-devnet', nativeCurrency: { name: 'tFIL', symbol: 'tFIL', decimals: 18 }, rpcUrls: { default: { http: [devnet.url] } } });
    publicClient = createPublicClient({ chain, transport: http(devnet.url), pollingInterval: 50 });
    walletClient = createWalletClient({ chain, transport: http(devnet.url), account });
  });

  after(async () => {
    await devnet.close();
  });

  it('deploys, writes, reads and finds the events', async () => {
    const abi = C.Counter!.abi as never;
    const hash = await walletClient.deployContract({ abi, bytecode: C.Counter!.bytecode as Hex, account, chain: walletClient.chain });
    const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash });
    const write = await walletClient.writeContract({ address: contractAddress!, abi, functionName: 'bump', account, chain: walletClient.chain });
    await publicClient.waitForTransactionReceipt({ hash: write });
    assert.equal(await publicClient.readContract({ address: contractAddress!, abi, functionName: 'count' }), 1n);
    const events = await publicClient.getContractEvents({ address: contractAddress!, abi, eventName: 'Bumped', fromBlock: 0n });
    assert.equal(events.length, 1);
    await assert.rejects(publicClient.simulateContract({ address: contractAddress!, abi, functionName: 'fail', account }), /nope/);
  });

  it('sends FIL to a fresh address', async () => {
    const fresh = privateKeyToAccount(generatePrivateKey()).address;
    const hash = await walletClient.sendTransaction({ to: fresh, value: parseEther('2'), account, chain: walletClient.chain });
    await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(await publicClient.getBalance({ address: fresh }), parseEther('2'));
  });
});
