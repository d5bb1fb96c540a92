// Replays a client trace against a devnet with fresh values: the same methods in the same order, params
// of the same shape, but our values. anvil's development accounts become ours of the same index; the
// raw transaction is rebuilt (same type, to, value and data) and signed with ethers, taking its chain
// id, nonce, gas and fees from our node's earlier answers as the client did (fees: base fee × 2 +
// priority fee, from the latest block and eth_maxPriorityFeePerGas, or from eth_feeHistory as alloy
// does); the trace's transaction hashes and block numbers become those our node answered. Every answer
// is judged by client-answer-check.ts as it comes. Waiting for receipts, a client polls: after a null
// receipt the replay waits a moment before the next call. It does not judge the sequence as a whole.

import { Transaction, Wallet, getAddress, type TransactionLike } from 'ethers';
import { DEFAULT_MNEMONIC, deriveDevAccounts, type DevEthAccount } from '../../src/chain/dev-accounts.ts';
import type { Devnet } from '../../src/cli/devnet.ts';
import { bytesToHex } from '../../src/primitives/index.ts';
import { checkAnswer, type SentTransaction } from './client-answer-check.ts';
import { completeInitcode, decodeTraceTransaction, firstStringParam, type ClientTrace, type TraceCall, type TraceTransaction } from './client-trace.ts';
import { requestRpc, type RpcAnswer } from './rpc-answer.ts';

/** anvil derives its accounts from the same well-known mnemonic: 0xf39F…, 0x7099…, 0x3C44…. */
const ANVIL_ACCOUNTS = deriveDevAccounts({ mnemonic: DEFAULT_MNEMONIC }).eth.map((a) => a.checksumAddress.toLowerCase());
/** Which param is a block number or tag. */
const BLOCK_PARAM: Record<string, number> = { eth_getTransactionCount: 1, eth_getBalance: 1, eth_getCode: 1, eth_getStorageAt: 2, eth_call: 1, eth_estimateGas: 1, eth_feeHistory: 1, eth_getBlockByNumber: 0, eth_getBlockReceipts: 0 };
/** The keys of a transaction request, to name a key the trace cuts in the middle. */
const REQUEST_KEYS = ['from', 'to', 'gas', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'value', 'data', 'input', 'nonce', 'chainId', 'type', 'accessList'];
const QUANTITY = /^0x[0-9a-fA-F]+$/;
const hex = (n: bigint): string => `0x${n.toString(16)}`;

export interface ReplayedCall {
  /** The trace line it replays. */
  line: number;
  method: string;
  params: unknown[];
  answer: RpcAnswer;
  /** What is wrong with the answer; empty when a client can use it. */
  problems: string[];
}

export interface Replay {
  calls: ReplayedCall[];
  sent: SentTransaction[];
}

export interface ReplayOptions {
  /** Our development accounts, standing for anvil's of the same index. */
  accounts: DevEthAccount[];
  chainId: bigint;
  /** The deployment initcode as far as the traces show it (client-trace.ts `longestInitcodeShown`). */
  initcode?: string;
  /** The key of the call data in a cut transaction request: alloy (cast) sends `input`, ethers `data`. */
  dataKey: 'data' | 'input';
  pollMs?: number;
}

export async function replayClientTrace(devnet: Devnet, trace: ClientTrace, options: ReplayOptions): Promise<Replay> {
  const replayer = new Replayer(devnet, options);
  for (const [index, call] of trace.calls.entries()) {
    for (let i = 0; i < call.repeat; i++) await replayer.replay(call, trace.calls.slice(index));
  }
  return { calls: replayer.calls, sent: [...replayer.sent.values()] };
}

class Replayer {
  readonly calls: ReplayedCall[] = [];
  readonly sent = new Map<string, SentTransaction>();
  private readonly mined = new Set<string>();
  private readonly nonces = new Map<string, bigint>();
  private readonly blocks = new Map<bigint, bigint>();
  private readonly hashes = new Map<string, string>();
  private sender: DevEthAccount | undefined;
  private chainId: bigint | undefined;
  private gas: bigint | undefined;
  private gasPrice: bigint | undefined;
  private priorityFee: bigint | undefined;
  private latestBaseFee: bigint | undefined;
  private history: { baseFee: bigint; reward: bigint } | undefined;
  private lastBlock: bigint | undefined;
  private lastMapping: [trace: bigint, ours: bigint] | undefined;

  private readonly devnet: Devnet;
  private readonly options: ReplayOptions;

  constructor(devnet: Devnet, options: ReplayOptions) {
    this.devnet = devnet;
    this.options = options;
  }

  async replay(call: TraceCall, rest: TraceCall[]): Promise<void> {
    const upcoming = rest.find((c) => c.method === 'eth_sendRawTransaction');
    const tx = upcoming && decodeTraceTransaction(firstStringParam(upcoming));
    const params = await this.paramsFor(call, tx);
    const headBefore = BigInt(this.devnet.node.chain.head().height);
    const answer = await requestRpc(this.devnet.url, call.method, params);
    const problems = checkAnswer(call.method, params, answer, { chainId: this.options.chainId, headBefore, sent: this.sent, mined: this.mined });
    this.calls.push({ line: call.line, method: call.method, params, answer, problems });
    if ('result' in answer) this.learn(call.method, params, answer.result);
    if (call.method === 'eth_getTransactionReceipt' && 'result' in answer && answer.result === null) await new Promise((r) => setTimeout(r, this.options.pollMs ?? 25));
  }

