// `npm run bench -- peers [flags]`: fevm-devnet (in memory and over LMDB), anvil and the Hardhat 3 node,
// each as its own process, one at a time, under the same workloads from the same client
// (bench/peers/). Writes bench/results/latest.md, latest.svg and latest.json (the raw figures);
// docs/performance.md explains them.
// Flags: --quick (a smoke-test size), --nodes a,b, --transfers, --throughput, --call-seconds,
// --log-blocks, --deploys, --memory-transfers, --cold-starts, --out <dir>, --cpu-prof <dir> (fevm
// only), --merge <latest.json> (take the nodes not run now from an earlier run).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchContext } from './peers/bench-context.ts';
import { startPeer, stopAll, residentMemory, type PeerKind } from './peers/peer-process.ts';
import { NAMES, markdownTable, ratioChart, type Figures } from './peers/report.ts';
import { median } from './peers/stats.ts';
import { callRate, deployLatency, fundSenders, getLogsLatency, sequentialTransfers, throughput } from './peers/workloads.ts';

interface Sizes {
  transfers: number;
  throughput: number;
  callSeconds: number;
  logBlocks: number;
  deploys: number;
  memoryTransfers: number;
  coldStarts: number;
}

const DEFAULT: Sizes = { transfers: 300, throughput: 2000, callSeconds: 5, logBlocks: 2000, deploys: 10, memoryTransfers: 5000, coldStarts: 3 };
const QUICK: Sizes = { transfers: 20, throughput: 160, callSeconds: 1, logBlocks: 30, deploys: 2, memoryTransfers: 160, coldStarts: 1 };
const ALL: PeerKind[] = ['fevm-memory', 'fevm-lmdb', 'anvil', 'hardhat'];
const SENDERS = 16;

const log = (line: string) => console.log(`[peers] ${line}`);

function diskBytes(dir: string): number {
  return Number(execFileSync('du', ['-s', '-B1', dir], { encoding: 'utf8' }).split(/\s/)[0]);
}

