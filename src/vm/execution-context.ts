// What the VM knows of the chain while it executes a tipset's messages: epoch, time, base fee, network
// identity, and the chain's randomness and history. Supplied by chain/ (or a test); read by actors
// through the Runtime.

import type { CID } from '../ipld/index.ts';

export interface ExecutionContext {
  epoch: number;
  /** Tipset timestamp, seconds. */
  timestamp: number;
  baseFee: bigint;
  chainId: number;
  networkVersion: number;
  /** Id of the miner actor that receives this tipset's tips. */
  miner: bigint;
  beaconRandomness(tag: number, epoch: number, entropy: Uint8Array): Uint8Array;
  tipsetCid(epoch: number): CID | undefined;
  /**
   * Gas inside the EVM interpreter: 'filecoin' (the default, FEVM's: Ethereum's schedule × 256, no call
   * stipend, 10,000,000 gas for `transfer`) or 'ethereum' (Ethereum's own numbers and the 2300 stipend).
   * 'ethereum' exists to tell, in the conformance suite, which differences come from gas alone.
   */
  evmGasModel?: EvmGasModel;
  /** With 'ethereum': the gas of the outermost EVM frame (Ethereum's gas limit less intrinsic gas). */
  evmGasLimit?: bigint;
}

export type EvmGasModel = 'filecoin' | 'ethereum';

/** Network version 28 (FireHorse, actors v18): what this devnet emulates. */
export const NETWORK_VERSION = 28;
/** FVM max call depth. */
export const MAX_CALL_DEPTH = 1024;
