// The @ethereumjs/evm state manager for one EVM actor invocation: the running contract's storage is its
// KAMT (ContractStorage), its balance the actor's, its nonce the contract's CREATE nonce. Writes are kept
// in checkpoint layers and reach the KAMT only in `persist`, after the run succeeded.
// Scope today: the running contract only; other addresses look empty. Calls between contracts (CALL,
// DELEGATECALL, CREATE) are not built yet (issue "The EVM actor").

import type { StateManagerInterface } from '@ethereumjs/common';
import { Account, Address as EthjsAddress } from '@ethereumjs/util';
import type { ContractStorage } from '../../ipld/index.ts';
import { FatalError, bytesEqual, bytesToHex, bytesToUint, uintToMinimalBytes } from '../../primitives/index.ts';

export interface ContractView {
  address: Uint8Array;
  code: Uint8Array;
  codeHash: Uint8Array;
  nonce: bigint;
  balance(): bigint;
}

type Layer = Map<string, bigint>;

export class ContractStateManager implements StateManagerInterface {
  private readonly contract: ContractView;
  private readonly storage: ContractStorage;
  private layers: Layer[] = [new Map()];

  constructor(contract: ContractView, storage: ContractStorage) {
    this.contract = contract;
    this.storage = storage;
  }

  private isSelf(address: EthjsAddress): boolean {
    return bytesEqual(address.bytes, this.contract.address);
  }

  private slot(key: Uint8Array): bigint {
    const k = bytesToHex(key);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(k);
      if (v !== undefined) return v;
    }
    return this.storage.get(bytesToUint(key));
  }

  async getAccount(address: EthjsAddress): Promise<Account | undefined> {
    if (!this.isSelf(address)) return undefined;
    return new Account(this.contract.nonce, this.contract.balance(), undefined, this.contract.codeHash, this.contract.code.length);
  }

  async putAccount(): Promise<void> {}
  async deleteAccount(): Promise<void> {}
  async modifyAccountFields(): Promise<void> {}
  async putCode(): Promise<void> {}

  async getCode(address: EthjsAddress): Promise<Uint8Array> {
    return this.isSelf(address) ? this.contract.code : new Uint8Array(0);
  }

  async getCodeSize(address: EthjsAddress): Promise<number> {
    return (await this.getCode(address)).length;
  }

  async getStorage(address: EthjsAddress, key: Uint8Array): Promise<Uint8Array> {
    return this.isSelf(address) ? uintToMinimalBytes(this.slot(key)) : new Uint8Array(0);
  }

  async putStorage(address: EthjsAddress, key: Uint8Array, value: Uint8Array): Promise<void> {
    if (!this.isSelf(address)) throw new FatalError('storage writes to other contracts are not supported yet');
    this.layers[this.layers.length - 1]!.set(bytesToHex(key), bytesToUint(value));
  }

  async clearStorage(): Promise<void> {
    throw new FatalError('clearing contract storage is not supported yet');
  }

  async checkpoint(): Promise<void> {
    this.layers.push(new Map());
  }

  async commit(): Promise<void> {
    const top = this.layers.pop()!;
    for (const [k, v] of top) this.layers[this.layers.length - 1]!.set(k, v);
  }

  async revert(): Promise<void> {
    this.layers.pop();
  }

  async getStateRoot(): Promise<Uint8Array> {
    throw new FatalError('the EVM asked for an Ethereum state root: there is none on Filecoin');
  }

  async setStateRoot(): Promise<void> {
    throw new FatalError('the EVM tried to set an Ethereum state root: there is none on Filecoin');
  }

  async hasStateRoot(): Promise<boolean> {
    return false;
  }

  /** Storage as it was when the invocation began (EIP-2200 gas needs it). */
  originalStorageCache = {
    get: async (address: EthjsAddress, key: Uint8Array): Promise<Uint8Array> =>
      this.isSelf(address) ? uintToMinimalBytes(this.storage.get(bytesToUint(key))) : new Uint8Array(0),
    clear: (): void => {},
  };

  clearCaches(): void {}

  shallowCopy(): StateManagerInterface {
    throw new FatalError('the EVM state manager cannot be copied');
  }

  /** Writes the run's storage changes into the KAMT (all checkpoints must be closed). */
  persist(): void {
    if (this.layers.length !== 1) throw new FatalError('persisting contract storage with open checkpoints');
    for (const [k, v] of this.layers[0]!) this.storage.set(BigInt(k), v);
    this.layers = [new Map()];
  }
}