  private async paramsFor(call: TraceCall, tx: TraceTransaction | undefined): Promise<unknown[]> {
    if (call.method === 'eth_sendRawTransaction') return [await this.sign(need(tx, 'a transaction to send'))];
    if (call.method === 'eth_estimateGas' || call.method === 'eth_call') {
      const request = this.request(call, need(tx, `the transaction ${call.method} prepares`));
      return call.params && call.params.length > 1 ? [request, this.rewrite(call.params[1], true)] : [request];
    }
    if (!call.params) throw new Error(`trace line ${call.line}: the params of ${call.method} are cut, and there is no rule to complete them`);
    return call.params.map((param, i) => this.rewrite(param, i === BLOCK_PARAM[call.method]));
  }

  /** A transaction request with the trace's keys (those it shows, when cut, and the transaction's own). */
  private request(call: TraceCall, tx: TraceTransaction): Record<string, unknown> {
    const first = call.params?.[0];
    const keys = typeof first === 'object' && first !== null ? Object.keys(first) : this.cutKeys(call.paramsText, tx);
    const from = /"from":"(0x[0-9a-fA-F]{40})"/.exec(call.paramsText)?.[1];
    if (from) this.senderIs(from);
    const sender = need(this.sender, 'a sender');
    const ours = sender.checksumAddress.toLowerCase();
    const nonce = this.nonces.get(ours);
    const fee = (name: string): string | undefined => {
      const value = (this.fees(tx) as Record<string, bigint>)[name];
      return value === undefined ? undefined : hex(value);
    };
    // Each key's value, asked only when the request has the key: a client asks for fees after estimating.
    const values: Record<string, () => unknown> = {
      from: () => (from && from !== from.toLowerCase() ? sender.checksumAddress : ours),
      to: () => (tx.to === null ? null : this.address(tx.to)),
      value: () => hex(tx.value),
      data: () => completeInitcode(tx, this.options.initcode),
      input: () => completeInitcode(tx, this.options.initcode),
      nonce: () => (nonce === undefined ? undefined : hex(nonce)),
      gas: () => (this.gas === undefined ? undefined : hex(this.gas)),
      gasPrice: () => fee('gasPrice'),
      maxFeePerGas: () => fee('maxFeePerGas'),
      maxPriorityFeePerGas: () => fee('maxPriorityFeePerGas'),
      chainId: () => (this.chainId === undefined ? undefined : hex(this.chainId)),
      type: () => hex(BigInt(tx.type)),
      accessList: () => [],
    };
    const given = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
    const entries = keys.map((k) => [k, values[k] ? values[k]() : this.rewrite(given[k], false)] as const);
    return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  }

