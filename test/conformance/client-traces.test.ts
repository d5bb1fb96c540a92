// The JSON-RPC calls that cast, ethers 6, hardhat-ethers 3 and Hardhat Ignition made against anvil
// (the conformance snapshot's client-traces), replayed against a fresh devnet each with our accounts,
// transactions and hashes (client-trace-replay.ts): every answer one the client can use, the sent
// transactions mined with status 0x1 in blocks the node returns, the nonce counting on, deployments
// leaving code. Then MetaMask's sequence (from its source, see RECIPES.md): chain id on the URL, the
// latest base fee, reads at explicit block numbers, estimate × 1.5, an EIP-1559 transfer, polling.
// Data: FEVM_CONFORMANCE_DIR, or ../shared/conformance beside the repository.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Transaction, Wallet, parseEther } from 'ethers';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../src/chain/dev-accounts.ts';
import { DEFAULT_CHAIN_ID } from '../../src/chain/genesis.ts';
import { bytesToHex } from '../../src/primitives/index.ts';
import { loadClientTraces, longestInitcodeShown } from './client-trace.ts';
import { replayClientTrace, type Replay } from './client-trace-replay.ts';
import { conformanceDir } from './state-test-case.ts';
import { describeAnswer, requestRpc, resultOf } from './rpc-answer.ts';

const traces = loadClientTraces(conformanceDir(path.resolve(import.meta.dirname, '..', '..')));
const initcode = longestInitcodeShown(traces);
const accounts = deriveDevAccounts().eth;
const CHAIN_ID = BigInt(DEFAULT_CHAIN_ID);


interface Receipt {
  transactionHash: string;
  status: string;
  blockHash: string;
  blockNumber: string;
  contractAddress: string | null;
}

interface Block {
  hash: string;
  number: string;
  gasLimit: string;
  baseFeePerGas?: string;
  transactions: string[];
}

const rpc = async <T>(devnet: Devnet, method: string, params: unknown[] = []): Promise<T> => resultOf<T>(method, await requestRpc(devnet.url, method, params));

/** Asks for the receipt every 25 ms, as a client polls, until it is there (10 s at most). */
async function minedReceipt(devnet: Devnet, hash: string): Promise<Receipt> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) {
    const receipt = await rpc<Receipt | null>(devnet, 'eth_getTransactionReceipt', [hash]);
    if (receipt) return receipt;
  }
  throw new Error(`no receipt for ${hash} after 10 s`);
}

