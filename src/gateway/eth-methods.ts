// The eth_*, net_* and web3_* methods (FEVM-FACTS §10) as data: name, parameters, handler, over a
// ChainView. Kinder than Lotus where clients expect it: trailing block parameters are optional
// (`latest`), eth_call and eth_estimateGas accept an unknown or unfunded sender.

import { ethTransactionJson, toData, toQuantity } from '../eth/index.ts';
import { blockJson } from './blocks.ts';
import { ethTransactionToSignedMessage } from '../vm/index.ts';
import { SignatureType, bytesEqual, ethAddressToFilecoinAddress, keccak256, type EthAddress } from '../primitives/index.ts';
import { RpcError, address, blockRef, bool, callRequest, data, hash32, logFilter, method, quantity, type BlockRef, type CallRequest, type LogFilter, type RpcMethod } from '../rpc/index.ts';
import { estimateGas, ethCall } from './call.ts';
import type { ChainView } from './chain-view.ts';
import { StateReader } from './state-reader.ts';
import { ethTransaction, locate, receiptJson, transactionJson } from './transactions.ts';
import { queryLogs } from './logs.ts';
import { gasPremiumEstimate } from './gas-price.ts';
import { filterMethods } from './filter-methods.ts';
import { traceMethods } from './trace-methods.ts';
import { debugMethods } from './debug-methods.ts';
import { filecoinMethods } from './filecoin-methods.ts';
import { CLIENT_NAME, CLIENT_RELEASE, devMethods } from './dev-methods.ts';
import { abiMethods } from './abi-methods.ts';
import { callReport, type DebugOutput } from './execution-report.ts';
import { AbiRegistry } from '../eth/abi-registry.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { cappedCallGas, gatewayLimits, type GatewayLimits } from './limits.ts';

export const CLIENT_VERSION = `${CLIENT_NAME}/${CLIENT_RELEASE}`;
/** Network version 28 (FireHorse), as eth_protocolVersion answers. */
const PROTOCOL_VERSION = 28;

const optionalBlock = { name: 'block', parse: blockRef, optional: true } as const;

function reader(view: ChainView, ref: BlockRef | undefined): StateReader {
  return new StateReader(view.store, view.stateAt(ref).stateRoot, view.node.chain.registry);
}

/** A call's spec; at the head it runs at the time the next tipset gets (evm_increaseTime, evm_setNextBlockTimestamp). */
function callSpec(view: ChainView, request: CallRequest, at: TipsetRecord, gas: bigint | undefined) {
  const timestamp = at.height === view.head().height ? view.node.producer.pendingTimestamp() : undefined;
  return { from: request.from, to: request.to, value: request.value, data: request.data, gas, timestamp };
}

/** A transaction still in the mempool, without block fields (as Lotus answers Ethereum transactions). */
function pendingTransaction(view: ChainView, hash: Uint8Array): unknown {
  for (const signed of view.node.mempool.pending()) {
    if (signed.signature.type !== SignatureType.DELEGATED) continue;
    const tx = ethTransaction(view, signed);
    if (bytesEqual(tx.hash, hash)) return ethTransactionJson(tx, null);
  }
  return null;
}

function transactionAt(view: ChainView, record: TipsetRecord | undefined, index: bigint): unknown {
  if (!record) return null;
  if (index >= BigInt(record.messages.length)) throw new RpcError(-32000, `index ${index} out of range: the block has ${record.messages.length} transactions`);
  const cid = record.messages[Number(index)]!;
  return transactionJson(view, { record, index: Number(index), cid, signed: view.message(cid) });
}

export interface MethodOptions {
  /** The development methods (evm_*, hardhat_*, anvil_*, eth_sendTransaction…); off for a shared devnet. */
  devMethods?: boolean;
  /** The ABIs that name contracts and errors, and the node's log for calls' console.log and failures. */
  debug?: DebugOutput;
  /** Filters, logs, subscriptions and call gas at most (limits.ts; defaults where unset). */
  limits?: Partial<GatewayLimits>;
}

