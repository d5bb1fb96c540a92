// `npm run bench -- soak`: fevm-devnet over LMDB under mixed traffic at a fixed rate for --minutes (10):
// senders of ERC-20 transfers among a fixed set of holders (each waits for its receipt), eth_call
// clients, an eth_getLogs poller over the last 100 blocks, and WebSocket subscribers to newHeads and to
// the token's logs. Every --window seconds (30) it records the node's RSS (and of it the anonymous
// memory) and each kind's latencies; after the warm-up (a fifth of the run) memory may grow at most
// 10%, p99 must stay flat, and no
// request may fail. Writes bench/results/soak.md and soak.json (or --out DIR).
// Flags: --minutes, --window, --senders (4), --tx-rate (per sender per second, 5), --callers (4),
// --call-rate (per caller per second, 50), --out.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Interface, toBeHex } from 'ethers';
import { createBenchContext, gasFor, type BenchContext } from './peers/bench-context.ts';
import { startPeer, stopAll, residentMemory } from './peers/peer-process.ts';
import { waitForReceipt } from './peers/rpc-client.ts';
import { percentile } from './peers/stats.ts';
import { fundSenders } from './peers/workloads.ts';
import { signNext, type Sender } from './peers/signer.ts';
import { KINDS, soakMarkdown, soakVerdict, type RequestKind, type SoakWindow } from './soak/soak-report.ts';

const ERC20 = new Interface(['function transfer(address to, uint256 value) returns (bool)', 'function balanceOf(address) view returns (uint256)']);
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
const HOLDERS = 200;

const holder = (i: number) => toBeHex(0x1000 + (i % HOLDERS), 20);

function emptyWindow(): Omit<SoakWindow, 'at' | 'rssBytes' | 'anonBytes'> {
  return { latencies: { send: [], call: [], getLogs: [] }, errors: [], notifications: 0 };
}

/** Runs `step` every `1000 / rate` ms (fixed rate: a slow step delays the next, it is not skipped) until `stop()`. */
async function atRate(rate: number, stop: () => boolean, step: () => Promise<void>): Promise<void> {
  const interval = 1000 / rate;
  let next = performance.now();
  while (!stop()) {
    await step();
    next += interval;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else next = performance.now();
  }
}

