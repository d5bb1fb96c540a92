// Development accounts from a BIP-39 mnemonic, like Hardhat's and anvil's: Ethereum accounts at
// m/44'/60'/0'/0/i (index 0 of the well-known test mnemonic is 0xf39F…2266), and one native Filecoin
// secp256k1 (f1) account at m/44'/461'/0'/0/0 (461 is Filecoin's coin type) for native messages.
// The default mnemonic's accounts come from a table (default-dev-accounts.ts); only another mnemonic,
// or more accounts than the table holds, loads ethers and derives them (a cold start does neither).

import { Address, ethAddressToFilecoinAddress, hexToBytes, loadEthers, type EthAddress } from '../primitives/index.ts';
import { secp256k1Address } from '../vm/index.ts';
import { DEFAULT_ETH_ACCOUNTS, DEFAULT_FILECOIN_ACCOUNT } from './default-dev-accounts.ts';

export const DEFAULT_MNEMONIC = 'test test test test test test test test test test test junk';
export const DEFAULT_ACCOUNT_COUNT = 10;
export const FILECOIN_ACCOUNT_PATH = "m/44'/461'/0'/0/0";

export interface DevEthAccount {
  index: number;
  privateKey: Uint8Array;
  ethAddress: EthAddress;
  /** EIP-55 checksummed 0x address. */
  checksumAddress: string;
  f410: Address;
}

export interface DevAccounts {
  eth: DevEthAccount[];
  filecoin: { privateKey: Uint8Array; address: Address };
}

export function deriveDevAccounts(options: { mnemonic?: string; count?: number } = {}): DevAccounts {
  const mnemonic = options.mnemonic ?? DEFAULT_MNEMONIC;
  const count = options.count ?? DEFAULT_ACCOUNT_COUNT;
  if (mnemonic === DEFAULT_MNEMONIC && count <= DEFAULT_ETH_ACCOUNTS.length) return defaultDevAccounts(count);
  return deriveFromMnemonic(mnemonic, count);
}

/** The first `count` accounts of the default mnemonic, from the table. */
function defaultDevAccounts(count: number): DevAccounts {
  const eth = DEFAULT_ETH_ACCOUNTS.slice(0, count).map(([key, checksumAddress], index) => ethAccount(index, hexToBytes(key), checksumAddress));
  const filecoin = { privateKey: hexToBytes(DEFAULT_FILECOIN_ACCOUNT.privateKey), address: Address.fromBytes(hexToBytes(DEFAULT_FILECOIN_ACCOUNT.address)) };
  return { eth, filecoin };
}

/** BIP-39 seed and BIP-32 derivation through ethers (loaded by the first call that needs it). */
export function deriveFromMnemonic(mnemonic: string, count: number): DevAccounts {
  const { HDNodeWallet, Mnemonic } = loadEthers();
  const root = HDNodeWallet.fromSeed(Mnemonic.fromPhrase(mnemonic).computeSeed());
  const eth = Array.from({ length: count }, (_, index) => {
    const node = root.derivePath(`m/44'/60'/0'/0/${index}`);
    return ethAccount(index, hexToBytes(node.privateKey), node.address);
  });
  const privateKey = hexToBytes(root.derivePath(FILECOIN_ACCOUNT_PATH).privateKey);
  return { eth, filecoin: { privateKey, address: secp256k1Address(privateKey) } };
}

function ethAccount(index: number, privateKey: Uint8Array, checksumAddress: string): DevEthAccount {
  const ethAddress = hexToBytes(checksumAddress);
  return { index, privateKey, ethAddress, checksumAddress, f410: ethAddressToFilecoinAddress(ethAddress) };
}