for (const trace of traces) {
  describe(`${trace.name}, replayed`, () => {
    let devnet: Devnet;
    let replay: Replay;

    before(async () => {
      devnet = await createDevnet({ memory: true, port: 0 });
      replay = await replayClientTrace(devnet, trace, { accounts, chainId: CHAIN_ID, initcode, dataKey: trace.name.startsWith('cast-') ? 'input' : 'data' });
    });

    after(async () => {
      await devnet?.close();
    });

    for (const method of new Set(trace.calls.map((c) => c.method))) {
      it(`answers ${method} as a client can use it`, () => {
        const wrong = replay.calls
          .filter((c) => c.method === method && c.problems.length > 0)
          .map((c) => `line ${c.line}: ${c.method} ${JSON.stringify(c.params).slice(0, 200)} → ${describeAnswer(c.answer)}: ${c.problems.join('; ')}`);
        assert.deepEqual(wrong, []);
      });
    }

    it('mines each sent transaction with status 0x1, in a block the node returns by hash and by number', async () => {
      assert.ok(replay.sent.length > 0, 'the trace sends a transaction');
      for (const tx of replay.sent) {
        const receipt = await minedReceipt(devnet, tx.hash);
        assert.equal(receipt.status, '0x1', `status of ${tx.hash}`);
        const byHash = await rpc<Block | null>(devnet, 'eth_getBlockByHash', [receipt.blockHash, false]);
        assert.equal(byHash?.number, receipt.blockNumber, 'the receipt block by hash has the receipt block number');
        assert.ok(byHash.transactions.includes(tx.hash), 'the receipt block lists the transaction');
        const byNumber = await rpc<Block | null>(devnet, 'eth_getBlockByNumber', [receipt.blockNumber, false]);
        assert.equal(byNumber?.hash, receipt.blockHash, 'the block at the receipt block number is the receipt block');
        for (const seen of replay.calls.filter((c) => c.method === 'eth_getTransactionReceipt' && c.params[0] === tx.hash && 'result' in c.answer && c.answer.result)) {
          assert.equal(((seen.answer as { result: Receipt }).result).blockHash, receipt.blockHash, `line ${seen.line} answered the receipt in another block`);
        }
      }
    });

    it('counts the nonce on: each sender’s next nonce is the one it used + 1', async () => {
      for (const tx of replay.sent) {
        assert.equal(await rpc<string>(devnet, 'eth_getTransactionCount', [tx.from, 'latest']), `0x${(tx.nonce + 1n).toString(16)}`);
      }
    });

    if (trace.calls.some((c) => c.method === 'hardhat_getAutomine')) {
      it('lets Ignition confirm: hardhat_getAutomine answers true, or 4 blocks come on top of the deployment’s', async () => {
        const automine = replay.calls.find((c) => c.method === 'hardhat_getAutomine')!.answer;
        if ('result' in automine && automine.result === true) return;
        for (const tx of replay.sent) {
          const { blockNumber } = await minedReceipt(devnet, tx.hash);
          const head = await rpc<string>(devnet, 'eth_blockNumber');
          assert.ok(BigInt(head) >= BigInt(blockNumber) + 4n, `hardhat_getAutomine: ${describeAnswer(automine)}; the deployment is in block ${blockNumber} and the head is still ${head} after the trace's polling`);
        }
      });
    }

    if (trace.calls.some((c) => c.method === 'eth_sendRawTransaction' && /^\["0x(02)?f8[0-9a-f]{2}.*?8080/.test(c.paramsText))) {
      it('deploys the initcode: the contract holds the code that eth_call of the initcode returns', async () => {
        for (const tx of replay.sent.filter((t) => t.to === null)) {
          const { contractAddress } = await minedReceipt(devnet, tx.hash);
          const code = await rpc<string>(devnet, 'eth_getCode', [contractAddress, 'latest']);
          assert.notEqual(code, '0x', 'the deployment left code');
          assert.equal(code, await rpc<string>(devnet, 'eth_call', [{ from: tx.from, data: tx.data }, 'latest']));
        }
      });
    }
  });
}

describe('MetaMask’s call sequence', () => {
  let devnet: Devnet;

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0 });
  });

  after(async () => {
    await devnet?.close();
  });

  it('adds the network, reads at explicit block numbers, sends an EIP-1559 transfer and sees it mined', async () => {
    const alice = new Wallet(bytesToHex(accounts[0]!.privateKey));
    const bob = accounts[1]!.checksumAddress.toLowerCase();
    const value = parseEther('1.25');

    // Adding the network: the chain id on the URL typed in, then the latest block for its base fee.
    assert.equal(await rpc(devnet, 'eth_chainId'), `0x${CHAIN_ID.toString(16)}`);
    const latest = await rpc<Block>(devnet, 'eth_getBlockByNumber', ['latest', false]);
    assert.match(latest.baseFeePerGas ?? '', /^0x[1-9a-f][0-9a-f]*$/, 'the latest block has a base fee: an EIP-1559 network');

    // Reads: `latest` rewritten to the block number the block tracker last saw.
    const before = await rpc<string>(devnet, 'eth_blockNumber');
    assert.equal(BigInt(await rpc<string>(devnet, 'eth_getBalance', [alice.address, before])), parseEther('10000'));
    const bobBefore = BigInt(await rpc<string>(devnet, 'eth_getBalance', [bob, before]));
    const nonce = BigInt(await rpc<string>(devnet, 'eth_getTransactionCount', [alice.address, before]));

    // Gas: the estimate × 1.5 on a custom network, at most 90% of the block gas limit.
    const estimate = BigInt(await rpc<string>(devnet, 'eth_estimateGas', [{ from: alice.address.toLowerCase(), to: bob, value: `0x${value.toString(16)}` }]));
    const blockGasLimit = BigInt(latest.gasLimit);
    const gasLimit = (estimate * 3n) / 2n < (blockGasLimit * 9n) / 10n ? (estimate * 3n) / 2n : (blockGasLimit * 9n) / 10n;

    // Fees: the priority fee from the fee history (median of the 20th percentile), base fee × 2 on top.
    const history = await rpc<{ reward: string[][] }>(devnet, 'eth_feeHistory', ['0x5', 'latest', [10, 20, 30]]);
    const rewards = history.reward.map((row) => BigInt(row[1]!)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const maxPriorityFeePerGas = rewards[Math.floor(rewards.length / 2)]!;
    assert.ok(maxPriorityFeePerGas > 0n, 'the fee history suggests a priority fee');
    const maxFeePerGas = BigInt(latest.baseFeePerGas!) * 2n + maxPriorityFeePerGas;

    const raw = await alice.signTransaction({ type: 2, chainId: CHAIN_ID, nonce: Number(nonce), to: bob, value, gasLimit, maxFeePerGas, maxPriorityFeePerGas });
    const hash = await rpc<string>(devnet, 'eth_sendRawTransaction', [raw]);
    assert.equal(hash, Transaction.from(raw).hash);

    // Polling: the receipt until mined, the block number until it reaches the receipt's block.
    const receipt = await minedReceipt(devnet, hash);
    assert.equal(receipt.status, '0x1');
    let head = await rpc<string>(devnet, 'eth_blockNumber');
    for (const deadline = Date.now() + 10_000; BigInt(head) < BigInt(receipt.blockNumber) && Date.now() < deadline; ) head = await rpc<string>(devnet, 'eth_blockNumber');
    assert.ok(BigInt(head) >= BigInt(receipt.blockNumber), `eth_blockNumber ${head} reaches the receipt's block ${receipt.blockNumber}`);
    const block = await rpc<Block>(devnet, 'eth_getBlockByNumber', [receipt.blockNumber, false]);
    assert.equal(block.hash, receipt.blockHash);
    assert.ok(block.transactions.includes(hash));

    // The reads at the new block, and at the old one still.
    assert.equal(BigInt(await rpc<string>(devnet, 'eth_getBalance', [bob, head])), bobBefore + value);
    assert.equal(BigInt(await rpc<string>(devnet, 'eth_getBalance', [bob, before])), bobBefore);
    assert.equal(BigInt(await rpc<string>(devnet, 'eth_getTransactionCount', [alice.address, head])), nonce + 1n);
  });
});
