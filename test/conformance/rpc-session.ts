// A realistic JSON-RPC session against a devnet that mines on demand, driven through an RpcRecorder so
// that every (method, params, result) is kept for the schema check: chain id and friends, balances and
// nonces, filters set up first, an ERC-20 and a Counter deployed, then one tipset holding an ERC-20
// transfer, a legacy FIL transfer to a fresh address, a Counter bump, a Counter call that reverts on
// chain, and a native f1-signed Filecoin message; then blocks, receipts, transactions, logs, filters
// and fee history read back in the ways wallets and indexers read them. It asserts only what the
// session itself needs (a receipt's status, a revert's code); judging the shapes is the caller's.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Interface, Wallet, type TransactionRequest } from 'ethers';
import type { Devnet } from '../../src/cli/devnet.ts';
import type { DevAccounts } from '../../src/chain/dev-accounts.ts';
import { bytesToHex, ethAddressToFilecoinAddress, hexToBytes, type Message } from '../../src/primitives/index.ts';
import { signMessageSecp256k1 } from '../../src/vm/index.ts';
import { compileSolidity } from '../helpers/solidity.ts';
import { compileFixture } from '../helpers/evm-contracts.ts';
import { RpcCallError, type RpcRecorder } from './rpc-recorder.ts';

const ERC20 = compileSolidity({ 'ERC20.sol': readFileSync(join(import.meta.dirname, '..', '..', 'bench', 'contracts', 'ERC20.sol'), 'utf8') }).ERC20!;
const COUNTER = compileFixture('CallTree.sol').Counter!;
const erc20 = new Interface(ERC20.abi as never);
const counter = new Interface(COUNTER.abi as never);
const TRANSFER_TOPIC = erc20.getEvent('Transfer')!.topicHash;
const UNKNOWN_HASH = `0x${'ab'.repeat(32)}`;

interface Receipt {
  status: string;
  blockHash: string;
  blockNumber: string;
  contractAddress: string | null;
}

