// anvil_dumpState / anvil_loadState: the whole chain and its state as a CAR file, hex-encoded (anvil's
// methods carry hex too, though its file is gzipped JSON of accounts). Loading replaces the chain: the
// file's genesis, tipsets, receipts, logs and head, after the producer is idle; pending transactions
// and snapshots of the old chain are dropped. See chain/state-file.ts for the format and checks.

import { dumpChainState, loadChainState } from '../chain/state-file.ts';
import { toData } from '../eth/index.ts';
import { SignatureType } from '../primitives/index.ts';
import { data, method, type RpcMethod } from '../rpc/index.ts';
import type { ChainView } from './chain-view.ts';
import type { Snapshots } from './snapshots.ts';

/** The chain and state as a state file's bytes (what `--dump-state` writes). */
export function dumpState(view: ChainView): Uint8Array {
  return dumpChainState(view.node.chain, {
    message: (cid) => view.message(cid),
    ethTxHash: (signed, cid) => (signed.signature.type === SignatureType.DELEGATED ? view.txHash(signed, cid) : undefined),
  });
}

/** Replaces the chain with a state file's (what `--load-state` reads); answers the new head's height. */
export async function loadState(view: ChainView, file: Uint8Array, snapshots?: Snapshots): Promise<number> {
  const node = view.node;
  await node.producer.idle();
  const { height } = loadChainState(node.chain, file);
  node.mempool.removeIncluded(node.mempool.pending());
  snapshots?.clear();
  return height;
}

export function stateFileMethods(view: ChainView, snapshots: Snapshots): RpcMethod[] {
  return [
    method('anvil_dumpState', [], () => toData(dumpState(view))),
    method('anvil_loadState', [{ name: 'state', parse: data }], async ([file]) => {
      await loadState(view, file as Uint8Array, snapshots);
      return true;
    }),
  ];
}
