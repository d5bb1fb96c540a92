// Runs one Ethereum state test black-box over JSON-RPC, as a Hardhat or anvil user could: the `pre`
// accounts written with the development methods (hardhat_setCode, _setNonce, _setStorageAt,
// _setBalance; an account with code or storage becomes a contract, as in the in-process runner), the
// block's base fee, time and PREVRANDAO set with hardhat_setNextBlockBaseFeePerGas,
// evm_setNextBlockTimestamp and hardhat_setPrevRandao,
// the transaction signed for the node's chain id and sent with eth_sendRawTransaction, one tipset mined,
// and the post state read back with eth_getTransactionCount, eth_getCode, eth_getStorageAt and the
// receipt's logs. It never reaches into the node; judging is state-test-judge.ts, comparing
// post-state-check.ts.
//
// What JSON-RPC cannot list: a contract's storage slots and the contracts created inside the call tree
// (the receipt names only the transaction's own creation). So the caller says where to look besides the
// slots `pre` and `expect` name and the receipt's contract address (`lookAt`: the suite passes what the
// in-process run of the same case left, contracts and non-zero slots); the values compared are the ones
// JSON-RPC answers. A write that neither names nor the in-process run shows goes unseen.
//
// Adapted as a client on FEVM must adapt (each counted by the caller): the gas limit is Filecoin gas
// (resign-transaction.ts), and a fee cap below Lotus's minimum (100 attoFIL, which the mempool
// refuses) is raised to it; the sender is funded for the difference as in the in-process runner.
// A pre-state the development methods refuse (an address no actor can have) makes the case
// `not-expressible`, with the node's answer as the reason.

import { bytesToHex, hexToBytes } from '../../src/primitives/index.ts';
import { logsHashOf, postStateDifferences, type AccountView } from './post-state-check.ts';
import type { JudgedOutcome } from './state-test-judge.ts';
import { filecoinGasLimit, resignTransaction } from './resign-transaction.ts';
import { RpcCallError, type RpcRecorder } from './rpc-recorder.ts';
import type { StateTestCase, StateTestTx } from './state-test-case.ts';
import { fundingForFilecoinGas } from './state-test-runner.ts';

/** Lotus's MinimumBaseFee, the lowest fee cap its mempool takes (src/chain/mempool/check-message.ts). */
export const MIN_FEE_CAP = 100n;

export type RpcStateTestOutcome =
  | JudgedOutcome
  /** The development methods refused the pre-state: the case cannot be set up over JSON-RPC. */
  | { stage: 'not-expressible'; reason: string };

export interface RpcStateTestRun {
  outcome: RpcStateTestOutcome;
  /** The transaction's fee cap was raised to MIN_FEE_CAP. */
  feeCapRaised: boolean;
}

interface RpcLog {
  address: string;
  topics: string[];
  data: string;
}

interface RpcReceipt {
  status: string;
  contractAddress: string | null;
  logs: RpcLog[];
}

/** The test's transaction with a fee cap (and, for type 2, priority fee cap) of at least MIN_FEE_CAP. */
function withMinimumFeeCap(tx: StateTestTx): StateTestTx {
  const raise = (fee: string | undefined) => (fee === undefined || BigInt(fee) >= MIN_FEE_CAP ? fee : `0x${MIN_FEE_CAP.toString(16)}`);
  return tx.maxFeePerGas === undefined ? { ...tx, gasPrice: raise(tx.gasPrice) } : { ...tx, maxFeePerGas: raise(tx.maxFeePerGas) };
}

