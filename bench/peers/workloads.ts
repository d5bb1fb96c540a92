// The workloads of the peer benchmark, each a function of a node's BenchContext that answers its
// figures. Transactions are signed before the clock starts; the clock covers only JSON-RPC round trips.
// Workload numbers follow docs/performance.md.

import { Interface, id, toBeHex } from 'ethers';
import { bigContract } from './big-contract.ts';
import { deployErc20, gasFor, hex, nextTransferData, type BenchContext } from './bench-context.ts';
import { waitForReceipt } from './rpc-client.ts';
import { benchWallet, signNext, type Sender } from './signer.ts';
import { median, perSecond, percentile } from './stats.ts';

const ERC20 = new Interface(['function balanceOf(address) view returns (uint256)', 'function transfer(address,uint256) returns (bool)']);
const TRANSFER_TOPIC = id('Transfer(address,address,uint256)');

async function transferGas(ctx: BenchContext, from: string): Promise<bigint> {
  return gasFor(ctx, 'erc20-transfer', { from, to: ctx.token, data: nextTransferData(ctx) });
}

/** Sends signed transactions one after another, each waiting for its receipt; answers each latency. */
async function sendEachAndWait(ctx: BenchContext, raws: { raw: string; hash: string }[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const { raw, hash } of raws) {
    const start = performance.now();
    await ctx.client.call('eth_sendRawTransaction', [raw]);
    const receipt = await waitForReceipt(ctx.client, hash);
    latencies.push(performance.now() - start);
    if (receipt.status !== '0x1') throw new Error(`transaction ${hash} failed`);
  }
  return latencies;
}

/** 1. Sequential ERC-20 transfers, send then poll for the receipt. */
export async function sequentialTransfers(ctx: BenchContext, count: number): Promise<{ p50: number; p99: number }> {
  const gasLimit = await transferGas(ctx, ctx.deployer.address);
  const raws = Array.from({ length: count }, () => signNext(ctx.deployer, ctx.chainId, ctx.fees, { to: ctx.token, data: nextTransferData(ctx), gasLimit }));
  const latencies = await sendEachAndWait(ctx, raws);
  ctx.transfers += count;
  return { p50: median(latencies), p99: percentile(latencies, 99) };
}

/** Gives each of `count` bench senders native coin for fees and tokens to send (untimed). */
export async function fundSenders(ctx: BenchContext, count: number): Promise<Sender[]> {
  const senders: Sender[] = Array.from({ length: count }, (_, i) => {
    const wallet = benchWallet(i);
    return { wallet, address: wallet.address, nonce: 0 };
  });
  const coin = 5n * 10n ** 19n;
  const valueGas = await gasFor(ctx, 'value-transfer', { from: ctx.deployer.address, to: senders[0]!.address, value: coin });
  const tokenGas = await transferGas(ctx, ctx.deployer.address);
  const hashes: string[] = [];
  for (const s of senders) {
    s.nonce = Number(await ctx.client.call<string>('eth_getTransactionCount', [s.address, 'pending']));
    for (const tx of [
      signNext(ctx.deployer, ctx.chainId, ctx.fees, { to: s.address, value: coin, gasLimit: valueGas }),
      signNext(ctx.deployer, ctx.chainId, ctx.fees, { to: ctx.token, data: ERC20.encodeFunctionData('transfer', [s.address, 10n ** 24n]), gasLimit: tokenGas }),
    ]) {
      await ctx.client.call('eth_sendRawTransaction', [tx.raw]);
      hashes.push(tx.hash);
    }
  }
  for (const h of hashes) if ((await waitForReceipt(ctx.client, h)).status !== '0x1') throw new Error(`funding ${h} failed`);
  return senders;
}

/**
 * Waits for `hash`'s receipt once every transaction is sent. anvil's automine can wedge when 16
 * senders outpace it and leave the rest in its pool for good (foundry-rs/foundry#10122; its interval
 * miner stops too); `evm_mine` drains it. Same rule for every node: no new block for 100 ms while a
 * receipt is missing means one `evm_mine` (a stall costs its node those 100 ms). Answers the count.
 */
