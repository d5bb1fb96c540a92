// trace_call's `stateDiff` in OpenEthereum's shape (Parity's trace module, as Forest and reth answer
// it): per account whose state the call changed, its balance, nonce and code as "=" (unchanged),
// {"*": {from, to}} (changed), {"+": value} (an account born in the call) or {"-": value} (one that
// died), and the storage slots that changed, in the same forms. Accounts are those the call touched
// (prestate-tracer.ts), read before and after it as eth_getBalance & co. read them.

import type { Blockstore, CID } from '../ipld/index.ts';
import { toData, toQuantity } from '../eth/index.ts';
import { bytesToHex, hexToBytes } from '../primitives/index.ts';
import type { ActorRegistry } from '../vm/index.ts';
import { isEmptyAccount, isNonZero, readAccount, type Touched } from './prestate-tracer.ts';
import { StateReader } from './state-reader.ts';

type Diff = '=' | { '+': string } | { '-': string } | { '*': { from: string; to: string } };

export function parityStateDiff(touched: Touched, store: Blockstore, registry: ActorRegistry, before: CID, after: CID): Record<string, unknown> {
  const pre = new StateReader(store, before, registry);
  const post = new StateReader(store, after, registry);
  const out: Record<string, unknown> = {};
  for (const [key, slots] of touched) {
    const address = hexToBytes(key);
    const was = readAccount(pre, address, slots);
    const is = readAccount(post, address, slots);
    const born = isEmptyAccount(was) && !isEmptyAccount(is);
    const died = !isEmptyAccount(was) && isEmptyAccount(is);
    const diff = (from: string, to: string): Diff => (born ? { '+': to } : died ? { '-': from } : from === to ? '=' : { '*': { from, to } });
    const storage: Record<string, Diff> = {};
    for (const [slot, from] of was.storage) {
      const to = is.storage.get(slot)!;
      if (from === to || (born && !isNonZero(to)) || (died && !isNonZero(from))) continue;
      storage[slot] = diff(from, to);
    }
    const account = {
      balance: diff(toQuantity(was.balance), toQuantity(is.balance)),
      code: diff(toData(was.code), toData(is.code)),
      nonce: diff(toQuantity(was.nonce), toQuantity(is.nonce)),
      storage,
    };
    const changed = born || died || account.balance !== '=' || account.code !== '=' || account.nonce !== '=' || Object.keys(storage).length > 0;
    if (changed) out[bytesToHex(address)] = account;
  }
  return out;
}
