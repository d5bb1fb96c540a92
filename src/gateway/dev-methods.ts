// The first development method, the one tools probe before they wait for confirmations:
// `hardhat_getAutomine` / `anvil_getAutomine` answer whether a tipset is sealed for each transaction.
// Hardhat Ignition waits for 5 confirmations unless it hears `true`, and an automining devnet seals no
// block without a transaction, so without this answer `ignition deploy` never finishes. The other
// development methods (evm_*, hardhat_*, anvil_*) come with the issue that adds them.

import { method, type RpcMethod } from '../rpc/index.ts';
import type { ChainView } from './chain-view.ts';

export function devMethods(view: ChainView): RpcMethod[] {
  const automine = () => view.node.producer.miningMode.kind === 'automine';
  return [method('hardhat_getAutomine', [], automine), method('anvil_getAutomine', [], automine)];
}
