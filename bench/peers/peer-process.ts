// Starting and stopping the nodes under comparison, each as its own process on a free 127.0.0.1 port:
// fevm-devnet (in memory or over LMDB in a temp dir), anvil (the npm @foundry-rs/anvil binary) and the
// Hardhat 3 node (`hardhat node` in a temp project). Also reads a process tree's resident memory.
// Every started process is registered so `stopAll` can end them even when a workload throws.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRpcClient } from './rpc-client.ts';

export type PeerKind = 'fevm-memory' | 'fevm-lmdb' | 'anvil' | 'hardhat';

export interface PeerProcess {
  kind: PeerKind;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first answer to eth_chainId. */
  coldStartMs: number;
  /** The LMDB data folder (fevm-lmdb only). */
  dataDir?: string;
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..');
const running = new Set<PeerProcess>();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function anvilBinary(): string {
  const require = createRequire(join(ROOT, 'package.json'));
  const local = process.env.ANVIL_BIN;
  if (local) return local;
  return join(dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json')), 'bin', 'anvil');
}

/** A throwaway Hardhat 3 project that resolves `hardhat` from this repository's node_modules. */
function hardhatProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fevm-bench-hardhat-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-hardhat-node', private: true, type: 'module' }));
  writeFileSync(join(dir, 'hardhat.config.js'), 'export default {};\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

interface SpawnPlan {
  command: string;
  args: string[];
  cwd: string;
  url: string;
  dirs: string[];
  dataDir?: string;
}

function plan(kind: PeerKind, port: number, nodeFlags: string[]): SpawnPlan {
  const base = `http://127.0.0.1:${port}`;
  switch (kind) {
    case 'fevm-memory':
    case 'fevm-lmdb': {
      const dataDir = kind === 'fevm-lmdb' ? mkdtempSync(join(tmpdir(), 'fevm-bench-lmdb-')) : undefined;
      const store = dataDir ? ['--data', dataDir] : ['--memory'];
      // Workload 4 at the size asks eth_getLogs for 10,000 blocks, over Lotus's default 2,880.
      const limits = ['--max-log-range', '10000'];
      return { command: process.execPath, args: [...nodeFlags, join(ROOT, 'bin', 'fevm-devnet.js'), 'start', ...store, ...limits, '--host', '127.0.0.1', '--port', String(port)], cwd: ROOT, url: `${base}/rpc/v1`, dirs: dataDir ? [dataDir] : [], dataDir };
    }
    case 'anvil':
      return { command: anvilBinary(), args: ['--host', '127.0.0.1', '--port', String(port)], cwd: ROOT, url: base, dirs: [] };
    case 'hardhat': {
      const dir = hardhatProject();
      return { command: process.execPath, args: [join(ROOT, 'node_modules', 'hardhat', 'dist', 'src', 'cli.js'), 'node', '--hostname', '127.0.0.1', '--port', String(port)], cwd: dir, url: base, dirs: [dir] };
    }
  }
}

/** Spawns `kind` and polls eth_chainId until it answers; `nodeFlags` go to node (fevm only, e.g. --cpu-prof). */
export async function startPeer(kind: PeerKind, options: { nodeFlags?: string[]; timeoutMs?: number } = {}): Promise<PeerProcess> {
  const port = await freePort();
  const p = plan(kind, port, options.nodeFlags ?? []);
  const started = performance.now();
  const child = spawn(p.command, p.args, { cwd: p.cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', DO_NOT_TRACK: '1' } });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const peer: PeerProcess = { kind, url: p.url, pid: child.pid!, coldStartMs: 0, dataDir: p.dataDir, stop: () => stopChild(child, p.dirs, peer) };
  running.add(peer);
  const client = createRpcClient(p.url, 1);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}: ${stderr}`);
      try {
        await client.call('eth_chainId');
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`${kind} did not answer eth_chainId within ${options.timeoutMs ?? 60_000} ms: ${stderr}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    peer.coldStartMs = performance.now() - started;
    return peer;
  } catch (error) {
    await peer.stop();
    throw error;
  } finally {
    client.close();
  }
}

async function stopChild(child: ChildProcess, dirs: string[], peer: PeerProcess): Promise<void> {
  running.delete(peer);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** Stops every peer still running (on error paths and at exit). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

/**
 * Resident memory of `pid` and all its descendants, from /proc's status: `rss` (VmRSS, what ps and
 * top show) and its parts, `anon` (RssAnon and RssShmem: the heap, the stacks, native buffers, memory
 * only the process holds) and `file` (RssFile: pages of mapped files, for the LMDB store the pages of
 * data.mdb read through its memory map, which are the kernel's page cache of the file: shared, clean
 * and given back under memory pressure).
 */
export interface ResidentMemory {
  rss: number;
  anon: number;
  file: number;
}

export function residentMemory(pid: number): ResidentMemory {
  const total: ResidentMemory = { rss: 0, anon: 0, file: 0 };
  const kb = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  const visit = (id: number) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      total.rss += kb(status, 'VmRSS');
      total.anon += kb(status, 'RssAnon') + kb(status, 'RssShmem');
      total.file += kb(status, 'RssFile');
      for (const task of readdirSync(`/proc/${id}/task`)) {
        const children = readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // The process ended meanwhile.
    }
  };
  visit(pid);
  return total;
}
