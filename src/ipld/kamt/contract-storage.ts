// EVM contract storage as builtin-actors keeps it (FEVM-FACTS §2.5): a KAMT from U256 slot to U256 value,
// both stored as minimal big-endian byte strings; a zero value is never stored (writing zero deletes).

import type { CID } from 'multiformats/cid';
import { FatalError, bytesToUint, uintToFixedBytes, uintToMinimalBytes } from '../../primitives/index.ts';
import type { Blockstore } from '../blockstore.ts';
import { Kamt } from './kamt.ts';

const MAX_U256 = (1n << 256n) - 1n;

export function u256ToBytes32(value: bigint): Uint8Array {
  if (value < 0n || value > MAX_U256) throw new RangeError(`not a U256: ${value}`);
  return uintToFixedBytes(value, 32);
}

function u256Checked(value: bigint): bigint {
  if (value < 0n || value > MAX_U256) throw new RangeError(`not a U256: ${value}`);
  return value;
}

export class ContractStorage {
  private readonly kamt: Kamt;

  private constructor(kamt: Kamt) {
    this.kamt = kamt;
  }

  static create(store: Blockstore): ContractStorage {
    return new ContractStorage(Kamt.create(store));
  }

  static load(store: Blockstore, root: CID): ContractStorage {
    return new ContractStorage(Kamt.load(store, root));
  }

  get(slot: bigint): bigint {
    const raw = this.kamt.get(u256ToBytes32(slot));
    if (raw === undefined) return 0n;
    if (!(raw instanceof Uint8Array) || raw.length > 32) throw new FatalError('contract storage holds a malformed value');
    return bytesToUint(raw);
  }

  /** Writes `value` at `slot`; zero deletes the slot. */
  set(slot: bigint, value: bigint): void {
    if (value === 0n) this.kamt.delete(u256ToBytes32(slot));
    else this.kamt.set(u256ToBytes32(slot), uintToMinimalBytes(u256Checked(value)));
  }

  *entries(): IterableIterator<[bigint, bigint]> {
    for (const [key, value] of this.kamt.entries()) yield [bytesToUint(key), bytesToUint(value as Uint8Array)];
  }

  flush(): CID {
    return this.kamt.flush();
  }
}