async function benchOne(kind: PeerKind, sizes: Sizes, nodeFlags: string[], failures: string[]): Promise<Figures> {
  const figures: Figures = {};
  let peer = await startPeer(kind, { nodeFlags: kind.startsWith('fevm') ? nodeFlags : [] });
  const colds = [peer.coldStartMs];
  try {
    log(`${NAMES[kind]}: up at ${peer.url} in ${peer.coldStartMs.toFixed(0)} ms (pid ${peer.pid})`);
    let ctx = await createBenchContext(peer.url);
    const seq = await sequentialTransfers(ctx, sizes.transfers);
    figures.latencyP50 = seq.p50;
    figures.latencyP99 = seq.p99;
    log(`${NAMES[kind]}: 1. ${sizes.transfers} sequential transfers p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms`);
    let senders = await fundSenders(ctx, SENDERS);
    try {
      const thr = await throughput(ctx, senders, sizes.throughput);
      figures.throughput = thr.txPerSecond;
      log(`${NAMES[kind]}: 2. ${sizes.throughput} transfers from ${SENDERS} senders in ${thr.ms.toFixed(0)} ms: ${thr.txPerSecond.toFixed(0)} tx/s (${thr.nudges} evm_mine on a stalled pool)`);
    } catch (error) {
      // The node lost transactions under load: no throughput figure, and its pool is unknown, so the
      // rest runs on a fresh process of the same node.
      log(`${NAMES[kind]}: 2. FAILED: ${(error as Error).message}; restarting it for the rest`);
      failures.push(`${NAMES[kind]}, workload 2: ${(error as Error).message}`);
      ctx.client.close();
      await peer.stop();
      peer = await startPeer(kind);
      colds.push(peer.coldStartMs);
      ctx = await createBenchContext(peer.url);
      senders = await fundSenders(ctx, SENDERS);
    }
    figures.calls = await callRate(ctx, 8, sizes.callSeconds);
    log(`${NAMES[kind]}: 3. eth_call ${figures.calls.toFixed(0)} calls/s over ${sizes.callSeconds} s`);
    figures.callsDistinct = await callRate(ctx, 8, sizes.callSeconds, true);
    log(`${NAMES[kind]}: 3. eth_call of new holders ${figures.callsDistinct.toFixed(0)} calls/s over ${sizes.callSeconds} s`);
    const logs = await getLogsLatency(ctx, sizes.logBlocks, 10);
    figures.getLogs = logs.p50;
    log(`${NAMES[kind]}: 4. eth_getLogs over ${logs.blocks} blocks, ${logs.queries} queries, p50 ${logs.p50.toFixed(2)} ms (setup ${(logs.setupMs / 1000).toFixed(1)} s)`);
    const deploy = await deployLatency(ctx, sizes.deploys);
    figures.deploy = deploy.p50;
    log(`${NAMES[kind]}: 5. deploy of ${deploy.runtimeBytes.toLocaleString('en')} bytes of code p50 ${deploy.p50.toFixed(1)} ms`);
    const diskBefore = peer.dataDir ? diskBytes(peer.dataDir) : 0;
    const mem = await throughput(ctx, senders, sizes.memoryTransfers).catch((error: Error) => {
      failures.push(`${NAMES[kind]}, workload 7: ${error.message}`);
      return undefined;
    });
    const resident = residentMemory(peer.pid);
    figures.rss = resident.rss / 1e6;
    figures.rssAnon = resident.anon / 1e6;
    const memory = `RSS ${figures.rss.toFixed(0)} MB (anonymous ${figures.rssAnon.toFixed(0)} MB, file pages ${(resident.file / 1e6).toFixed(0)} MB)`;
    if (!mem) log(`${NAMES[kind]}: 7. transfers FAILED; ${memory} after ${ctx.transfers} transfers`);
    else log(`${NAMES[kind]}: 7. ${sizes.memoryTransfers} more transfers (${mem.txPerSecond.toFixed(0)} tx/s, ${mem.nudges} evm_mine), ${ctx.transfers} in all: ${memory}`);
    if (peer.dataDir) {
      const disk = diskBytes(peer.dataDir);
      figures.diskPerTransfer = (disk - diskBefore) / sizes.memoryTransfers;
      log(`${NAMES[kind]}: 7. LMDB ${(disk / 1e6).toFixed(1)} MB on disk, ${figures.diskPerTransfer.toFixed(0)} bytes per transfer over the last ${sizes.memoryTransfers}`);
    }
    ctx.client.close();
  } finally {
    await peer.stop();
  }
  for (let i = 1; i < sizes.coldStarts; i++) {
    const again = await startPeer(kind);
    colds.push(again.coldStartMs);
    await again.stop();
  }
  figures.coldStart = median(colds);
  log(`${NAMES[kind]}: 6. cold start ${colds.map((c) => c.toFixed(0)).join(', ')} ms → median ${figures.coldStart.toFixed(0)} ms`);
  return figures;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean' },
      nodes: { type: 'string' },
      transfers: { type: 'string' },
      throughput: { type: 'string' },
      'call-seconds': { type: 'string' },
      'log-blocks': { type: 'string' },
      deploys: { type: 'string' },
      'memory-transfers': { type: 'string' },
      'cold-starts': { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      merge: { type: 'string' },
    },
  });
  const base = values.quick ? QUICK : DEFAULT;
  const num = (text: string | undefined, fallback: number) => (text === undefined ? fallback : Number(text));
  const sizes: Sizes = {
    transfers: num(values.transfers, base.transfers),
    throughput: num(values.throughput, base.throughput),
    callSeconds: num(values['call-seconds'], base.callSeconds),
    logBlocks: num(values['log-blocks'], base.logBlocks),
    deploys: num(values.deploys, base.deploys),
    memoryTransfers: num(values['memory-transfers'], base.memoryTransfers),
    coldStarts: num(values['cold-starts'], base.coldStarts),
  };
  let nodes = values.nodes ? (values.nodes.split(',') as PeerKind[]) : ALL;
  for (const n of nodes) if (!ALL.includes(n)) throw new Error(`unknown node ${n}; known: ${ALL.join(', ')}`);
  const nodeFlags = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];
  const out = values.out ?? join(import.meta.dirname, 'results');
  log(`sizes: ${JSON.stringify(sizes)}`);
  const started = performance.now();
  const figures = {} as Record<PeerKind, Figures>;
  const failures: string[] = [];
  for (const k of ALL) figures[k] = {};
  const stopOnSignal = () => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    for (const kind of nodes) figures[kind] = await benchOne(kind, sizes, nodeFlags, failures);
  } finally {
    await stopAll();
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }
  const minutes = (performance.now() - started) / 60_000;
  // --merge <latest.json>: the figures of nodes not run now come from an earlier run's file.
  const merged: PeerKind[] = [];
  if (values.merge) {
    const earlier = JSON.parse(readFileSync(values.merge, 'utf8')) as { nodes: PeerKind[]; figures: Record<PeerKind, Figures>; failures: string[] };
    for (const k of earlier.nodes.filter((n) => !nodes.includes(n))) {
      figures[k] = earlier.figures[k];
      merged.push(k);
    }
    failures.push(...earlier.failures.filter((f) => merged.some((k) => f.startsWith(NAMES[k]))));
    nodes = ALL.filter((k) => nodes.includes(k) || merged.includes(k));
  }
  const table = markdownTable(figures, nodes);
  const sizeLine = `Sizes: ${sizes.transfers} sequential transfers; ${sizes.throughput} transfers from ${SENDERS} senders; eth_call for ${sizes.callSeconds} s; eth_getLogs over ${sizes.logBlocks} blocks; ${sizes.deploys} deploys; ${sizes.memoryTransfers} transfers before the memory figure; ${sizes.coldStarts} cold starts.`;
  const machine = `Machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; run took ${minutes.toFixed(1)} min.`;
  const md = `# Peer benchmark: latest run\n\n\`npm run bench -- peers${args.length ? ` ${args.join(' ')}` : ''}\` (see docs/performance.md)\n\n${sizeLine}\n${machine}${merged.length ? `\nFigures of ${merged.map((k) => NAMES[k]).join(', ')} from an earlier run (--merge).` : ''}\n\n${table}\n${failures.length ? `\nFailed: ${failures.join('; ')}\n` : ''}`;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest.md'), md);
  writeFileSync(join(out, 'latest.svg'), ratioChart(figures, nodes));
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ sizes, nodes, figures, failures }, null, 2)}\n`);
  console.log(`\n${table}\n\n${sizeLine}\n${machine}\nwritten to ${join(out, 'latest.md')}, latest.svg and latest.json`);
}