export async function runRpcSession(devnet: Devnet, rpc: RpcRecorder, accounts: DevAccounts): Promise<void> {
  const mine = async () => void (await devnet.node.producer.mine());
  const alice = new Wallet(bytesToHex(accounts.eth[0]!.privateKey));
  const bob = new Wallet(bytesToHex(accounts.eth[1]!.privateKey));
  const fresh = Wallet.createRandom().address.toLowerCase();
  const chainId = BigInt(await rpc.call<string>('eth_chainId'));

  // What a wallet asks first.
  for (const method of ['net_version', 'net_listening', 'web3_clientVersion', 'eth_protocolVersion', 'eth_syncing', 'eth_accounts', 'eth_blockNumber', 'eth_gasPrice', 'eth_maxPriorityFeePerGas', 'eth_baseFee']) {
    await rpc.call(method);
  }
  await rpc.call('web3_sha3', ['0x68656c6c6f']);
  await rpc.call('eth_getBalance', [alice.address, 'latest']);
  await rpc.call('eth_getTransactionCount', [alice.address, 'latest']);
  await rpc.call('eth_getCode', [alice.address, 'latest']);
  await rpc.call('eth_getBlockByNumber', ['0x0', false]);
  await rpc.call('eth_getBlockByNumber', ['earliest', true]);

  // Filters installed before the activity they will report.
  const blockFilter = await rpc.call<string>('eth_newBlockFilter');
  const pendingFilter = await rpc.call<string>('eth_newPendingTransactionFilter');
  const logFilter = await rpc.call<string>('eth_newFilter', [{ fromBlock: 'latest', topics: [TRANSFER_TOPIC] }]);

  /** Signs with the wallet's next pending nonce, estimating gas unless given, and submits. */
  const send = async (wallet: Wallet, tx: TransactionRequest): Promise<string> => {
    const nonce = Number(await rpc.call<string>('eth_getTransactionCount', [wallet.address, 'pending']));
    const call = { from: wallet.address, ...(tx.to ? { to: tx.to } : {}), ...(tx.data ? { input: tx.data } : {}), ...(tx.value ? { value: `0x${BigInt(tx.value).toString(16)}` } : {}) };
    const gasLimit = tx.gasLimit ?? BigInt(await rpc.call<string>('eth_estimateGas', [call, 'latest']));
    const baseFee = BigInt(await rpc.call<string>('eth_baseFee'));
    const fees = tx.type === 0
      ? { gasPrice: BigInt(await rpc.call<string>('eth_gasPrice')) }
      : { maxPriorityFeePerGas: BigInt(await rpc.call<string>('eth_maxPriorityFeePerGas')), maxFeePerGas: baseFee * 2n + 1_000_000n };
    const raw = await wallet.signTransaction({ type: 2, ...tx, ...fees, nonce, gasLimit, chainId });
    return rpc.call<string>('eth_sendRawTransaction', [raw]);
  };
  const receipt = async (hash: string): Promise<Receipt> => {
    const r = await rpc.call<Receipt | null>('eth_getTransactionReceipt', [hash]);
    assert.ok(r, `no receipt for ${hash}`);
    return r;
  };

  // Tipset 1: two deployments.
  const deployToken = await send(alice, { data: ERC20.bytecode + erc20.encodeDeploy(['Token', 'TOK', 1000n]).slice(2) });
  const deployCounter = await send(alice, { data: COUNTER.bytecode });
  await rpc.call('eth_getTransactionByHash', [deployToken]);
  await rpc.call('eth_getTransactionReceipt', [deployToken]);
  await rpc.call('eth_getBlockByNumber', ['pending', false]);
  await mine();
  const token = (await receipt(deployToken)).contractAddress!;
  const counterAddress = (await receipt(deployCounter)).contractAddress!;
  assert.ok(token && counterAddress, 'both deployments answer a contract address');
  await rpc.call('eth_getCode', [token, 'latest']);
  await rpc.call('eth_getStorageAt', [token, '0x2', 'latest']);
  await rpc.call('eth_getStorageAt', [token, `0x${'0'.repeat(63)}2`, 'latest']);
  await rpc.call('eth_call', [{ to: token, input: erc20.encodeFunctionData('name') }, 'latest']);
  await rpc.call('eth_call', [{ from: alice.address, to: token, input: erc20.encodeFunctionData('balanceOf', [alice.address]) }, 'latest']);

  // A revert, as eth_call and eth_estimateGas report it.
  for (const method of ['eth_call', 'eth_estimateGas']) {
    await assert.rejects(rpc.call(method, [{ from: alice.address, to: counterAddress, input: counter.encodeFunctionData('fail') }, 'latest']), (e: RpcCallError) => e.code === 3);
  }

  // Tipset 2: an ERC-20 transfer, a legacy FIL transfer, a bump, an on-chain revert, a native message.
  const transfer = await send(alice, { to: token, data: erc20.encodeFunctionData('transfer', [bob.address, 25n]) });
  const fil = await send(bob, { type: 0, to: fresh, value: 1_500_000_000_000_000_000n });
  const bump = await send(alice, { to: counterAddress, data: counter.encodeFunctionData('bump') });
  const reverted = await send(alice, { to: counterAddress, data: counter.encodeFunctionData('fail'), gasLimit: 50_000_000n });
  const nativeCid = await pushNativeMessage(rpc, accounts, fresh);
  await rpc.call('eth_getFilterChanges', [pendingFilter]);
  await mine();
  const hashes = [transfer, fil, bump, reverted];
  const statuses = [];
  for (const hash of hashes) statuses.push((await receipt(hash)).status);
  assert.deepEqual(statuses, ['0x1', '0x1', '0x1', '0x0']);
  const native = await rpc.call<string>('Filecoin.EthGetTransactionHashByCid', [nativeCid]);
  hashes.push(native);
  const { blockHash, blockNumber } = await receipt(transfer);

  // Transactions and receipts, every way there is to ask.
  for (const hash of hashes) {
    await rpc.call('eth_getTransactionByHash', [hash]);
    await rpc.call('eth_getTransactionReceipt', [hash]);
  }
  await rpc.call('eth_getTransactionByHash', [UNKNOWN_HASH]);
  await rpc.call('eth_getTransactionReceipt', [UNKNOWN_HASH]);
  for (const index of ['0x0', '0x1', '0x4']) {
    await rpc.call('eth_getTransactionByBlockNumberAndIndex', [blockNumber, index]);
    await rpc.call('eth_getTransactionByBlockHashAndIndex', [blockHash, index]);
  }

  // Blocks and their receipts.
  for (const full of [false, true]) {
    await rpc.call('eth_getBlockByNumber', ['latest', full]);
    await rpc.call('eth_getBlockByNumber', [blockNumber, full]);
    await rpc.call('eth_getBlockByHash', [blockHash, full]);
    await rpc.call('eth_getBlockByNumber', ['0x1', full]);
  }
  await rpc.call('eth_getBlockByNumber', ['0x3e8', false]);
  await rpc.call('eth_getBlockByHash', [UNKNOWN_HASH, false]);
  await rpc.call('eth_getBlockReceipts', [blockNumber]);
  await rpc.call('eth_getBlockReceipts', [blockHash]);
  await rpc.call('eth_getBlockReceipts', ['0x0']);
  await rpc.call('eth_getBlockTransactionCountByNumber', [blockNumber]);
  await rpc.call('eth_getBlockTransactionCountByNumber', ['0x0']);
  await rpc.call('eth_getBlockTransactionCountByHash', [blockHash]);
  await rpc.call('eth_getBlockTransactionCountByHash', [UNKNOWN_HASH]);

  // State after the activity, at the head and at blocks named by number and by hash.
  await rpc.call('eth_getBalance', [fresh, 'latest']);
  await rpc.call('eth_getBalance', [alice.address, blockHash]);
  await rpc.call('eth_getTransactionCount', [alice.address, 'latest']);
  await rpc.call('eth_getTransactionCount', [counterAddress, 'latest']);
  await rpc.call('eth_getStorageAt', [counterAddress, '0x0', blockNumber]);
  await rpc.call('eth_call', [{ to: token, input: erc20.encodeFunctionData('balanceOf', [bob.address]) }, blockHash]);
  await rpc.call('eth_estimateGas', [{ from: alice.address, to: fresh, value: '0x1' }]);

  // Traces (geth's debug_trace*; the schemas describe the struct logger's answer and the block list).
  await rpc.call('debug_traceTransaction', [bump]);
  await rpc.call('debug_traceTransaction', [reverted, { enableMemory: true, enableReturnData: true }]);
  await rpc.call('debug_traceTransaction', [bump, { tracer: 'callTracer', tracerConfig: { withLog: true } }]);
  await rpc.call('debug_traceBlockByNumber', [blockNumber]);
  await rpc.call('debug_traceBlockByHash', [blockHash, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }]);

  // Logs and filters.
  await rpc.call('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }]);
  await rpc.call('eth_getLogs', [{ address: token, topics: [TRANSFER_TOPIC] }]);
  await rpc.call('eth_getLogs', [{ blockHash }]);
  await rpc.call('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', address: [token, counterAddress], topics: [null, null, `0x${'0'.repeat(24)}${bob.address.slice(2).toLowerCase()}`] }]);
  for (const id of [blockFilter, pendingFilter, logFilter]) await rpc.call('eth_getFilterChanges', [id]);
  await rpc.call('eth_getFilterLogs', [logFilter]);
  for (const id of [blockFilter, pendingFilter, logFilter]) await rpc.call('eth_uninstallFilter', [id]);
  await rpc.call('eth_uninstallFilter', [logFilter]);

  // Fees.
  await rpc.call('eth_feeHistory', ['0x4', 'latest', [25, 75]]);
  await rpc.call('eth_feeHistory', ['0x1', blockNumber, []]);
  await rpc.call('eth_gasPrice');
  await rpc.call('eth_maxPriorityFeePerGas');
  await rpc.call('eth_blockNumber');
  await rpc.call('Filecoin.ChainHead');
}

/** A FIL transfer from the development f1 account, signed natively and pushed with Filecoin.MpoolPush. */
async function pushNativeMessage(rpc: RpcRecorder, accounts: DevAccounts, to: string): Promise<{ '/': string }> {
  const f1 = accounts.filecoin;
  const sequence = BigInt(await rpc.call<number>('Filecoin.MpoolGetNonce', [f1.address.toString('t')]));
  const target = ethAddressToFilecoinAddress(hexToBytes(to));
  const message: Message = { version: 0, to: target, from: f1.address, sequence, value: 42n, gasLimit: 10_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 100_000n, method: 0, params: new Uint8Array(0) };
  const signed = signMessageSecp256k1(message, f1.privateKey);
  const json = {
    Message: { Version: 0, To: target.toString('t'), From: f1.address.toString('t'), Nonce: Number(sequence), Value: '42', GasLimit: 10_000_000, GasFeeCap: '1000000000', GasPremium: '100000', Method: 0, Params: null },
    Signature: { Type: 1, Data: Buffer.from(signed.signature.data).toString('base64') },
  };
  return rpc.call<{ '/': string }>('Filecoin.MpoolPush', [json]);
}