function subscribe(wsUrl: string, params: unknown[], onNotification: () => void, onError: (e: string) => void): WebSocket {
  const ws = new WebSocket(wsUrl);
  ws.onopen = () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params }));
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { method?: string; error?: { message: string } };
    if (message.error) onError(`eth_subscribe: ${message.error.message}`);
    else if (message.method === 'eth_subscription') onNotification();
  };
  ws.onerror = () => onError('WebSocket error');
  return ws;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string', default: '10' },
      window: { type: 'string', default: '30' },
      senders: { type: 'string', default: '4' },
      'tx-rate': { type: 'string', default: '5' },
      callers: { type: 'string', default: '4' },
      'call-rate': { type: 'string', default: '50' },
      out: { type: 'string', default: join(import.meta.dirname, 'results') },
    },
  });
  const seconds = Number(values.minutes) * 60;
  const windowSeconds = Number(values.window);
  const warmUp = seconds / 5;
  const log = (line: string) => console.error(`[soak] ${line}`);
  const stopOnSignal = () => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  const peer = await startPeer('fevm-lmdb');
  try {
    const ctx: BenchContext = await createBenchContext(peer.url);
    const senders: Sender[] = await fundSenders(ctx, Number(values.senders));
    // The holders exist before the clock starts, so that transfers change balances but add no storage.
    // FEVM gas of a transfer grows with the token's storage: one estimate per 50 new holders, times 3.
    for (let i = 0; i < HOLDERS; i++) {
      const data = ERC20.encodeFunctionData('transfer', [holder(i), 1n]);
      const gasLimit = (await gasFor(ctx, `soak-holders-${Math.floor(i / 50)}`, { from: ctx.deployer.address, to: ctx.token, data })) * 3n;
      const tx = signNext(ctx.deployer, ctx.chainId, ctx.fees, { to: ctx.token, data, gasLimit });
      await ctx.client.call('eth_sendRawTransaction', [tx.raw]);
      await waitForReceipt(ctx.client, tx.hash);
    }
    const gasLimit = (await gasFor(ctx, 'soak-transfer', { from: senders[0]!.address, to: ctx.token, data: ERC20.encodeFunctionData('transfer', [holder(7), 1n]) })) * 3n;
    log(`fevm (LMDB) at ${peer.url}: ${HOLDERS} holders, ${senders.length} senders × ${values['tx-rate']} tx/s, ${values.callers} callers × ${values['call-rate']} calls/s, getLogs 1/s, 2 subscriptions, ${values.minutes} min`);

    const started = performance.now();
    const done = () => performance.now() - started > seconds * 1000;
    let current = emptyWindow();
    const windows: SoakWindow[] = [];
    const timed = async (kind: RequestKind, fn: () => Promise<unknown>) => {
      const t = performance.now();
      try {
        await fn();
        current.latencies[kind].push(performance.now() - t);
      } catch (error) {
        current.errors.push(`${kind}: ${(error as Error).message}`);
      }
    };
    const sampler = setInterval(() => {
      const memory = residentMemory(peer.pid);
      const w: SoakWindow = { at: (performance.now() - started) / 1000, rssBytes: memory.rss, anonBytes: memory.anon, ...current };
      windows.push(w);
      current = emptyWindow();
      log(`${w.at.toFixed(0)} s: RSS ${(w.rssBytes / 2 ** 20).toFixed(0)} MB (anonymous ${(w.anonBytes / 2 ** 20).toFixed(0)} MB), ${KINDS.map((k) => `${k} ${w.latencies[k].length}`).join(', ')}, ${w.notifications} notifications, ${w.errors.length} errors`);
    }, windowSeconds * 1000);

    const wsUrl = peer.url.replace(/^http/, 'ws');
    const sockets = [
      subscribe(wsUrl, ['newHeads'], () => current.notifications++, (e) => current.errors.push(e)),
      subscribe(wsUrl, ['logs', { address: ctx.token, topics: [TRANSFER_TOPIC] }], () => current.notifications++, (e) => current.errors.push(e)),
    ];
    let sent = 0;
    const balanceOf = (i: number) => ({ to: ctx.token, data: ERC20.encodeFunctionData('balanceOf', [holder(i)]) });
    await Promise.all([
      ...senders.map((s) =>
        atRate(Number(values['tx-rate']), done, () =>
          timed('send', async () => {
            const tx = signNext(s, ctx.chainId, ctx.fees, { to: ctx.token, data: ERC20.encodeFunctionData('transfer', [holder(sent++), 1n]), gasLimit });
            await ctx.client.call('eth_sendRawTransaction', [tx.raw]);
            const receipt = await waitForReceipt(ctx.client, tx.hash);
            if (receipt.status !== '0x1') throw new Error(`transfer ${tx.hash} failed`);
          }),
        ),
      ),
      ...Array.from({ length: Number(values.callers) }, (_, c) => {
        let i = c;
        return atRate(Number(values['call-rate']), done, () => timed('call', () => ctx.client.call('eth_call', [balanceOf((i += 7)), 'latest'])));
      }),
      atRate(1, done, () =>
        timed('getLogs', async () => {
          const head = Number(await ctx.client.call<string>('eth_blockNumber'));
          await ctx.client.call('eth_getLogs', [{ address: ctx.token, topics: [TRANSFER_TOPIC], fromBlock: toBeHex(Math.max(0, head - 100)), toBlock: toBeHex(head) }]);
        }),
      ),
    ]);
    clearInterval(sampler);
    for (const ws of sockets) ws.close();
    const verdict = soakVerdict(windows, warmUp);
    const header = `# Soak: fevm-devnet (LMDB) under mixed traffic\n\n\`npm run bench -- soak${args.length ? ` ${args.join(' ')}` : ''}\`: ${values.minutes} min, windows of ${windowSeconds} s, warm-up ${warmUp.toFixed(0)} s; ${senders.length} senders × ${values['tx-rate']} tx/s (transfers among ${HOLDERS} holders, each waiting for its receipt), ${values.callers} callers × ${values['call-rate']} eth_call/s, eth_getLogs over the last 100 blocks 1/s, WebSocket newHeads and logs subscriptions. ${sent} transfers in all. ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.`;
    const md = soakMarkdown(windows, verdict, header);
    mkdirSync(values.out, { recursive: true });
    writeFileSync(join(values.out, 'soak.md'), md);
    const summary = (w: SoakWindow) => ({
      at: w.at,
      rssBytes: w.rssBytes,
      anonBytes: w.anonBytes,
      notifications: w.notifications,
      errors: w.errors.slice(0, 20),
      ...Object.fromEntries(KINDS.map((k) => [k, { n: w.latencies[k].length, p50: w.latencies[k].length ? percentile(w.latencies[k], 50) : null, p99: w.latencies[k].length ? percentile(w.latencies[k], 99) : null }])),
    });
    writeFileSync(join(values.out, 'soak.json'), JSON.stringify({ args, windows: windows.map(summary), verdict }, null, 2));
    console.log(md);
    log(`written to ${join(values.out, 'soak.md')} and soak.json`);
  } finally {
    await stopAll();
    process.off('SIGINT', stopOnSignal);
  }
}
