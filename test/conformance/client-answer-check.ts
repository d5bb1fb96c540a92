// Whether an answer is one an Ethereum client can use, method by method: a hex quantity, a hash, or an
// object with the fields that ethers 6 and alloy (cast) read when they parse a block, a transaction or a
// receipt; `null` only where Ethereum allows it (a block beyond the head, a receipt not mined yet); an
// error only for the Hardhat and anvil extensions (then "method not found"). It says what is wrong, as
// text; the replay collects it. It does not check values against Ethereum's, only shape and coherence
// with what the replay sent. Field lists follow execution-apis and ethers' and alloy's parsers.

import { Transaction } from 'ethers';
import type { RpcAnswer } from './rpc-answer.ts';

/** A transaction the replay signed and sent. */
export interface SentTransaction {
  hash: string;
  /** Lowercase signer address. */
  from: string;
  nonce: bigint;
  type: number;
  /** Lowercase; null for a deployment. */
  to: string | null;
  value: bigint;
  data: string;
}

export interface AnswerContext {
  chainId: bigint;
  /** The node's head block number just before the call. */
  headBefore: bigint;
  /** Transactions sent so far, by lowercase hash. */
  sent: ReadonlyMap<string, SentTransaction>;
  /** Hashes whose receipt the node already answered (not null). */
  mined: ReadonlySet<string>;
}

export const METHOD_NOT_FOUND = -32601;

const QUANTITY = /^0x(0|[1-9a-f][0-9a-f]*)$/;
const DATA = /^0x([0-9a-f]{2})*$/;
const HASH = /^0x[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BLOCK_FIELDS = ['hash', 'parentHash', 'sha3Uncles', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'difficulty', 'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'nonce', 'baseFeePerGas', 'uncles', 'transactions'];
const RECEIPT_FIELDS = ['transactionHash', 'transactionIndex', 'blockHash', 'blockNumber', 'from', 'to', 'contractAddress', 'cumulativeGasUsed', 'gasUsed', 'effectiveGasPrice', 'logs', 'logsBloom', 'type', 'status'];
const TRANSACTION_FIELDS = ['hash', 'nonce', 'blockHash', 'blockNumber', 'transactionIndex', 'from', 'to', 'value', 'gas', 'input', 'type', 'chainId', 'v', 'r', 's'];
/** Type-2 transactions have no gasPrice, as on Lotus (docs/differences.md); ethers and alloy read it as optional. */
const LEGACY_FIELDS = ['gasPrice'];

type Check = (result: unknown, params: unknown[], ctx: AnswerContext) => string[];

const quantity = (what: string, value: unknown): string[] => (typeof value === 'string' && QUANTITY.test(value) ? [] : [`${what} is not a hex quantity: ${JSON.stringify(value)}`]);
const matches = (what: string, value: unknown, pattern: RegExp): string[] => (typeof value === 'string' && pattern.test(value) ? [] : [`${what} is not ${pattern.source}: ${JSON.stringify(value)}`]);
const missing = (what: string, object: Record<string, unknown>, fields: string[]): string[] => fields.filter((f) => !(f in object)).map((f) => `${what} lacks ${f}`);
const transactionFields = (what: string, tx: Record<string, unknown>): string[] => [...missing(what, tx, TRANSACTION_FIELDS), ...(tx.type === '0x0' || tx.type === '0x1' ? missing(`${what} of type ${tx.type}`, tx, LEGACY_FIELDS) : [])];
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const CHECKS: Record<string, Check> = {
  eth_chainId: (r, _p, ctx) => [...quantity('chain id', r), ...(r === `0x${ctx.chainId.toString(16)}` ? [] : [`chain id ${String(r)}, not 0x${ctx.chainId.toString(16)}`])],
  eth_blockNumber: (r, _p, ctx) => [...quantity('block number', r), ...(typeof r === 'string' && BigInt(r) < ctx.headBefore ? [`block number ${r} is behind the head ${ctx.headBefore}`] : [])],
  eth_gasPrice: (r) => quantity('gas price', r),
  eth_maxPriorityFeePerGas: (r) => quantity('priority fee', r),
  eth_getTransactionCount: (r) => quantity('nonce', r),
  eth_getBalance: (r) => quantity('balance', r),
  eth_estimateGas: (r) => [...quantity('gas', r), ...(typeof r === 'string' && QUANTITY.test(r) && BigInt(r) < 21_000n ? [`gas ${r} is below 21000`] : [])],
  eth_call: (r) => matches('return data', r, DATA),
  eth_feeHistory: checkFeeHistory,
  eth_sendRawTransaction: (r, p) => [...matches('transaction hash', r, HASH), ...(r === Transaction.from(p[0] as string).hash ? [] : [`hash ${String(r)} is not keccak256 of the raw transaction`])],
  eth_getBlockByNumber: checkBlock,
  eth_getBlockByHash: checkBlock,
  eth_getTransactionByHash: checkTransaction,
  eth_getTransactionReceipt: checkReceipt,
  web3_clientVersion: (r) => (typeof r === 'string' && r.length > 0 ? [] : [`client version ${JSON.stringify(r)}`]),
};

/** What is wrong with the answer to `method(params)`; empty when it is one a client can use. */
export function checkAnswer(method: string, params: unknown[], answer: RpcAnswer, ctx: AnswerContext): string[] {
  if ('malformed' in answer) return [answer.malformed];
  const extension = /^(hardhat|evm|anvil)_/.test(method);
  if ('error' in answer) return extension && answer.error.code === METHOD_NOT_FOUND ? [] : [`error ${answer.error.code}: ${answer.error.message}`];
  if (extension) return [];
  return (CHECKS[method] ?? (() => []))(answer.result, params, ctx);
}

function checkFeeHistory(r: unknown, params: unknown[]): string[] {
  if (!isObject(r)) return [`fee history is not an object: ${JSON.stringify(r)}`];
  const problems = [...quantity('oldestBlock', r.oldestBlock), ...missing('fee history', r, ['baseFeePerGas', 'gasUsedRatio'])];
  const baseFees = Array.isArray(r.baseFeePerGas) ? r.baseFeePerGas : [];
  const ratios = Array.isArray(r.gasUsedRatio) ? r.gasUsedRatio : [];
  const percentiles = Array.isArray(params[2]) ? params[2] : [];
  baseFees.forEach((fee, i) => problems.push(...quantity(`baseFeePerGas[${i}]`, fee)));
  if (baseFees.length !== ratios.length + 1) problems.push(`${baseFees.length} base fees for ${ratios.length} blocks (one more than the blocks expected)`);
  if (ratios.length === 0 || ratios.length > Number(BigInt(params[0] as string))) problems.push(`${ratios.length} blocks for a count of ${String(params[0])}`);
  if (ratios.some((x) => typeof x !== 'number' || x < 0 || x > 1)) problems.push(`gasUsedRatio ${JSON.stringify(ratios)} not all in [0, 1]`);
  if (percentiles.length > 0) {
    const reward = Array.isArray(r.reward) ? r.reward : [];
    if (reward.length !== ratios.length) problems.push(`${reward.length} reward rows for ${ratios.length} blocks`);
    reward.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== percentiles.length) problems.push(`reward[${i}] ${JSON.stringify(row)} has not one entry per percentile`);
      else row.forEach((fee, j) => problems.push(...quantity(`reward[${i}][${j}]`, fee)));
    });
  }
  return problems;
}

