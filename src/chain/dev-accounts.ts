// Development accounts from a BIP-39 mnemonic, like Hardhat's and anvil's: Ethereum accounts at
// m/44'/60'/0'/0/i (index 0 of the well-known test mnemonic is 0xf39F…2266), and one native Filecoin
// secp256k1 (f1) account at m/44'/461'/0'/0/0 (461 is Filecoin's coin type) for native messages.

import { HDNodeWallet, Mnemonic } from 'ethers';
import { Address, ethAddressToFilecoinAddress, hexToBytes, type EthAddress } from '../primitives/index.ts';
import { secp256k1Address } from '../vm/index.ts';

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
  const seed = Mnemonic.fromPhrase(options.mnemonic ?? DEFAULT_MNEMONIC).computeSeed();
  const root = HDNodeWallet.fromSeed(seed);
  const eth = Array.from({ length: options.count ?? DEFAULT_ACCOUNT_COUNT }, (_, index) => {
    const node = root.derivePath(`m/44'/60'/0'/0/${index}`);
    const ethAddress = hexToBytes(node.address);
    return { index, privateKey: hexToBytes(node.privateKey), ethAddress, checksumAddress: node.address, f410: ethAddressToFilecoinAddress(ethAddress) };
  });
  const fil = root.derivePath(FILECOIN_ACCOUNT_PATH);
  const privateKey = hexToBytes(fil.privateKey);
  return { eth, filecoin: { privateKey, address: secp256k1Address(privateKey) } };
}
