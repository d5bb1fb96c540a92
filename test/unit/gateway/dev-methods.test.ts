// Development methods as Hardhat and anvil users call them: the development accounts,
// eth_sendTransaction (through ethers' JsonRpcSigner) and eth_signTransaction, mining on request, automine on and off, time
// travel, and the node's metadata.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JsonRpcProvider, Transaction, Wallet } from 'ethers';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';

const keys = deriveDevAccounts({ count: 2 }).eth;

describe('development methods', () => {
  let devnet: Devnet;
  const rpc = (method: string, params: unknown[] = []) => devnet.provider.request({ method, params });
  const head = async () => (await rpc('eth_getBlockByNumber', ['latest', false])) as { number: string; timestamp: string; transactions: string[] };

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
  });

  after(async () => {
    await devnet.close();
  });

  it('eth_accounts lists the development accounts, and eth_sendTransaction signs for them (ethers JsonRpcSigner)', async () => {
    assert.deepEqual(await rpc('eth_accounts'), keys.map((k) => k.checksumAddress.toLowerCase()));
    const provider = new JsonRpcProvider(devnet.url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
    const signer = await provider.getSigner(0);
    const tx = await signer.sendTransaction({ to: keys[1]!.checksumAddress, value: 9n });
    const receipt = await tx.wait();
    assert.equal(receipt!.status, 1);
    await assert.rejects(rpc('eth_sendTransaction', [{ from: '0x000000000000000000000000000000000000dEaD', to: keys[1]!.checksumAddress }]), /development accounts \(eth_accounts\) and impersonated ones only/);
    provider.destroy();
  });

  it('eth_signTransaction signs with what is missing filled in, sends nothing, and eth_sendRawTransaction then sends it', async () => {
    const before = await rpc('eth_getTransactionCount', [keys[0]!.checksumAddress, 'pending']);
    const raw = (await rpc('eth_signTransaction', [{ from: keys[0]!.checksumAddress, to: keys[1]!.checksumAddress, value: '0x7' }])) as string;
    const tx = Transaction.from(raw);
    assert.equal(tx.from, keys[0]!.checksumAddress, 'signed by the development account');
    assert.equal(tx.chainId, 31415926n);
    assert.equal(BigInt(tx.nonce), BigInt(before as string), 'the pending nonce');
    assert.ok(tx.gasLimit > 0n && tx.maxFeePerGas! > 0n, 'gas and fees filled in');
    assert.equal(await rpc('eth_getTransactionCount', [keys[0]!.checksumAddress, 'pending']), before, 'nothing was sent');
    assert.equal(await rpc('eth_sendRawTransaction', [raw]), tx.hash);
    await assert.rejects(rpc('eth_signTransaction', [{ from: '0x000000000000000000000000000000000000dEaD', to: keys[1]!.checksumAddress }]), /development accounts \(eth_accounts\) only/);
    await assert.rejects(rpc('eth_signTransaction', [{ to: keys[1]!.checksumAddress }]), /eth_signTransaction needs a `from`/);
  });

  it('evm_setAutomine(false) keeps transactions pending until evm_mine; hardhat_mine seals several tipsets at an interval', async () => {
    await rpc('evm_setAutomine', [false]);
    assert.equal(await rpc('hardhat_getAutomine'), false);
    const before = Number((await head()).number);
    const hash = await rpc('eth_sendTransaction', [{ from: keys[0]!.checksumAddress, to: keys[1]!.checksumAddress, value: '0x1' }]);
    assert.equal(Number((await head()).number), before);
    await rpc('evm_mine');
    assert.deepEqual((await head()).transactions, [hash]);
    const start = await head();
    await rpc('hardhat_mine', ['0x3', '0xa']);
    const end = await head();
    assert.equal(Number(end.number), Number(start.number) + 3);
    assert.ok(Number(end.timestamp) >= Number(start.timestamp) + 21, 'three tipsets, 10 s apart after the first');
    await rpc('evm_setAutomine', [true]);
    assert.equal(await rpc('hardhat_getAutomine'), true);
  });

  it('evm_increaseTime and evm_setNextBlockTimestamp move the next tipset’s time', async () => {
    const now = Number((await head()).timestamp);
    await rpc('evm_setNextBlockTimestamp', [now + 1000]);
    await rpc('evm_mine');
    assert.equal(Number((await head()).timestamp), now + 1000);
    await rpc('evm_increaseTime', [3600]);
    await rpc('evm_mine');
    assert.ok(Number((await head()).timestamp) >= Math.floor(Date.now() / 1000) + 3600 - 5);
    await assert.rejects(rpc('evm_setNextBlockTimestamp', [now]), /not after/);
  });

  it('eth_call and eth_estimateGas at the head see the time the next tipset gets, as on Hardhat and anvil', async () => {
    // Runtime code: return block.timestamp as a word (TIMESTAMP PUSH0 MSTORE PUSH1 32 PUSH0 RETURN).
    const clock = '0x00000000000000000000000000000000000000cc';
    await rpc('hardhat_setCode', [clock, '0x425f5260205ff3']);
    const seen = async () => Number(await rpc('eth_call', [{ to: clock }, 'latest']));
    await rpc('evm_increaseTime', [7 * 86400]);
    assert.ok((await seen()) >= Math.floor(Date.now() / 1000) + 7 * 86400 - 5, 'evm_increaseTime, before any tipset is mined');
    const then = Number((await head()).timestamp) + 5000;
    await rpc('evm_setNextBlockTimestamp', [then]);
    assert.equal(await seen(), then, 'evm_setNextBlockTimestamp');
    await rpc('evm_mine');
    assert.equal(Number((await head()).timestamp), then, 'the call did not use up the timestamp');
    const mined = (await head()).number;
    await rpc('evm_mine');
    assert.equal(Number(await rpc('eth_call', [{ to: clock }, mined])), then + 1, 'an older tipset: its own time + 1');
  });

  it('setBalance, setNonce, setCode and setStorageAt edit the state at once, and the next tipset builds on it', async () => {
    const fresh = '0x00000000000000000000000000000000000000aa';
    await rpc('hardhat_setBalance', [fresh, '0x64']);
    assert.equal(await rpc('eth_getBalance', [fresh, 'latest']), '0x64');
    await rpc('anvil_setNonce', [keys[1]!.checksumAddress, '0x7']);
    assert.equal(await rpc('eth_getTransactionCount', [keys[1]!.checksumAddress, 'latest']), '0x7');
    // Runtime code: return sload(0) as a word.
    const code = '0x60005460005260206000f3';
    await rpc('hardhat_setCode', [fresh, code]);
    assert.equal(await rpc('eth_getCode', [fresh, 'latest']), code);
    await rpc('hardhat_setStorageAt', [fresh, '0x0', '0x2a']);
    assert.equal(await rpc('eth_getStorageAt', [fresh, '0x0', 'latest']), `0x${'2a'.padStart(64, '0')}`);
    assert.equal(await rpc('eth_call', [{ to: fresh, data: '0x' }, 'latest']), `0x${'2a'.padStart(64, '0')}`);
    assert.equal(await rpc('eth_getBalance', [fresh, 'latest']), '0x64', 'setCode kept the balance');
    await rpc('evm_mine');
    assert.equal(await rpc('eth_getCode', [fresh, 'latest']), code, 'the next tipset built on the edited state');
  });

  it('hardhat_setNextBlockBaseFeePerGas and hardhat_setPrevRandao set what the next tipset runs with, once', async () => {
    // Runtime code: sstore(0, basefee()); sstore(1, prevrandao()).
    const probe = '0x00000000000000000000000000000000000000cc';
    await rpc('hardhat_setCode', [probe, '0x4860005544600155']);
    const randao = `0x${'5a'.repeat(32)}`;
    assert.equal(await rpc('anvil_setNextBlockBaseFeePerGas', ['0x3e8']), true);
    assert.equal(await rpc('hardhat_setPrevRandao', [randao]), true);
    await rpc('eth_sendTransaction', [{ from: keys[0]!.checksumAddress, to: probe }]);
    await devnet.node.producer.idle();
    const block = (await rpc('eth_getBlockByNumber', ['latest', false])) as { baseFeePerGas: string };
    assert.equal(block.baseFeePerGas, '0x3e8');
    assert.equal(await rpc('eth_getStorageAt', [probe, '0x0', 'latest']), `0x${'3e8'.padStart(64, '0')}`);
    assert.equal(await rpc('eth_getStorageAt', [probe, '0x1', 'latest']), randao);
    await rpc('eth_sendTransaction', [{ from: keys[0]!.checksumAddress, to: probe }]);
    await devnet.node.producer.idle();
    assert.notEqual(await rpc('eth_getStorageAt', [probe, '0x1', 'latest']), randao, 'the tipset after it has the beacon’s PREVRANDAO again');
  });

  it('evm_snapshot and evm_revert: balances, blocks and receipts go back; the chain goes on from there', async () => {
    const bob = keys[1]!.checksumAddress;
    const id = (await rpc('evm_snapshot')) as string;
    const before = await head();
    const balance = await rpc('eth_getBalance', [bob, 'latest']);
    const hash = (await rpc('eth_sendTransaction', [{ from: keys[0]!.checksumAddress, to: bob, value: '0x3e8' }])) as string;
    await devnet.node.producer.idle();
    assert.notEqual(await rpc('eth_getBalance', [bob, 'latest']), balance);
    assert.equal(await rpc('evm_revert', [id]), true);
    assert.equal((await head()).number, before.number);
    assert.equal(await rpc('eth_getBalance', [bob, 'latest']), balance);
    assert.equal(await rpc('eth_getTransactionReceipt', [hash]), null, 'the reverted transaction is gone');
    assert.equal(await rpc('eth_getBlockByNumber', [`0x${(Number(before.number) + 1).toString(16)}`, false]), null);
    assert.equal(await rpc('evm_revert', [id]), false, 'a snapshot is used once');
    const again = (await rpc('eth_sendTransaction', [{ from: keys[0]!.checksumAddress, to: bob, value: '0x1' }])) as string;
    await devnet.node.producer.idle();
    const receipt = (await rpc('eth_getTransactionReceipt', [again])) as { blockNumber: string; status: string };
    assert.equal(receipt.status, '0x1');
    assert.equal(Number(receipt.blockNumber), Number(before.number) + 1, 'the height is sealed anew');
  });

  it('impersonation: a funded address without a key sends through eth_sendTransaction until stopped; dropTransaction removes a pending one', async () => {
    const whale = '0x00000000000000000000000000000000000000bb';
    await rpc('hardhat_setBalance', [whale, '0xde0b6b3a7640000']);
    await assert.rejects(rpc('eth_sendTransaction', [{ from: whale, to: keys[1]!.checksumAddress, value: '0x1' }]), /impersonated/);
    await rpc('hardhat_impersonateAccount', [whale]);
    const hash = (await rpc('eth_sendTransaction', [{ from: whale, to: keys[1]!.checksumAddress, value: '0x5' }])) as string;
    await devnet.node.producer.idle();
    const receipt = (await rpc('eth_getTransactionReceipt', [hash])) as { status: string; from: string };
    assert.equal(receipt.status, '0x1');
    assert.equal(receipt.from, whale);
    await rpc('hardhat_stopImpersonatingAccount', [whale]);
    await assert.rejects(rpc('eth_sendTransaction', [{ from: whale, to: keys[1]!.checksumAddress, value: '0x1' }]), /impersonated/);
    await rpc('evm_setAutomine', [false]);
    const pending = (await rpc('eth_sendTransaction', [{ from: keys[0]!.checksumAddress, to: keys[1]!.checksumAddress, value: '0x1' }])) as string;
    assert.equal(await rpc('hardhat_dropTransaction', [pending]), true);
    await rpc('evm_mine');
    assert.equal(await rpc('eth_getTransactionReceipt', [pending]), null);
    await rpc('evm_setAutomine', [true]);
  });

  it('signs messages and typed data for the development accounts; hardhat_reset goes back to genesis', async () => {
    const address = keys[0]!.checksumAddress;
    const wallet = new Wallet(bytesToHex(keys[0]!.privateKey));
    assert.equal(await rpc('personal_sign', ['0x68656c6c6f', address]), await wallet.signMessage('hello'));
    assert.equal(await rpc('eth_sign', [address, '0x68656c6c6f']), await wallet.signMessage('hello'));
    const typed = { domain: { name: 'Test', chainId: 31415926 }, types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }], Mail: [{ name: 'note', type: 'string' }] }, primaryType: 'Mail', message: { note: 'hi' } };
    assert.equal(await rpc('eth_signTypedData_v4', [address, JSON.stringify(typed)]), await wallet.signTypedData(typed.domain, { Mail: typed.types.Mail }, typed.message));
    assert.equal(await rpc('hardhat_reset'), true);
    assert.equal((await head()).number, '0x0');
    assert.equal(await rpc('eth_getBalance', [keys[1]!.checksumAddress, 'latest']), '0x21e19e0c9bab2400000');
  });

  it('--no-dev-methods: none of them, and eth_accounts is empty as on Lotus', async () => {
    const shared = await createDevnet({ memory: true, port: 0, accounts: 1, devMethods: false });
    try {
      assert.deepEqual(await shared.provider.request({ method: 'eth_accounts', params: [] }), []);
      await assert.rejects(shared.provider.request({ method: 'evm_mine', params: [] }), /does not exist/);
    } finally {
      await shared.close();
    }
  });

  it('hardhat_metadata and anvil_nodeInfo say truthfully what this node is', async () => {
    const meta = (await rpc('hardhat_metadata')) as { clientVersion: string; chainId: number; latestBlockNumber: number };
    assert.match(meta.clientVersion, /^fevm-devnet\//);
    assert.equal(meta.chainId, 31415926);
    assert.equal(meta.latestBlockNumber, Number((await head()).number));
    const info = (await rpc('anvil_nodeInfo')) as { currentBlockNumber: number; environment: { chainId: number } };
    assert.equal(info.environment.chainId, 31415926);
  });
});
