// eth_sendTransaction and eth_signTransaction, as Hardhat's and anvil's nodes serve them: a development
// account (eth_accounts) signs an EIP-1559 transaction with what the request leaves out filled in:
// the pending nonce, eth_estimateGas's gas, the fees eth_maxPriorityFeePerGas and eth_gasPrice would
// suggest. eth_sendTransaction submits it (an impersonated account's too); eth_signTransaction answers
// the signed raw transaction for eth_sendRawTransaction, and only for the development accounts, whose
// keys the node holds.

import { toData } from '../eth/index.ts';
import { bytesEqual, bytesToHex, ethAddressToFilecoinAddress, hexToBytes, loadEthers } from '../primitives/index.ts';
import { RpcError, type CallRequest } from '../rpc/index.ts';
import { ethTransactionToSignedMessage } from '../vm/index.ts';
import { estimateGas } from './call.ts';
import type { ChainView } from './chain-view.ts';
import { gasPremiumEstimate } from './gas-price.ts';

/** A key that signs for an impersonated account: its transactions carry this signature, not the account's. */
const IMPERSONATION_KEY = `0x${'11'.repeat(32)}`;

/**
 * eth_sendTransaction: an impersonated account's transaction is signed by a stand-in key and sent as
 * from the account (the devnet does not check the signature of what it puts in its own mempool).
 */
export async function sendTransaction(view: ChainView, request: CallRequest, impersonated: Set<string>): Promise<string> {
  const from = senderOf(request, 'eth_sendTransaction');
  const dev = devAccount(view, from);
  const stands = !dev && impersonated.has(bytesToHex(from));
  if (!dev && !stands) throw new RpcError(-32000, `unknown account ${bytesToHex(from)}: eth_sendTransaction signs for the development accounts (eth_accounts) and impersonated ones only`);
  const raw = await signFilledIn(view, request, from, dev ? bytesToHex(dev.privateKey) : IMPERSONATION_KEY);
  const { signed, txHash } = ethTransactionToSignedMessage(hexToBytes(raw), view.chainId);
  view.node.submit(stands ? { ...signed, message: { ...signed.message, from: ethAddressToFilecoinAddress(from) } } : signed, txHash);
  await view.node.producer.automined();
  return toData(txHash);
}

/** eth_signTransaction: the raw transaction, signed, not sent. */
export async function signTransaction(view: ChainView, request: CallRequest): Promise<string> {
  const from = senderOf(request, 'eth_signTransaction');
  const dev = devAccount(view, from);
  if (!dev) throw new RpcError(-32000, `unknown account ${bytesToHex(from)}: eth_signTransaction signs for the development accounts (eth_accounts) only`);
  return signFilledIn(view, request, from, bytesToHex(dev.privateKey));
}

function senderOf(request: CallRequest, name: string): Uint8Array {
  if (!request.from) throw new RpcError(-32602, `${name} needs a \`from\``);
  return request.from;
}

function devAccount(view: ChainView, from: Uint8Array) {
  return view.node.devAccounts.eth.find((a) => bytesEqual(a.ethAddress, from));
}

async function signFilledIn(view: ChainView, request: CallRequest, from: Uint8Array, key: string): Promise<string> {
  const head = view.head();
  const lookup = view.node.producer.senderLookup();
  const nonce = request.nonce ?? view.node.mempool.pendingNonce(ethAddressToFilecoinAddress(from), lookup);
  const gas = request.gas ?? (await estimateGas(view.node.chain, head, { from, to: request.to, value: request.value, data: request.data, timestamp: view.node.producer.pendingTimestamp() }));
  const priority = request.maxPriorityFeePerGas ?? gasPremiumEstimate(view);
  const maxFee = request.maxFeePerGas ?? request.gasPrice ?? head.nextBaseFee * 2n + priority;
  return new (loadEthers().Wallet)(key).signTransaction({
    type: 2,
    chainId: view.chainId,
    nonce: Number(nonce),
    to: request.to ? bytesToHex(request.to) : null,
    value: request.value ?? 0n,
    data: request.data ? bytesToHex(request.data) : '0x',
    gasLimit: gas,
    maxFeePerGas: maxFee,
    maxPriorityFeePerGas: priority < maxFee ? priority : maxFee,
  });
}
