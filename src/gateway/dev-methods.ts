// Development methods (issue "Development-node methods"): what Hardhat and anvil
// users reach for to drive a local chain, with their names and semantics.
// - Accounts: eth_accounts (the development accounts), eth_sendTransaction and eth_signTransaction
//   (signed with their keys; nonce, gas and fees filled in: dev-transactions.ts).
// - Mining: evm_mine (optional timestamp), hardhat_mine/anvil_mine (count, interval), evm_setAutomine,
//   hardhat_getAutomine/anvil_getAutomine (Ignition waits for 5 confirmations unless it hears `true`),
//   evm_setIntervalMining.
// - Time: evm_increaseTime, evm_setNextBlockTimestamp, anvil_setTime.
// - State: hardhat_/anvil_ setBalance, setCode, setNonce, setStorageAt, setNextBlockBaseFeePerGas,
//   hardhat_setPrevRandao (state-edits.ts).
// - Info: hardhat_metadata, anvil_nodeInfo, answered truthfully with this client's name.
// - Snapshots: evm_snapshot, evm_revert (snapshots.ts).
// - hardhat_/anvil_ impersonateAccount, stopImpersonatingAccount, dropTransaction.
// - eth_sign, personal_sign, eth_signTypedData_v4 for the development accounts; hardhat_/anvil_reset.
// - State files: anvil_dumpState, anvil_loadState (state-files.ts).

import type { TypedDataDomain, TypedDataField, Wallet } from 'ethers';
import { randomBytes } from 'node:crypto';
import { toData, toQuantity } from '../eth/index.ts';
import { bytesEqual, bytesToHex, loadEthers } from '../primitives/index.ts';
import { signedMessageCid } from '../ipld/index.ts';
import { InvalidParamsError, RpcError, address, any, bool, callRequest, data, hash32, method, safeInteger, type CallRequest, type RpcMethod } from '../rpc/index.ts';
import type { ChainView } from './chain-view.ts';
import { gasPremiumEstimate } from './gas-price.ts';
import { sendTransaction, signTransaction } from './dev-transactions.ts';
import { stateEditMethods } from './state-edits.ts';
import { stateFileMethods } from './state-files.ts';
import { Snapshots, snapshotMethods } from './snapshots.ts';

export const CLIENT_NAME = 'fevm-devnet';
export const CLIENT_RELEASE = '0.1.0';

/** Most tipsets one hardhat_mine / anvil_mine seals. */
const MAX_MINED_TIPSETS = 10_000;

