// eth_call's answers, remembered per chain: a call's outcome is a function of the tipset it runs after
// (its key names the whole history; its state root too, since hardhat_setCode and friends edit the head's
// state in place under the same key), the block time and base fee it sees, and the
// call itself, so the same call at the same head is answered without running it again. Wallets and
// dapps poll the same balanceOf/allowance calls between blocks; a new tipset makes new keys and the
// old entries age out. Bounded by count and by the size of what is kept.

import type { Chain } from '../chain/chain.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { bytesToHex } from '../primitives/index.ts';
import type { CallOutcome, CallSpec } from './call-types.ts';

const MAX_ENTRIES = 512;
/** Outcomes with more return data than this are not kept. */
const MAX_RETURN_BYTES = 16 * 1024;

const caches = new WeakMap<Chain, Map<string, CallOutcome>>();

export function callCacheKey(at: TipsetRecord, spec: CallSpec, timestamp: number, gasLimit: number): string {
  const hex = (b: Uint8Array | null | undefined) => (b ? bytesToHex(b) : '');
  return `${at.key}|${at.stateRoot.toString()}|${timestamp}|${at.nextBaseFee}|${gasLimit}|${hex(spec.from)}|${hex(spec.to)}|${spec.value ?? 0n}|${hex(spec.data)}`;
}

export function cachedCall(chain: Chain, key: string): CallOutcome | undefined {
  const cache = caches.get(chain);
  const hit = cache?.get(key);
  if (hit && cache) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

export function rememberCall(chain: Chain, key: string, outcome: CallOutcome): void {
  if (outcome.returnData.length > MAX_RETURN_BYTES) return;
  let cache = caches.get(chain);
  if (!cache) caches.set(chain, (cache = new Map()));
  cache.set(key, outcome);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}
