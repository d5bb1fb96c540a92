// eth_call and eth_estimateGas (FEVM-FACTS §8.5): the call runs as a message on a throw-away copy of
// the state after the requested tipset, at the next epoch. Kinder than Lotus: an unknown sender is
// made an Ethereum account for the call, and the sender needs no funds (the call pays no fees; its
// value is lent to it). A revert becomes error 3 with the revert data and the decoded reason.

import type { Chain } from '../chain/chain.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { BLOCK_GAS_LIMIT } from '../chain/blocks/base-fee.ts';
import { decodeCbor } from '../ipld/index.ts';
import { decodeRevert } from '../eth/revert.ts';
import { ExitCode, bytesToHex } from '../primitives/index.ts';
import { ExecutionRevertedError, RpcError } from '../rpc/index.ts';
import { applyMessage } from '../vm/index.ts';
import type { CallOutcome, CallReport, CallSpec } from './call-types.ts';
import { prepareCall } from './call-message.ts';
import { cachedCall, callCacheKey, rememberCall } from './call-cache.ts';
import { createdContract } from './transactions.ts';

/** Lotus's GasLimitOverestimation. */
const OVERESTIMATION_NUM = 5n;
const OVERESTIMATION_DEN = 4n;

export type { CallOutcome, CallReport, CallSpec } from './call-types.ts';

/** Runs `spec` on a copy of the state after `at`. */
export async function runCall(chain: Chain, at: TipsetRecord, spec: CallSpec, gasLimit: number): Promise<CallOutcome> {
  const { reader, tree, message, context, size } = prepareCall(chain, at, spec, gasLimit);
  const result = await applyMessage(tree, chain.registry, context, message, { size });
  let returnData = result.receipt.returnData.length > 0 ? returnBytes(result.receipt.returnData) : new Uint8Array(0);
  const created = createdContract(message, result.receipt);
  if (created) returnData = reader.code(created);
  return { result, returnData };
}

function returnBytes(cbor: Uint8Array): Uint8Array {
  try {
    const decoded = decodeCbor(cbor);
    return decoded instanceof Uint8Array ? decoded : cbor;
  } catch {
    return cbor;
  }
}

/** The gas a call runs with: the request's, when it is given and under the block's 10 billion. */
function callGasLimit(spec: CallSpec): number {
  return spec.gas !== undefined && spec.gas > 0n && spec.gas < BigInt(BLOCK_GAS_LIMIT) ? Number(spec.gas) : BLOCK_GAS_LIMIT;
}

/** eth_call: the return data, or the error the failure is; the same call at the same head is answered from call-cache.ts. */
export async function ethCall(chain: Chain, at: TipsetRecord, spec: CallSpec, report?: CallReport): Promise<Uint8Array> {
  const gas = callGasLimit(spec);
  const key = callCacheKey(at, spec, spec.timestamp ?? at.timestamp + 1, gas);
  let outcome = cachedCall(chain, key);
  if (!outcome) {
    outcome = await runCall(chain, at, spec, gas);
    rememberCall(chain, key, outcome);
  }
  report?.seen(outcome);
  throwIfFailed(outcome, report);
  return outcome.returnData;
}

export function throwIfFailed(outcome: CallOutcome, report?: CallReport): void {
  const { receipt, failure } = outcome.result;
  if (receipt.exitCode === ExitCode.OK) return;
  const message = report?.failureMessage(outcome);
  if (receipt.exitCode === ExitCode.EVM_REVERTED) {
    throw new ExecutionRevertedError(message ?? decodeRevert(outcome.returnData).message, bytesToHex(outcome.returnData));
  }
  if (receipt.exitCode === ExitCode.SYS_OUT_OF_GAS) throw new RpcError(-32000, message ?? `out of gas: ${failure ?? 'the call needs more gas'}`);
  throw new RpcError(-32000, message ?? `message execution failed (exit=[${receipt.exitCode}]${failure ? `, ${failure}` : ''})`);
}

/**
 * eth_estimateGas: a gas limit with which the transaction succeeds. Lotus's 1.25 × gas used, then, when
 * that is not enough (a sub-call given 63/64 of too little), the least limit that works, by bisection.
 * The request's gas, when given, is the most it tries, as geth's upper bound (a loop given 100 million
 * gas fails at 100 million instead of running to the block's 10 billion).
 */
export async function estimateGas(chain: Chain, at: TipsetRecord, spec: CallSpec, report?: CallReport): Promise<bigint> {
  const cap = callGasLimit(spec);
  const full = await runCall(chain, at, spec, cap);
  report?.seen(full);
  throwIfFailed(full, report);
  const used = BigInt(full.result.receipt.gasUsed);
  let guess = (used * OVERESTIMATION_NUM + OVERESTIMATION_DEN - 1n) / OVERESTIMATION_DEN;
  if (guess > BigInt(cap)) guess = BigInt(cap);
  const works = async (limit: bigint) => (await runCall(chain, at, spec, Number(limit))).result.receipt.exitCode === ExitCode.OK;
  if (await works(guess)) return guess;
  let low = guess;
  let high = BigInt(cap);
  while (high - low > used / 100n + 1n) {
    const mid = (low + high) / 2n;
    if (await works(mid)) high = mid;
    else low = mid;
  }
  return high;
}