export function devMethods(view: ChainView): RpcMethod[] {
  const producer = view.node.producer;
  const snapshots = new Snapshots();
  const impersonated = new Set<string>();
  const impersonate = (on: boolean) => ([a]: unknown[]) => {
    const key = bytesToHex(a as Uint8Array);
    if (on) impersonated.add(key);
    else impersonated.delete(key);
    return true;
  };
  const drop = ([h]: unknown[]) => {
    const hash = h as Uint8Array;
    const found = view.node.mempool.pending().find((m) => bytesEqual(view.txHash(m, signedMessageCid(m)), hash));
    if (!found) return false;
    view.node.mempool.removeIncluded([found]);
    return true;
  };
  const automine = () => producer.miningMode.kind === 'automine';
  const instanceId = toData(randomBytes(32));
  const mine = async (count: number, interval: number) => {
    // Each tipset is sealed for real (Hardhat reserves empty blocks lazily): a count of 2^40 would hold the node for days.
    if (count > MAX_MINED_TIPSETS) throw new InvalidParamsError(`invalid count: at most ${MAX_MINED_TIPSETS} tipsets per call, got ${count}; move time with evm_increaseTime`);
    for (let i = 0; i < count; i++) {
      const timestamp = i === 0 ? undefined : view.head().timestamp + Math.max(1, interval);
      await producer.mine(timestamp);
    }
  };
  return [
    ...stateEditMethods(view),
    ...snapshotMethods(view, snapshots),
    ...stateFileMethods(view, snapshots),
    method('eth_accounts', [], () => view.node.devAccounts.eth.map((a) => bytesToHex(a.ethAddress))),
    method('eth_sign', [{ name: 'address', parse: address }, { name: 'message', parse: data }], ([a, m]) => devWallet(view, a as Uint8Array).signMessage(m as Uint8Array)),
    method('personal_sign', [{ name: 'message', parse: data }, { name: 'address', parse: address }], ([m, a]) => devWallet(view, a as Uint8Array).signMessage(m as Uint8Array)),
    method('eth_signTypedData_v4', [{ name: 'address', parse: address }, { name: 'typedData', parse: typedDataParam }], async ([a, typed]) => {
      const wallet = devWallet(view, a as Uint8Array);
      const { EIP712Domain: _, ...types } = typed.types;
      try {
        return await wallet.signTypedData(typed.domain, types, typed.message);
      } catch (error) {
        // ethers refuses types and values that do not fit EIP-712: the caller's input, not a bug.
        const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
        throw new InvalidParamsError(`invalid typedData: ${reason}`);
      }
    }),
    method('hardhat_reset', [{ name: 'options', parse: any, optional: true }], () => reset(view)),
    method('anvil_reset', [{ name: 'options', parse: any, optional: true }], () => reset(view)),
    method('eth_sendTransaction', [{ name: 'transaction', parse: callRequest }], async ([t]) => sendTransaction(view, t as CallRequest, impersonated)),
    method('eth_signTransaction', [{ name: 'transaction', parse: callRequest }], async ([t]) => signTransaction(view, t as CallRequest)),
    ...['hardhat', 'anvil'].flatMap((prefix) => [
      method(`${prefix}_impersonateAccount`, [{ name: 'address', parse: address }], impersonate(true)),
      method(`${prefix}_stopImpersonatingAccount`, [{ name: 'address', parse: address }], impersonate(false)),
      method(`${prefix}_dropTransaction`, [{ name: 'hash', parse: hash32 }], drop),
    ]),
    method('evm_mine', [{ name: 'timestamp', parse: safeInteger, optional: true }], async ([ts]) => {
      try {
        await producer.mine(ts);
      } catch (error) {
        // A timestamp not after the head's is the caller's mistake (Chain.seal refuses it), not a bug.
        if (error instanceof RangeError) throw new RpcError(-32000, error.message);
        throw error;
      }
      return '0x0';
    }),
    method('hardhat_mine', [{ name: 'count', parse: safeInteger, optional: true }, { name: 'interval', parse: safeInteger, optional: true }], async ([count, interval]) => {
      await mine(count ?? 1, interval ?? 1);
      return true;
    }),
    method('anvil_mine', [{ name: 'count', parse: safeInteger, optional: true }, { name: 'interval', parse: safeInteger, optional: true }], async ([count, interval]) => {
      await mine(count ?? 1, interval ?? 1);
      return null;
    }),
    method('evm_setAutomine', [{ name: 'enabled', parse: bool }], ([enabled]) => {
      producer.setMode(enabled ? { kind: 'automine' } : { kind: 'manual' });
      return true;
    }),
    method('hardhat_getAutomine', [], automine),
    method('anvil_getAutomine', [], automine),
    method('evm_setIntervalMining', [{ name: 'milliseconds', parse: any }], ([ms]) => {
      const interval = Number(ms);
      // Node's timers hold at most 2^31 - 1 ms (24.8 days); a longer one fires after 1 ms, a tipset every millisecond.
      if (!Number.isFinite(interval) || interval < 0 || interval > 2 ** 31 - 1) throw new RpcError(-32602, 'evm_setIntervalMining takes milliseconds, at most 2147483647 (0 turns interval mining off)');
      producer.setMode(interval > 0 ? { kind: 'interval', blockTime: interval / 1000 } : { kind: 'automine' });
      return true;
    }),
    method('evm_increaseTime', [{ name: 'seconds', parse: any }], ([seconds]) => {
      const s = Number(seconds);
      if (!Number.isSafeInteger(s) || s < 0) throw new RpcError(-32602, 'evm_increaseTime takes a whole number of seconds');
      return String(producer.increaseTime(s));
    }),
    method('evm_setNextBlockTimestamp', [{ name: 'timestamp', parse: safeInteger }], ([ts]) => {
      try {
        producer.setNextTimestamp(ts);
      } catch (error) {
        throw new RpcError(-32000, (error as Error).message);
      }
      return null;
    }),
    method('anvil_setTime', [{ name: 'timestamp', parse: safeInteger }], ([ts]) => {
      producer.setTime(ts);
      return String(producer.now());
    }),
    method('hardhat_metadata', [], () => {
      const head = view.head();
      return { clientVersion: `${CLIENT_NAME}/${CLIENT_RELEASE}`, chainId: view.chainId, instanceId, latestBlockNumber: head.height, latestBlockHash: toData(head.key.multihash.digest) };
    }),
    method('anvil_nodeInfo', [], () => {
      const head = view.head();
      return {
        currentBlockNumber: head.height,
        currentBlockTimestamp: head.timestamp,
        currentBlockHash: toData(head.key.multihash.digest),
        hardFork: 'cancun (FEVM, network version 28)',
        transactionOrder: 'fees',
        environment: { baseFee: head.nextBaseFee.toString(), chainId: view.chainId, gasLimit: '10000000000', gasPrice: (head.nextBaseFee + gasPremiumEstimate(view)).toString() },
        forkConfig: { forkUrl: null, forkBlockNumber: null, forkRetryBackoff: null },
        network: CLIENT_NAME,
      };
    }),
  ];
}

/** The wallet of a development account (eth_sign, personal_sign, eth_signTypedData_v4). */
interface TypedData {
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  message: Record<string, unknown>;
}

/** EIP-712 typed data, as an object or as its JSON text (MetaMask sends text). */
function typedDataParam(value: unknown, name: string): TypedData {
  let typed = value;
  if (typeof value === 'string') {
    try {
      typed = JSON.parse(value);
    } catch {
      throw new InvalidParamsError(`invalid ${name}: not JSON`);
    }
  }
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const t = typed as Partial<TypedData>;
  if (!isObject(typed) || !isObject(t.types) || !isObject(t.domain ?? {}) || !isObject(t.message)) {
    throw new InvalidParamsError(`invalid ${name}: expected EIP-712 typed data (an object with types, domain and message)`);
  }
  return { domain: t.domain ?? {}, types: t.types!, message: t.message! };
}

function devWallet(view: ChainView, address: Uint8Array): Wallet {
  const dev = view.node.devAccounts.eth.find((a) => bytesEqual(a.ethAddress, address));
  if (!dev) throw new RpcError(-32000, `unknown account ${bytesToHex(address)}: only the development accounts sign here (eth_accounts)`);
  return new (loadEthers().Wallet)(bytesToHex(dev.privateKey));
}

/** hardhat_reset / anvil_reset: back to the genesis tipset, with an empty mempool (no forking here). */
async function reset(view: ChainView): Promise<boolean> {
  await view.node.producer.idle();
  view.node.chain.store.resetHead(view.node.chain.store.atHeight(0)!);
  view.node.mempool.removeIncluded(view.node.mempool.pending());
  return true;
}

