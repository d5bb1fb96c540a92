// The benchmark ERC-20 (bench/contracts/ERC20.sol): compiled with solc-js through the test helper, and
// the calldata of its constructor and `transfer`. Shared by the EVM benchmark and the reference gas
// figures of docs/gas.md; knows nothing of Filecoin.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AbiCoder, id } from 'ethers';
import { hexToBytes } from '../src/primitives/index.ts';
import { compileSolidity } from '../test/helpers/solidity.ts';

const SOURCE = join(import.meta.dirname, 'contracts', 'ERC20.sol');
const TRANSFER_SELECTOR = hexToBytes(id('transfer(address,uint256)').slice(0, 10));

/** Initcode that deploys the ERC-20 and mints `supply` to the deployer. */
export function erc20Initcode(supply: bigint, name = 'Bench Token', symbol = 'BENCH'): Uint8Array {
  const { ERC20 } = compileSolidity({ 'ERC20.sol': readFileSync(SOURCE, 'utf8') });
  if (!ERC20) throw new Error('ERC20.sol did not compile to a contract named ERC20');
  const args = AbiCoder.defaultAbiCoder().encode(['string', 'string', 'uint256'], [name, symbol, supply]);
  return hexToBytes(ERC20.bytecode + args.slice(2));
}

/** Calldata of `transfer(to, value)`. */
export function transferCalldata(to: Uint8Array, value: bigint): Uint8Array {
  const data = new Uint8Array(4 + 64);
  data.set(TRANSFER_SELECTOR, 0);
  data.set(to, 4 + 12);
  data.set(hexToBytes(value.toString(16).padStart(64, '0')), 4 + 32);
  return data;
}

/** The `i`-th benchmark recipient: a 20-byte address no actor holds, distinct for each `i`. */
export function recipient(i: number): Uint8Array {
  const address = new Uint8Array(20);
  address[0] = 0xee;
  new DataView(address.buffer).setUint32(16, i + 1);
  return address;
}