function checkBlock(r: unknown, params: unknown[], ctx: AnswerContext): string[] {
  const [tag, full] = params;
  const asked = typeof tag === 'string' && QUANTITY.test(tag) ? BigInt(tag) : undefined;
  if (r === null) {
    if (asked !== undefined && asked > ctx.headBefore) return [];
    return [`null for ${String(tag)}, a block the node has (head ${ctx.headBefore})`];
  }
  if (!isObject(r)) return [`block is not an object: ${JSON.stringify(r)}`];
  const problems = missing('block', r, BLOCK_FIELDS);
  for (const f of ['number', 'timestamp', 'gasLimit', 'gasUsed', 'baseFeePerGas', 'difficulty']) if (f in r) problems.push(...quantity(`block ${f}`, r[f]));
  for (const f of ['hash', 'parentHash', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'mixHash']) if (f in r) problems.push(...matches(`block ${f}`, r[f], HASH));
  problems.push(...matches('block miner', r.miner, ADDRESS), ...matches('block extraData', r.extraData, DATA), ...matches('block nonce', r.nonce, /^0x[0-9a-f]{16}$/), ...matches('block logsBloom', r.logsBloom, /^0x[0-9a-f]{512}$/));
  if (asked !== undefined && r.number !== tag) problems.push(`block ${String(r.number)} answered for ${tag}`);
  if (tag === 'latest' && typeof r.number === 'string' && BigInt(r.number) < ctx.headBefore) problems.push(`latest is ${r.number}, behind the head ${ctx.headBefore}`);
  if (!Array.isArray(r.transactions)) return [...problems, 'block transactions is not an array'];
  for (const tx of r.transactions as unknown[]) {
    if (full === true) problems.push(...(isObject(tx) ? [...transactionFields('block transaction', tx), ...(tx.blockHash === r.hash ? [] : [`a transaction of block ${String(r.hash)} says blockHash ${String(tx.blockHash)}`])] : ['a full block lists a transaction that is not an object']));
    else problems.push(...matches('block transaction hash', tx, HASH));
  }
  return problems;
}