const quantity = (n: bigint) => `0x${n.toString(16)}`;
const word = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}`;

/**
 * Runs `testCase` on the devnet behind `rpc`, which must mine only on request (evm_setAutomine false)
 * and hold nothing the case does not put there (the caller reverts to a clean snapshot between cases).
 */
export async function runStateTestOverRpc(rpc: RpcRecorder, testCase: StateTestCase, chainId: number, lookAt: ReadonlyMap<string, readonly bigint[]> = new Map()): Promise<RpcStateTestRun> {
  const tx = withMinimumFeeCap(testCase.tx);
  const feeCapRaised = tx.gasPrice !== testCase.tx.gasPrice || tx.maxFeePerGas !== testCase.tx.maxFeePerGas;
  const signed = resignTransaction(tx, testCase.txbytes, chainId, filecoinGasLimit);
  const sender = testCase.tx.sender.toLowerCase();
  try {
    for (const [address, account] of Object.entries(testCase.pre)) {
      let balance = BigInt(account.balance);
      if (address.toLowerCase() === sender) balance += fundingForFilecoinGas(testCase, signed, balance);
      const storage = Object.entries(account.storage).filter(([, v]) => BigInt(v) !== 0n);
      if (hexToBytes(account.code).length > 0 || storage.length > 0) {
        await rpc.call('hardhat_setCode', [address, account.code]);
        for (const [slot, value] of storage) await rpc.call('hardhat_setStorageAt', [address, slot, word(BigInt(value))]);
      }
      await rpc.call('hardhat_setNonce', [address, quantity(BigInt(account.nonce))]);
      await rpc.call('hardhat_setBalance', [address, quantity(balance)]);
    }
  } catch (error) {
    if (error instanceof RpcCallError) return { outcome: { stage: 'not-expressible', reason: error.message }, feeCapRaised };
    throw error;
  }
  await rpc.call('hardhat_setNextBlockBaseFeePerGas', [testCase.env.currentBaseFee]);
  await rpc.call('evm_setNextBlockTimestamp', [testCase.env.currentTimestamp]);
  await rpc.call('hardhat_setPrevRandao', [testCase.env.currentRandom]);
  let hash: string;
  try {
    hash = await rpc.call<string>('eth_sendRawTransaction', [bytesToHex(signed.raw)]);
  } catch (error) {
    if (error instanceof RpcCallError) return { outcome: { stage: 'convert', reason: `eth_sendRawTransaction: ${error.message}` }, feeCapRaised };
    throw error;
  }
  await rpc.call('evm_mine');
  const receipt = await rpc.call<RpcReceipt | null>('eth_getTransactionReceipt', [hash]);
  if (!receipt) return { outcome: { stage: 'prevalidation', reason: 'accepted into the mempool but not included in the mined tipset (refused before execution)' }, feeCapRaised };
  const extra = new Map(lookAt);
  if (receipt.contractAddress) extra.set(receipt.contractAddress, extra.get(receipt.contractAddress) ?? []);
  const views = await readAccounts(rpc, testCase, extra);
  const logs = receipt.logs.map((l) => ({ address: hexToBytes(l.address), topics: l.topics.map(hexToBytes), data: hexToBytes(l.data) }));
  const contracts = [...extra.keys()].filter((a) => !views.get(a)!.dead);
  const differences = postStateDifferences(testCase, (address) => views.get(address)!, contracts, { hash: bytesToHex(logsHashOf(logs)), count: logs.length });
  return { outcome: { stage: 'applied', status: receipt.status, differences }, feeCapRaised };
}

/** Each account the check reads, as JSON-RPC shows it at the new head: nonce, code, the named slots and `extra`'s. */
async function readAccounts(rpc: RpcRecorder, testCase: StateTestCase, extra: ReadonlyMap<string, readonly bigint[]>): Promise<Map<string, AccountView>> {
  const { pre, expect } = testCase;
  const addresses = new Set([...Object.keys(expect.postState), ...Object.keys(pre), ...extra.keys()]);
  const views = new Map<string, AccountView>();
  for (const address of addresses) {
    const named = [...Object.keys(pre[address]?.storage ?? {}), ...Object.keys(expect.postState[address]?.storage ?? {})].map((s) => BigInt(s));
    const slots = new Set([...named, ...(extra.get(address) ?? [])]);
    const nonce = BigInt(await rpc.call<string>('eth_getTransactionCount', [address, 'latest']));
    const code = hexToBytes(await rpc.call<string>('eth_getCode', [address, 'latest']));
    const storage = new Map<bigint, bigint>();
    for (const slot of slots) {
      const value = BigInt(await rpc.call<string>('eth_getStorageAt', [address, quantity(slot), 'latest']));
      if (value !== 0n) storage.set(slot, value);
    }
    // JSON-RPC shows no account where there is neither code nor a nonce.
    views.set(address, { kind: code.length > 0 ? 'contract' : 'no code', nonce, code, storage, dead: code.length === 0 && nonce === 0n });
  }
  return views;
}