  /** The keys a cut request shows, the last one completed, then those the transaction needs. */
  private cutKeys(text: string, tx: TraceTransaction): string[] {
    const keys = [...text.matchAll(/"([A-Za-z]+)":/g)].map((m) => m[1]!);
    const partial = /[{,]"([A-Za-z]+)"?$/.exec(text)?.[1];
    const completed = partial && REQUEST_KEYS.find((k) => k.startsWith(partial));
    if (completed && !keys.includes(completed)) keys.push(completed);
    const needed = ['from', ...(tx.to !== null ? ['to'] : []), ...(tx.value > 0n ? ['value'] : []), ...(tx.data !== '0x' && !keys.includes('data') && !keys.includes('input') ? [this.options.dataKey] : [])];
    return [...keys, ...needed.filter((k) => !keys.includes(k))];
  }

  private fees(tx: TraceTransaction): { gasPrice: bigint } | { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } {
    if (tx.type < 2) return { gasPrice: need(this.gasPrice, 'eth_gasPrice') };
    const priority = need(this.priorityFee ?? this.history?.reward, 'a priority fee (eth_maxPriorityFeePerGas or eth_feeHistory)');
    const baseFee = need(this.latestBaseFee ?? this.history?.baseFee, 'a base fee (the latest block or eth_feeHistory)');
    return { maxFeePerGas: baseFee * 2n + priority, maxPriorityFeePerGas: priority };
  }

  private async sign(tx: TraceTransaction): Promise<string> {
    const sender = need(this.sender, 'a sender');
    const from = sender.checksumAddress.toLowerCase();
    const nonce = need(this.nonces.get(from), `eth_getTransactionCount of ${from}`);
    const data = completeInitcode(tx, this.options.initcode);
    const to = tx.to === null ? null : this.address(tx.to).toLowerCase();
    const fields: TransactionLike = { type: tx.type, chainId: need(this.chainId, 'eth_chainId'), nonce: Number(nonce), to, value: tx.value, data, gasLimit: need(this.gas, 'eth_estimateGas'), ...this.fees(tx) };
    const raw = await new Wallet(bytesToHex(sender.privateKey)).signTransaction(fields);
    const hash = Transaction.from(raw).hash!;
    this.sent.set(hash, { hash, from, nonce, type: tx.type, to, value: tx.value, data });
    return raw;
  }

  /** Our counterpart of a trace value: an anvil account, a transaction hash, a block number. */
  private rewrite(value: unknown, isBlock: boolean): unknown {
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v, false));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewrite(v, false)]));
    if (typeof value !== 'string') return value;
    if (isBlock && QUANTITY.test(value)) return hex(this.block(BigInt(value)));
    if (/^0x[0-9a-fA-F]{40}$/.test(value)) return this.address(value);
    if (/^0x[0-9a-fA-F]{64}$/.test(value)) return this.hash(value.toLowerCase());
    return value;
  }

  private address(traceAddress: string): string {
    const index = ANVIL_ACCOUNTS.indexOf(traceAddress.toLowerCase());
    if (index < 0) return traceAddress;
    const ours = need(this.options.accounts[index], `our development account ${index}`).checksumAddress;
    return traceAddress === traceAddress.toLowerCase() ? ours.toLowerCase() : getAddress(ours);
  }

  private senderIs(traceAddress: string): void {
    const index = ANVIL_ACCOUNTS.indexOf(traceAddress.toLowerCase());
    if (index >= 0) this.sender = this.options.accounts[index];
  }

  /** The trace's hash of a transaction it sent is the hash of the one we sent in its place. */
  private hash(traceHash: string): string {
    const known = this.hashes.get(traceHash);
    if (known) return known;
    const mapped = new Set(this.hashes.values());
    const ours = [...this.sent.keys()].reverse().find((h) => !mapped.has(h));
    if (ours) this.hashes.set(traceHash, ours);
    return ours ?? traceHash;
  }

  /** A block number the trace learnt from anvil: the one we learnt last, or as far from the last mapped. */
  private block(traceNumber: bigint): bigint {
    const known = this.blocks.get(traceNumber);
    if (known !== undefined) return known;
    const guess = this.lastMapping ? this.lastMapping[1] + traceNumber - this.lastMapping[0] : (this.lastBlock ?? 0n);
    const ours = guess < 0n ? 0n : guess;
    this.blocks.set(traceNumber, ours);
    this.lastMapping = [traceNumber, ours];
    return ours;
  }

  /** What a client keeps from an answer: chain id, nonces, gas, fees, block numbers, mined receipts. */
  private learn(method: string, params: unknown[], result: unknown): void {
    const big = (x: unknown): bigint | undefined => (typeof x === 'string' && QUANTITY.test(x) ? BigInt(x) : undefined);
    const object = typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : undefined;
    if (method === 'eth_chainId') this.chainId = big(result);
    else if (method === 'eth_getTransactionCount' && big(result) !== undefined) {
      const address = String(params[0]).toLowerCase();
      this.sender = this.options.accounts.find((a) => a.checksumAddress.toLowerCase() === address) ?? this.sender;
      this.nonces.set(address, big(result)!);
    } else if (method === 'eth_estimateGas') this.gas = big(result);
    else if (method === 'eth_gasPrice') this.gasPrice = big(result);
    else if (method === 'eth_maxPriorityFeePerGas') this.priorityFee = big(result);
    else if (method === 'eth_blockNumber') this.lastBlock = big(result) ?? this.lastBlock;
    else if (method === 'eth_feeHistory' && object) this.history = feeHistoryEstimate(object);
    else if (object && (method === 'eth_getBlockByNumber' || method === 'eth_getBlockByHash')) {
      this.lastBlock = big(object.number) ?? this.lastBlock;
      if (params[0] === 'latest') this.latestBaseFee = big(object.baseFeePerGas);
    } else if (object && (method === 'eth_getTransactionReceipt' || method === 'eth_getTransactionByHash')) {
      this.lastBlock = big(object.blockNumber) ?? this.lastBlock;
      if (method === 'eth_getTransactionReceipt') this.mined.add(String(params[0]).toLowerCase());
    }
  }
}

/** alloy's estimate from eth_feeHistory: the next base fee, and the median non-zero reward (at least 1). */
function feeHistoryEstimate(history: Record<string, unknown>): { baseFee: bigint; reward: bigint } | undefined {
  const baseFees = Array.isArray(history.baseFeePerGas) ? (history.baseFeePerGas as string[]) : [];
  if (baseFees.length === 0) return undefined;
  const rewards = (Array.isArray(history.reward) ? (history.reward as string[][]) : []).map((row) => BigInt(row[0] ?? '0x0')).filter((r) => r > 0n);
  rewards.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reward = rewards.length === 0 ? 1n : rewards[Math.floor(rewards.length / 2)]!;
  return { baseFee: BigInt(baseFees[baseFees.length - 1]!), reward };
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the replay needs ${what}, and the node has not answered it earlier in the trace`);
  return value;
}
