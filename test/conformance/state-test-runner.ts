// Runs one Ethereum state test on the devnet's VM: a fresh genesis, the test's `pre` accounts installed
// (accounts with code or storage as EVM actors, since only a contract holds storage on FEVM; the rest as
// EthAccounts), an execution context from its `env`, its
// transaction signed again for this chain with a Filecoin gas limit (resign-transaction.ts), turned into
// a Filecoin message by the node's own parser, applied with the executor, and the result compared with
// `expect` (post-state-check.ts). Nothing here interprets EVM code: a difference is the node's.
//
// Funding: the sender pays Filecoin gas up front (fee cap × Filecoin gas limit), far more than Ethereum's
// (gas price × Ethereum gas). A sender that can pay Ethereum's up-front cost gets that difference on
// top of its balance, so that it holds for value and execution what it would hold on Ethereum. A sender
// Ethereum would refuse for lack of funds gets nothing extra and meets the executor's own funds check.

import { createBuiltinRegistry } from '../../src/actors/index.ts';
import { buildGenesisState } from '../../src/chain/genesis-state.ts';
import { installContract, installEthAccount } from '../../src/chain/state-edit.ts';
import { MemoryBlockstore, encodeSignedMessage } from '../../src/ipld/index.ts';
import { hexToBytes, type SignedMessage } from '../../src/primitives/index.ts';
import { StateTree } from '../../src/state/index.ts';
import { NETWORK_VERSION, SignatureError, applyMessage, ethTransactionToSignedMessage, type ActorRegistry, type ApplyResult, type EvmGasModel, type ExecutionContext } from '../../src/vm/index.ts';
import { checkPostState, contractSlots } from './post-state-check.ts';
import { ethereumModelGasLimit, filecoinGasLimit, resignTransaction, type ResignedTransaction } from './resign-transaction.ts';
import type { StateTestCase, StateTestEnv } from './state-test-case.ts';

export const CHAIN_ID = 31415926;

export type StateTestOutcome =
  /** The node refused the signed transaction (ethTransactionToSignedMessage threw). */
  | { stage: 'convert'; reason: string }
  /** The executor refused the message before running it (no receipt, no nonce change). */
  | { stage: 'prevalidation'; exitCode: number; reason: string }
  /**
   * The message ran; `differences` lists every way the state differs from the expectation; `contracts`
   * every contract (f410 address) of the post state with its non-zero storage slots.
   */
  | { stage: 'applied'; exitCode: number; failure: string | null; result: ApplyResult; differences: string[]; contracts: Map<string, bigint[]> }
  /** Something threw that should have been a receipt (a fatal error in the VM or an actor). */
  | { stage: 'crashed'; reason: string };

interface PreState {
  tree: StateTree;
  registry: ActorRegistry;
  minerId: bigint;
}

function buildPreState(testCase: StateTestCase, signed: ResignedTransaction): PreState {
  const store = new MemoryBlockstore();
  const genesis = buildGenesisState(store, { networkName: 'state-tests', accounts: [] });
  const tree = StateTree.load(store, genesis.stateRoot);
  const registry = createBuiltinRegistry();
  const sender = testCase.tx.sender.toLowerCase();
  for (const [address, account] of Object.entries(testCase.pre)) {
    const eth = hexToBytes(address);
    let balance = BigInt(account.balance);
    const nonce = BigInt(account.nonce);
    if (address.toLowerCase() === sender) balance += fundingForFilecoinGas(testCase, signed, balance);
    const code = hexToBytes(account.code);
    const storage = new Map(Object.entries(account.storage).map(([slot, value]) => [BigInt(slot), BigInt(value)] as const));
    if (code.length > 0 || storage.size > 0) {
      installContract(tree, registry, eth, { code, storage, nonce, balance });
    } else {
      installEthAccount(tree, registry, eth, { balance, nonce });
    }
  }
  tree.flush();
  return { tree, registry, minerId: genesis.minerId };
}