export function ethMethods(view: ChainView, options: MethodOptions = {}): RpcMethod[] {
  const debug = options.debug ?? { abis: new AbiRegistry() };
  const limits = gatewayLimits(options.limits);
  return [
    method('eth_chainId', [], () => toQuantity(view.chainId)),
    method('net_version', [], () => String(view.chainId)),
    method('net_listening', [], () => true),
    method('web3_clientVersion', [], () => CLIENT_VERSION),
    method('web3_sha3', [{ name: 'data', parse: data }], ([d]) => toData(keccak256(d as Uint8Array))),
    method('eth_protocolVersion', [], () => toQuantity(PROTOCOL_VERSION)),
    method('eth_syncing', [], () => false),
    method('eth_blockNumber', [], () => toQuantity(view.head().height)),
    method('eth_getBalance', [{ name: 'address', parse: address }, optionalBlock], ([a, b]) => toQuantity(reader(view, b as BlockRef | undefined).balance(a as EthAddress))),
    method('eth_getTransactionCount', [{ name: 'address', parse: address }, optionalBlock], ([a, b]) => {
      const ref = b as BlockRef | undefined;
      if (ref?.kind === 'tag' && ref.tag === 'pending') {
        const lookup = view.node.producer.senderLookup();
        return toQuantity(view.node.mempool.pendingNonce(ethAddressToFilecoinAddress(a as EthAddress), lookup));
      }
      return toQuantity(reader(view, ref).nonce(a as EthAddress));
    }),
    method('eth_getCode', [{ name: 'address', parse: address }, optionalBlock], ([a, b]) => toData(reader(view, b as BlockRef | undefined).code(a as EthAddress))),
    method('eth_getStorageAt', [{ name: 'address', parse: address }, { name: 'slot', parse: quantity }, optionalBlock], ([a, s, b]) => {
      const value = reader(view, b as BlockRef | undefined).storage(a as EthAddress, s as bigint);
      return `0x${value.toString(16).padStart(64, '0')}`;
    }),
    method('eth_call', [{ name: 'transaction', parse: callRequest }, optionalBlock], async ([t, b]) => {
      const at = view.stateAt(b as BlockRef | undefined);
      const spec = callSpec(view, t as CallRequest, at, cappedCallGas(t as CallRequest, limits.callGasCap, 'eth_call'));
      return toData(await ethCall(view.node.chain, at, spec, callReport(view, debug, 'eth_call', at, spec)));
    }),
    method('eth_estimateGas', [{ name: 'transaction', parse: callRequest }, optionalBlock], async ([t, b]) => {
      const at = view.stateAt(b as BlockRef | undefined);
      const spec = callSpec(view, t as CallRequest, at, cappedCallGas(t as CallRequest, limits.callGasCap, 'eth_estimateGas'));
      return toQuantity(await estimateGas(view.node.chain, at, spec, callReport(view, debug, 'eth_estimateGas', at, spec)));
    }),
    method('eth_gasPrice', [], () => toQuantity(view.head().nextBaseFee + gasPremiumEstimate(view))),
    method('eth_maxPriorityFeePerGas', [], () => toQuantity(gasPremiumEstimate(view))),
    method('eth_baseFee', [], () => toQuantity(view.head().nextBaseFee)),
    method('eth_sendRawTransaction', [{ name: 'transaction', parse: data }], async ([raw]) => {
      const parsed = ethTransactionToSignedMessage(raw as Uint8Array, view.chainId);
      view.node.submit(parsed.signed, parsed.txHash);
      await view.node.producer.automined();
      return toData(parsed.txHash);
    }),
    method('eth_getTransactionByHash', [{ name: 'hash', parse: hash32 }], ([h]) => {
      const cid = view.messageCid(h as Uint8Array);
      const at = cid && locate(view, cid);
      if (at) return transactionJson(view, at);
      return pendingTransaction(view, h as Uint8Array);
    }),
    method('eth_getTransactionReceipt', [{ name: 'hash', parse: hash32 }], ([h]) => {
      const cid = view.messageCid(h as Uint8Array);
      const at = cid && locate(view, cid);
      return at ? receiptJson(view, at) : null;
    }),
    method('eth_getBlockByNumber', [{ name: 'block', parse: blockRef }, { name: 'full', parse: bool, optional: true }], ([b, f]) => {
      const record = view.blockAt(b as BlockRef);
      return record ? blockJson(view, record, f === true) : null;
    }),
    method('eth_getBlockByHash', [{ name: 'hash', parse: hash32 }, { name: 'full', parse: bool, optional: true }], ([h, f]) => {
      const record = view.node.chain.store.byEthHash(h as Uint8Array);
      return record ? blockJson(view, record, f === true) : null;
    }),
    method('eth_getBlockReceipts', [{ name: 'block', parse: blockRef }], ([b]) => {
      const record = view.blockAt(b as BlockRef);
      if (!record) return null;
      return record.messages.map((cid, index) => receiptJson(view, { record, index, cid, signed: view.message(cid) }));
    }),
    method('eth_getBlockTransactionCountByNumber', [{ name: 'block', parse: blockRef }], ([b]) => {
      const record = view.blockAt(b as BlockRef);
      return record ? toQuantity(record.messages.length) : null;
    }),
    method('eth_getLogs', [{ name: 'filter', parse: logFilter }], ([f]) => queryLogs(view, f as LogFilter, limits)),
    method('eth_getBlockTransactionCountByHash', [{ name: 'hash', parse: hash32 }], ([h]) => {
      const record = view.node.chain.store.byEthHash(h as Uint8Array);
      return record ? toQuantity(record.messages.length) : null;
    }),
    method('eth_getTransactionByBlockNumberAndIndex', [{ name: 'block', parse: blockRef }, { name: 'index', parse: quantity }], ([b, i]) => transactionAt(view, view.blockAt(b as BlockRef), i as bigint)),
    method('eth_getTransactionByBlockHashAndIndex', [{ name: 'hash', parse: hash32 }, { name: 'index', parse: quantity }], ([h, i]) => transactionAt(view, view.node.chain.store.byEthHash(h as Uint8Array), i as bigint)),
    ...filterMethods(view, limits),
    ...traceMethods(view),
    ...debugMethods(view),
    ...filecoinMethods(view, view.node.networkName),
    ...(options.devMethods === false ? [method('eth_accounts', [], () => [])] : [...devMethods(view), ...abiMethods(debug.abis)]),
  ];
}
