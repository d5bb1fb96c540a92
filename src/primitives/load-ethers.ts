// ethers, loaded the first time something needs it rather than at start: its import is about a tenth
// of a cold start, and only signing (eth_sendTransaction, eth_sign), ABI decoding (console.log, error
// names) and a mnemonic other than the default one use it. Synchronous, so that pure synchronous code
// can call it: a require of ethers' CommonJS build, the one copy of ethers the devnet's code loads.

import { createRequire } from 'node:module';
import type * as Ethers from 'ethers';

const requireHere = createRequire(import.meta.url);

/** The ethers module: loaded by the first call, the same module for every later one. */
export function loadEthers(): typeof Ethers {
  return requireHere('ethers') as typeof Ethers;
}