/**
 * Filecoin up-front gas (`filecoin`: the signed transaction's gas limit and fee cap) minus Ethereum's,
 * for a sender that can pay Ethereum's up-front cost (see top).
 */
export function fundingForFilecoinGas(testCase: StateTestCase, filecoin: Pick<ResignedTransaction, 'gasLimit' | 'feeCap'>, balance: bigint): bigint {
  const { tx, env } = testCase;
  const ethGas = BigInt(tx.gasLimit);
  const value = BigInt(tx.value);
  const ethFeeCap = BigInt(tx.maxFeePerGas ?? tx.gasPrice!);
  if (balance < ethGas * ethFeeCap + value) return 0n;
  const baseFee = BigInt(env.currentBaseFee);
  const effectivePrice = tx.maxFeePerGas === undefined ? ethFeeCap : min(ethFeeCap, baseFee + BigInt(tx.maxPriorityFeePerGas!));
  const extra = filecoin.gasLimit * filecoin.feeCap - ethGas * effectivePrice;
  return extra > 0n ? extra : 0n;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Ethereum's intrinsic gas of the test's transaction (Shanghai rules, no access list): what its first frame does not get. */
function intrinsicGas(testCase: StateTestCase): bigint {
  const data = hexToBytes(testCase.tx.data);
  let gas = 21_000n;
  for (const byte of data) gas += byte === 0 ? 4n : 16n;
  if (testCase.tx.to === '') gas += 32_000n + 2n * BigInt(Math.ceil(data.length / 32));
  return gas;
}

/** The tipset a state test's block stands for: its number, time, base fee and PREVRANDAO. */
export function contextFromEnv(env: StateTestEnv, minerId: bigint, evmGasModel: EvmGasModel = 'filecoin', evmGasLimit?: bigint): ExecutionContext {
  const random = hexToBytes(env.currentRandom);
  return {
    epoch: Number(BigInt(env.currentNumber)),
    timestamp: Number(BigInt(env.currentTimestamp)),
    baseFee: BigInt(env.currentBaseFee),
    chainId: CHAIN_ID,
    networkVersion: NETWORK_VERSION,
    miner: minerId,
    beaconRandomness: () => random,
    tipsetCid: () => undefined,
    evmGasModel,
    evmGasLimit,
  };
}

/** Runs one case; `evmGasModel` 'ethereum' gives the interpreter Ethereum's gas numbers (for attribution). */
export async function runStateTest(testCase: StateTestCase, evmGasModel: EvmGasModel = 'filecoin'): Promise<StateTestOutcome> {
  try {
    return await run(testCase, evmGasModel);
  } catch (error) {
    return { stage: 'crashed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

async function run(testCase: StateTestCase, evmGasModel: EvmGasModel): Promise<StateTestOutcome> {
  const signed = resignTransaction(testCase.tx, testCase.txbytes, CHAIN_ID, evmGasModel === 'ethereum' ? ethereumModelGasLimit : filecoinGasLimit);
  if (signed.from !== testCase.tx.sender.toLowerCase()) throw new Error(`${testCase.id}: the secret key signs as ${signed.from}, not ${testCase.tx.sender}`);
  let message: SignedMessage;
  try {
    message = ethTransactionToSignedMessage(signed.raw, CHAIN_ID).signed;
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    return { stage: 'convert', reason: error.message };
  }
  const { tree, registry, minerId } = buildPreState(testCase, signed);
  const context = contextFromEnv(testCase.env, minerId, evmGasModel, evmGasModel === 'ethereum' ? BigInt(testCase.tx.gasLimit) - intrinsicGas(testCase) : undefined);
  const result = await applyMessage(tree, registry, context, message.message, { size: encodeSignedMessage(message).length });
  if (result.gasOutputs === null) return { stage: 'prevalidation', exitCode: result.receipt.exitCode, reason: result.failure ?? '' };
  tree.flush();
  const contracts = contractSlots(tree, registry);
  const differences = checkPostState(tree, registry, testCase, result.events, contracts);
  return { stage: 'applied', exitCode: result.receipt.exitCode, failure: result.failure, result, differences, contracts };
}
