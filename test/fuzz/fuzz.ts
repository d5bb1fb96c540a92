// `npm run fuzz [-- --seconds N] [-- --seed S]`: random params for every registered method and random
// raw transactions (random bytes, and mutations of valid signed ones), with fast-check, over real HTTP
// against a devnet in this process, for a bounded time. It fails on a crash, an unhandled rejection, an
// HTTP 5xx, an answer that is not a valid JSON-RPC response (or is -32603, a bug of ours), an answer
// slower than the timeout, or a node that no longer answers eth_chainId at the end. A failure prints
// (and appends to fuzz-failures.jsonl) the seed and path that replay it: `--seed=S --path=P` (with
// "=", as a seed may be negative).

import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { Wallet } from 'ethers';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../src/chain/dev-accounts.ts';
import { ChainView, ethMethods } from '../../src/gateway/index.ts';
import { bytesToHex } from '../../src/primitives/index.ts';
import type { RpcMethod } from '../../src/rpc/method.ts';

export interface FuzzOptions {
  seconds: number;
  seed?: number;
  path?: string;
  /** Most time one answer may take (ms). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  ok: boolean;
  runs: number;
  seed: number;
  failure?: string;
}

/**
 * Methods not fuzzed, each with why: they replace or end the chain as a whole, so that later runs
 * would test a different node than the one the seed started.
 */
const SKIPPED = new Set(['anvil_loadState', 'hardhat_reset', 'anvil_reset']);

const hex = (bytes: Uint8Array) => bytesToHex(bytes);
const hexOf = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map(hex);

/** Values shaped like what Ethereum parameters are, and some that are nearly so. */
const scalar = fc.oneof(
  hexOf(20, 20),
  hexOf(32, 32),
  hexOf(0, 64),
  fc.bigInt({ min: 0n, max: 2n ** 260n }).map((n) => `0x${n.toString(16)}`),
  fc.integer({ min: -10, max: 2 ** 40 }),
  fc.constantFrom('latest', 'earliest', 'pending', 'safe', 'finalized', '0x', '0x0', '0x00', 'f01000', 't410f', 'newHeads', 'logs', ''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFx'), maxLength: 41 }).map((s) => `0x${s}`),
  fc.boolean(),
  fc.constant(null),
);
const callObject = fc.record(
  { from: scalar, to: scalar, gas: scalar, gasPrice: scalar, value: scalar, data: scalar, input: scalar, nonce: scalar, blockHash: scalar, address: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), topics: fc.array(fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })), { maxLength: 5 }), fromBlock: scalar, toBlock: scalar },
  { requiredKeys: [] },
);
const param = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 2, arbitrary: callObject }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });

/** A mutation of valid signed bytes: a flipped, replaced, inserted or removed byte, or a cut. */
function mutated(valid: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'set', 'insert', 'remove', 'cut')).map(([raw, at, byte, how]) => {
    const bytes = Buffer.from(raw.slice(2), 'hex');
    const i = at % bytes.length;
    const b = Buffer.from([byte]);
    const out =
      how === 'flip' ? Buffer.concat([bytes.subarray(0, i), Buffer.from([bytes[i]! ^ (byte || 1)]), bytes.subarray(i + 1)])
      : how === 'set' ? Buffer.concat([bytes.subarray(0, i), b, bytes.subarray(i + 1)])
      : how === 'insert' ? Buffer.concat([bytes.subarray(0, i), b, bytes.subarray(i)])
      : how === 'remove' ? Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)])
      : bytes.subarray(0, i);
    return `0x${out.toString('hex')}`;
  });
}

async function signedTransactions(chainId: number): Promise<string[]> {
  const [a, b] = deriveDevAccounts({ count: 2 }).eth;
  const w = new Wallet(bytesToHex(a!.privateKey));
  const to = bytesToHex(b!.ethAddress);
  return Promise.all([
    w.signTransaction({ type: 2, chainId, nonce: 0, to, value: 1n, gasLimit: 3_000_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 10n ** 9n }),
    w.signTransaction({ type: 0, chainId, nonce: 1, to, value: 1n, gasLimit: 3_000_000n, gasPrice: 10n ** 10n }),
    w.signTransaction({ type: 2, chainId, nonce: 2, data: '0x600a600c600039600a6000f3602a60005260206000f3', gasLimit: 50_000_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 10n ** 9n }),
  ]);
}

/** The request the property sends: a method and its params. */
type Request = { method: string; params: unknown[] };

