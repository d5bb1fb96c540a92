// What every workload of the peer benchmark starts from on one node: the client, the chain id and fees
// the node answers, the deployer (development account 0 of the test mnemonic, funded on all three
// nodes), a deployed benchmark ERC-20 and one gas limit per kind of transaction, estimated once with
// eth_estimateGas and reused (fevm-devnet charges Filecoin gas, millions per call).

import { HDNodeWallet, Wallet, toBeHex } from 'ethers';
import { bytesToHex } from '../../src/primitives/index.ts';
import { erc20Initcode, recipient, transferCalldata } from '../erc20.ts';
import { createRpcClient, waitForReceipt, type RpcClient } from './rpc-client.ts';
import { signNext, type Fees, type Sender } from './signer.ts';

const MNEMONIC = 'test test test test test test test test test test test junk';
/**
 * Margin over eth_estimateGas, in tenths. FEVM gas grows with the contract's storage: a transfer that
 * costs 11.9 M on a fresh token costs 22.7 M after 300 transfers (the storage HAMT deepens), so one
 * estimate per kind needs room; anvil and Hardhat only refund the unused part.
 */
const GAS_MARGIN = 30n;

export interface BenchContext {
  client: RpcClient;
  chainId: bigint;
  fees: Fees;
  deployer: Sender;
  token: string;
  gas: Map<string, bigint>;
  /** Transfers sent to this node so far (for the memory and disk figures). */
  transfers: number;
  /** Next unused recipient index, so every transfer pays a fresh address. */
  nextRecipient: number;
}

export const hex = (n: bigint | number) => toBeHex(n);

/** eth_estimateGas for `kind` once per node, times GAS_MARGIN, then from the cache. */
export async function gasFor(ctx: BenchContext, kind: string, tx: { from: string; to?: string | null; data?: string; value?: bigint }): Promise<bigint> {
  const known = ctx.gas.get(kind);
  if (known !== undefined) return known;
  const call = { from: tx.from, ...(tx.to ? { to: tx.to } : {}), data: tx.data ?? '0x', ...(tx.value ? { value: hex(tx.value) } : {}) };
  const estimate = BigInt(await ctx.client.call<string>('eth_estimateGas', [call]));
  const limit = (estimate * GAS_MARGIN) / 10n;
  ctx.gas.set(kind, limit);
  return limit;
}

/** Calldata of a token transfer of 1 unit to the next fresh recipient. */
export function nextTransferData(ctx: BenchContext): string {
  return bytesToHex(transferCalldata(recipient(ctx.nextRecipient++), 1n));
}

export async function deployErc20(ctx: BenchContext, supply: bigint): Promise<string> {
  const data = bytesToHex(erc20Initcode(supply));
  const gasLimit = await gasFor(ctx, 'deploy-erc20', { from: ctx.deployer.address, data });
  const { hash, raw } = signNext(ctx.deployer, ctx.chainId, ctx.fees, { to: null, data, gasLimit });
  await ctx.client.call('eth_sendRawTransaction', [raw]);
  const receipt = await waitForReceipt(ctx.client, hash);
  if (receipt.status !== '0x1' || !receipt.contractAddress) throw new Error(`ERC-20 deploy failed: ${JSON.stringify(receipt)}`);
  return receipt.contractAddress;
}

export async function createBenchContext(url: string): Promise<BenchContext> {
  const client = createRpcClient(url);
  const chainId = BigInt(await client.call<string>('eth_chainId'));
  const block = await client.call<{ baseFeePerGas: string }>('eth_getBlockByNumber', ['latest', false]);
  const priority = BigInt(await client.call<string>('eth_maxPriorityFeePerGas'));
  // Four times the base fee leaves room for it to rise over the run; all three nodes refund the unused part.
  const fees = { maxPriorityFeePerGas: priority, maxFeePerGas: BigInt(block.baseFeePerGas) * 4n + priority };
  const key = HDNodeWallet.fromPhrase(MNEMONIC, undefined, "m/44'/60'/0'/0/0").privateKey;
  const wallet = new Wallet(key);
  const nonce = Number(await client.call<string>('eth_getTransactionCount', [wallet.address, 'pending']));
  const ctx: BenchContext = { client, chainId, fees, deployer: { wallet, address: wallet.address, nonce }, token: '', gas: new Map(), transfers: 0, nextRecipient: 0 };
  ctx.token = await deployErc20(ctx, 10n ** 30n);
  return ctx;
}