function checkTransaction(r: unknown, params: unknown[], ctx: AnswerContext): string[] {
  const sent = ctx.sent.get(String(params[0]).toLowerCase());
  if (r === null) return sent ? [`null for ${String(params[0])}, a transaction the node accepted`] : [];
  if (!isObject(r)) return [`transaction is not an object: ${JSON.stringify(r)}`];
  const problems = transactionFields('transaction', r);
  for (const f of ['nonce', 'value', 'gas', 'gasPrice', 'type', 'chainId']) if (f in r) problems.push(...quantity(`transaction ${f}`, r[f]));
  const placed = [r.blockHash, r.blockNumber, r.transactionIndex].filter((x) => x !== null && x !== undefined).length;
  if (placed !== 0 && placed !== 3) problems.push(`blockHash ${String(r.blockHash)}, blockNumber ${String(r.blockNumber)} and transactionIndex ${String(r.transactionIndex)} are not all set nor all null`);
  if (sent) {
    const expected = { hash: sent.hash, from: sent.from, to: sent.to, nonce: `0x${sent.nonce.toString(16)}`, value: `0x${sent.value.toString(16)}`, input: sent.data, type: `0x${sent.type.toString(16)}`, chainId: `0x${ctx.chainId.toString(16)}` };
    for (const [field, value] of Object.entries(expected)) {
      const got = typeof r[field] === 'string' ? (r[field] as string).toLowerCase() : r[field];
      if (got !== value) problems.push(`transaction ${field} ${JSON.stringify(r[field])}, sent ${JSON.stringify(value)}`);
    }
    if (sent.type === 2) problems.push(...missing('EIP-1559 transaction', r, ['maxFeePerGas', 'maxPriorityFeePerGas', 'accessList']));
  }
  return problems;
}

function checkReceipt(r: unknown, params: unknown[], ctx: AnswerContext): string[] {
  const hash = String(params[0]).toLowerCase();
  const sent = ctx.sent.get(hash);
  if (r === null) return ctx.mined.has(hash) ? [`null for ${hash}, whose receipt the node answered before`] : [];
  if (!isObject(r)) return [`receipt is not an object: ${JSON.stringify(r)}`];
  const problems = missing('receipt', r, RECEIPT_FIELDS);
  for (const f of ['transactionIndex', 'blockNumber', 'cumulativeGasUsed', 'gasUsed', 'effectiveGasPrice', 'type']) if (f in r) problems.push(...quantity(`receipt ${f}`, r[f]));
  problems.push(...matches('receipt blockHash', r.blockHash, HASH), ...matches('receipt logsBloom', r.logsBloom, /^0x[0-9a-f]{512}$/));
  if (r.status !== '0x0' && r.status !== '0x1') problems.push(`receipt status ${JSON.stringify(r.status)}`);
  if (!Array.isArray(r.logs)) problems.push('receipt logs is not an array');
  if (r.transactionHash !== hash) problems.push(`receipt of ${String(r.transactionHash)} answered for ${hash}`);
  if (typeof r.blockNumber === 'string' && QUANTITY.test(r.blockNumber) && BigInt(r.blockNumber) > ctx.headBefore + 1n) problems.push(`receipt in block ${r.blockNumber}, beyond the head`);
  if (sent) {
    if (String(r.from).toLowerCase() !== sent.from) problems.push(`receipt from ${String(r.from)}, sent from ${sent.from}`);
    if ((typeof r.to === 'string' ? r.to.toLowerCase() : r.to) !== sent.to) problems.push(`receipt to ${String(r.to)}, sent to ${String(sent.to)}`);
    if (sent.to === null ? !ADDRESS.test(String(r.contractAddress)) : r.contractAddress !== null) problems.push(`receipt contractAddress ${String(r.contractAddress)} for ${sent.to === null ? 'a deployment' : 'a call'}`);
  }
  return problems;
}