function requestArbitrary(methods: RpcMethod[], valid: string[]): fc.Arbitrary<Request> {
  const methodCall = fc.constantFrom(...methods).chain((m) =>
    fc.array(param, { maxLength: m.params.length + 1 }).map((params) => ({ method: m.name, params })),
  );
  const rawTx = fc.oneof(hexOf(0, 300), mutated(valid), fc.constantFrom(...valid)).map((raw) => ({ method: 'eth_sendRawTransaction', params: [raw] }));
  return fc.oneof({ weight: 3, arbitrary: methodCall }, { weight: 2, arbitrary: rawTx });
}

/** What is wrong with one HTTP answer, or undefined when it is a valid JSON-RPC response. */
function problem(status: number, text: string, id: number): string | undefined {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 300)}`;
  if (status !== 200) return `HTTP ${status} for a well-formed request: ${text.slice(0, 300)}`;
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `not JSON: ${text.slice(0, 300)}`;
  }
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return `not a response object: ${text.slice(0, 300)}`;
  if (r.jsonrpc !== '2.0') return 'jsonrpc is not "2.0"';
  if (r.id !== id) return `id ${JSON.stringify(r.id)}, sent ${id}`;
  if ('result' in r === 'error' in r) return 'not exactly one of result and error';
  if ('error' in r) {
    const e = r.error as { code?: unknown; message?: unknown };
    if (!Number.isInteger(e.code) || typeof e.message !== 'string' || e.message === '') return `malformed error ${JSON.stringify(e)}`;
    if (e.code === -32603) return `internal error (a bug): ${e.message}`;
  }
  return undefined;
}

async function send(url: string, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, text: await res.text() };
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? ((line) => console.log(line));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const unhandled: string[] = [];
  const onUnhandled = (error: unknown) => unhandled.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  const internal: string[] = [];
  let devnet: Devnet | undefined;
  let runs = 0;
  try {
    devnet = await createDevnet({ memory: true, port: 0, host: '127.0.0.1', accounts: 2, log: (line) => internal.push(line) });
    const chainId = 31415926;
    const methods = ethMethods(new ChainView(devnet.node, chainId), {}).filter((m) => !SKIPPED.has(m.name));
    const valid = await signedTransactions(chainId);
    const url = devnet.url;
    let id = 0;
    const property = fc.asyncProperty(requestArbitrary(methods, valid), async (request) => {
      runs++;
      id++;
      const body = JSON.stringify({ jsonrpc: '2.0', id, ...request });
      const { status, text } = await send(url, body, timeoutMs);
      const wrong = problem(status, text, id) ?? (unhandled.length > 0 ? `unhandled: ${unhandled[0]}` : undefined);
      if (wrong) throw new Error(`${request.method}: ${wrong}`);
    });
    const details = await fc.check(property, {
      seed,
      path: options.path,
      numRuns: options.path ? 1 : Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: options.seconds * 1000,
      markInterruptAsFailure: false,
      endOnFailure: true,
    });
    let failure: string | undefined;
    if (details.failed) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      failure = `${error}\n  counterexample: ${JSON.stringify(details.counterexample).slice(0, 2000)}\n  replay: npm run fuzz -- --seed=${details.seed} --path=${details.counterexamplePath}`;
      if (internal.length > 0) failure += `\n  node log: ${internal.slice(-3).join('\n  ')}`;
      appendFileSync('fuzz-failures.jsonl', `${JSON.stringify({ at: new Date().toISOString(), seed: details.seed, path: details.counterexamplePath, error })}\n`);
    }
    if (!failure) {
      const { status, text } = await send(url, JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'eth_chainId' }), timeoutMs);
      if (status !== 200 || !text.includes('"result":"0x1df5e76"')) failure = `the node no longer answers eth_chainId: HTTP ${status} ${text.slice(0, 200)}`;
    }
    if (!failure && unhandled.length > 0) failure = `unhandled: ${unhandled[0]}`;
    log(`fuzz: ${runs} requests in ${options.seconds} s at most, seed ${seed}: ${failure ? 'FAILED' : 'ok'}`);
    return { ok: failure === undefined, runs, seed, failure };
  } finally {
    await devnet?.close();
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string' }, path: { type: 'string' } } });
  const report = await fuzz({ seconds: Number(values.seconds), seed: values.seed === undefined ? undefined : Number(values.seed), path: values.path });
  if (!report.ok) {
    console.error(report.failure);
    process.exitCode = 1;
  }
}
