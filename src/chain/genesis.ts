// The devnet's genesis from its options: development accounts from the mnemonic (10 EthAccounts with
// 10,000 FIL each by default, plus one f1 account), on the genesis state of genesis-state.ts. The chain
// id is not part of the state; the node carries it (default 31415926, Lotus's 2k/devnet id).

import type { Blockstore } from '../ipld/index.ts';
import { ATTO_PER_FIL } from '../primitives/index.ts';
import { DEFAULT_ACCOUNT_COUNT, DEFAULT_MNEMONIC, deriveDevAccounts, type DevAccounts } from './dev-accounts.ts';
import { buildGenesisState, type GenesisState } from './genesis-state.ts';

export const DEFAULT_CHAIN_ID = 31415926;
export const DEFAULT_NETWORK_NAME = 'fevm-devnet';
export const DEFAULT_ACCOUNT_BALANCE = 10_000n * ATTO_PER_FIL;

export interface DevnetGenesisOptions {
  mnemonic?: string;
  accounts?: number;
  /** attoFIL per development account. */
  balance?: bigint;
  networkName?: string;
  /** EIP-155 chain id the node answers and checks transactions against. */
  chainId?: number;
  /** The accounts of `mnemonic` and `accounts` when the caller has them already (else derived here). */
  devAccounts?: DevAccounts;
}

export interface DevnetGenesis extends GenesisState {
  accounts: DevAccounts;
  networkName: string;
  chainId: number;
}

export function createDevnetGenesis(store: Blockstore, options: DevnetGenesisOptions = {}): DevnetGenesis {
  const accounts = options.devAccounts ?? deriveDevAccounts({ mnemonic: options.mnemonic ?? DEFAULT_MNEMONIC, count: options.accounts ?? DEFAULT_ACCOUNT_COUNT });
  const balance = options.balance ?? DEFAULT_ACCOUNT_BALANCE;
  const networkName = options.networkName ?? DEFAULT_NETWORK_NAME;
  const state = buildGenesisState(store, {
    networkName,
    accounts: [...accounts.eth.map((a) => ({ address: a.ethAddress, balance })), { address: accounts.filecoin.address, balance }],
  });
  return { ...state, accounts, networkName, chainId: options.chainId ?? DEFAULT_CHAIN_ID };
}
