// What the example contracts' end-to-end tests share: a devnet over real HTTP with an ethers provider
// and the development wallets, the contracts in contracts/ compiled with their shared library, and the
// Filecoin side a user checks (a fresh f1 wallet, its balance through Filecoin.WalletBalance).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ContractFactory, JsonRpcProvider, SigningKey, Wallet, sha256, toUtf8Bytes, type BaseContract, type ContractRunner } from 'ethers';
import { CID } from 'multiformats/cid';
import { create as createDigest } from 'multiformats/hashes/digest';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { Address, bytesToHex, hexToBytes } from '../../../src/primitives/index.ts';
import { compileSolidity, type CompiledContract } from '../../helpers/solidity.ts';

const CONTRACTS_DIR = join(import.meta.dirname, '..', '..', '..', 'contracts');

/** Compiles contracts/<file> with contracts/lib/*.sol beside it; answers the contract named like the file. */
export function compileExample(file: string): CompiledContract {
  const sources: Record<string, string> = { [file]: readFileSync(join(CONTRACTS_DIR, file), 'utf8') };
  for (const lib of readdirSync(join(CONTRACTS_DIR, 'lib'))) sources[`lib/${lib}`] = readFileSync(join(CONTRACTS_DIR, 'lib', lib), 'utf8');
  const name = file.replace(/\.sol$/, '');
  const compiled = compileSolidity(sources)[name];
  if (!compiled) throw new Error(`contracts/${file} has no contract ${name}`);
  return compiled;
}

export interface ExampleDevnet {
  devnet: Devnet;
  provider: JsonRpcProvider;
  /** The development accounts as ethers wallets (10,000 FIL each). */
  wallets: Wallet[];
  /** JSON-RPC call on the devnet (Filecoin.*, evm_*, …). */
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function startExampleDevnet(accounts = 4): Promise<ExampleDevnet> {
  const devnet = await createDevnet({ memory: true, port: 0, accounts });
  const chainId = BigInt(await devnet.provider.request({ method: 'eth_chainId', params: [] }) as string);
  const provider = new JsonRpcProvider(devnet.url, chainId, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  const wallets = deriveDevAccounts({ count: accounts }).eth.map((a) => new Wallet(bytesToHex(a.privateKey), provider));
  return {
    devnet,
    provider,
    wallets,
    rpc: (method, params = []) => provider.send(method, params),
    async close() {
      provider.destroy();
      await devnet.close();
    },
  };
}

/** Deploys `compiled` from `signer` and answers it as an untyped ethers contract. */
export async function deploy(compiled: CompiledContract, signer: ContractRunner, ...args: unknown[]): Promise<BaseContract & Record<string, any>> {
  const contract = await new ContractFactory(compiled.abi as never, compiled.bytecode, signer).deploy(...args);
  await contract.waitForDeployment();
  return contract as BaseContract & Record<string, any>;
}

/** A new Filecoin secp256k1 wallet that has never been on chain: its f1 address, text and binary. */
export function newF1Wallet(): { address: Address; text: string; bytes: string } {
  const key = new SigningKey(Wallet.createRandom().privateKey);
  const address = Address.newSecp256k1(hexToBytes(key.publicKey));
  return { address, text: address.toString('t'), bytes: bytesToHex(address.bytes) };
}

/** An address's balance in attoFIL as Lotus answers it (Filecoin.WalletBalance, any address kind). */
export async function walletBalance(example: ExampleDevnet, text: string): Promise<bigint> {
  return BigInt(await example.rpc<string>('Filecoin.WalletBalance', [text]));
}

/** A piece CID as Filecoin deals name data (fil-commitment-unsealed, sha2-256-trunc254-padded), from a seed. */
export function examplePieceCid(seed: string): { text: string; bytes: string } {
  const digest = sha256(toUtf8Bytes(seed));
  const commP = hexToBytes(digest);
  commP[31]! &= 0x3f; // trunc254: the two top bits of the last byte are zero
  const cid = CID.create(1, 0xf101, createDigest(0x1012, commP));
  return { text: cid.toString(), bytes: bytesToHex(cid.bytes) };
}