async function waitNudging(ctx: BenchContext, hash: string): Promise<number> {
  let nudges = 0;
  let height = '';
  let since = performance.now();
  const deadline = since + 20_000;
  for (;;) {
    if (await ctx.client.call('eth_getTransactionReceipt', [hash])) return nudges;
    if (performance.now() > deadline) throw new Error(`no receipt for ${hash} after 20 s and ${nudges} evm_mine`);
    const now = await ctx.client.call<string>('eth_blockNumber');
    if (now !== height) {
      height = now;
      since = performance.now();
    } else if (performance.now() - since > 100) {
      await ctx.client.call('evm_mine');
      nudges++;
      since = performance.now();
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * 2. (and 7.) Throughput: every sender sends its pre-signed transfers as fast as the node accepts them,
 * all senders at once; the clock stops when every receipt exists. Statuses are checked afterwards.
 */
export async function throughput(ctx: BenchContext, senders: Sender[], total: number): Promise<{ txPerSecond: number; ms: number; nudges: number }> {
  const gasLimit = await transferGas(ctx, senders[0]!.address);
  const perSender = Math.ceil(total / senders.length);
  const batches = senders.map((s) => Array.from({ length: perSender }, () => signNext(s, ctx.chainId, ctx.fees, { to: ctx.token, data: nextTransferData(ctx), gasLimit })));
  const start = performance.now();
  await Promise.all(
    batches.map(async (batch) => {
      for (const tx of batch) await ctx.client.call('eth_sendRawTransaction', [tx.raw]);
    }),
  );
  let nudges = 0;
  for (const batch of batches) nudges += await waitNudging(ctx, batch[batch.length - 1]!.hash);
  const ms = performance.now() - start;
  const sent = perSender * senders.length;
  ctx.transfers += sent;
  const hashes = batches.flat().map((t) => t.hash);
  for (let i = 0; i < hashes.length; i += 64) {
    const receipts = await Promise.all(hashes.slice(i, i + 64).map((h) => waitForReceipt(ctx.client, h)));
    const failed = receipts.findIndex((r) => r.status !== '0x1');
    if (failed >= 0) throw new Error(`throughput transfer ${hashes[i + failed]} failed`);
  }
  return { txPerSecond: perSecond(sent, ms), ms, nudges };
}

/**
 * 3. eth_call balanceOf from `clients` concurrent loops for `seconds`: of the deployer every time, as a
 * wallet polls it, or (`distinct`) of a new holder each call, so that no node can answer a call it
 * has answered before.
 */
export async function callRate(ctx: BenchContext, clients: number, seconds: number, distinct = false): Promise<number> {
  const repeated = { to: ctx.token, data: ERC20.encodeFunctionData('balanceOf', [ctx.deployer.address]) };
  let calls = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const call = distinct ? { to: ctx.token, data: ERC20.encodeFunctionData('balanceOf', [toBeHex(calls + 1, 20)]) } : repeated;
        await ctx.client.call('eth_call', [call, 'latest']);
        calls++;
      }
    }),
  );
  return perSecond(calls, performance.now() - start);
}

/**
 * 4. eth_getLogs for one address and topic over `blocks` blocks holding one event each: a fresh token,
 * one transfer per block (each waits for its receipt, so automine seals one block per transfer).
 */
export async function getLogsLatency(ctx: BenchContext, blocks: number, repeats: number): Promise<{ p50: number; blocks: number; queries: number; setupMs: number }> {
  const setupStart = performance.now();
  const token = await deployErc20(ctx, 10n ** 30n);
  const gasLimit = await gasFor(ctx, 'erc20-transfer', { from: ctx.deployer.address, to: token, data: nextTransferData(ctx) });
  const raws = Array.from({ length: blocks }, () => signNext(ctx.deployer, ctx.chainId, ctx.fees, { to: token, data: nextTransferData(ctx), gasLimit }));
  await sendEachAndWait(ctx, raws);
  ctx.transfers += blocks;
  const first = Number((await waitForReceipt(ctx.client, raws[0]!.hash)).blockNumber);
  const last = Number((await waitForReceipt(ctx.client, raws[raws.length - 1]!.hash)).blockNumber);
  if (last - first + 1 !== blocks) throw new Error(`the ${blocks} event transfers landed in ${last - first + 1} blocks, not one each`);
  const setupMs = performance.now() - setupStart;
  const filter = { address: token, topics: [TRANSFER_TOPIC], fromBlock: hex(first), toBlock: hex(last) };
  const latencies: number[] = [];
  // At least 3 queries, then more up to `repeats` while they have taken under 5 s in all.
  for (let i = 0, spent = 0; i < repeats && (i < 3 || spent < 5000); i++) {
    const start = performance.now();
    const logs = await ctx.client.call<unknown[]>('eth_getLogs', [filter]);
    latencies.push(performance.now() - start);
    spent += latencies[latencies.length - 1]!;
    if (logs.length !== blocks) throw new Error(`eth_getLogs answered ${logs.length} logs, want ${blocks}`);
  }
  return { p50: median(latencies), blocks, queries: latencies.length, setupMs };
}

/** 5. Deploy of the generated ~20 KB contract: send then poll for the receipt, `repeats` times. */
export async function deployLatency(ctx: BenchContext, repeats: number): Promise<{ p50: number; runtimeBytes: number }> {
  const { initcode, runtimeBytes } = bigContract();
  const gasLimit = await gasFor(ctx, 'deploy-big', { from: ctx.deployer.address, data: initcode });
  const raws = Array.from({ length: repeats }, () => signNext(ctx.deployer, ctx.chainId, ctx.fees, { to: null, data: initcode, gasLimit }));
  const latencies = await sendEachAndWait(ctx, raws);
  return { p50: median(latencies), runtimeBytes };
}
