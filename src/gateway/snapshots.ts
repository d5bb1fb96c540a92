// evm_snapshot / evm_revert (Hardhat's semantics): a snapshot is a head record, so taking one is O(1).
// The snapshots are kept here so that whatever replaces the chain wholesale (a state file) can forget them.

import { toQuantity } from '../eth/index.ts';
import { method, quantity, type RpcMethod } from '../rpc/index.ts';
import type { ChainView } from './chain-view.ts';

/** The snapshots evm_snapshot took, forgotten when a state file replaces the chain. */
export class Snapshots {
  private taken: { id: bigint; record: ReturnType<ChainView['head']> }[] = [];
  private next = 1n;

  take(record: ReturnType<ChainView['head']>): bigint {
    const id = this.next++;
    this.taken.push({ id, record });
    return id;
  }

  /** The snapshot's record, forgetting it and every later one (as Hardhat does); undefined if unknown. */
  revertTo(id: bigint): ReturnType<ChainView['head']> | undefined {
    const at = this.taken.findIndex((s) => s.id === id);
    if (at < 0) return undefined;
    const { record } = this.taken[at]!;
    this.taken.length = at;
    return record;
  }

  clear(): void {
    this.taken = [];
  }
}

/**
 * evm_snapshot / evm_revert: a snapshot is the head's record (its height and state root), so taking one
 * costs nothing. Reverting makes it the head again, forgets it and every later snapshot and empties the
 * mempool; tipsets above it disappear from every query and are sealed anew.
 */
export function snapshotMethods(view: ChainView, snapshots: Snapshots): RpcMethod[] {
  return [
    method('evm_snapshot', [], () => toQuantity(snapshots.take(view.head()))),
    method('evm_revert', [{ name: 'id', parse: quantity }], async ([id]) => {
      await view.node.producer.idle();
      const record = snapshots.revertTo(id as bigint);
      if (!record) return false;
      view.node.chain.store.resetHead(record);
      view.node.mempool.removeIncluded(view.node.mempool.pending());
      return true;
    }),
  ];
}
