// The state manager a pooled @ethereumjs/evm holds for its whole life: it forwards every call to the
// WorldStateManager of the session the current run belongs to (evm-pool.ts).

import type { StateManagerInterface } from '@ethereumjs/common';
import type { Account, Address as EthjsAddress } from '@ethereumjs/util';
import { FatalError } from '../../primitives/index.ts';
import type { WorldStateManager } from './world-state-manager.ts';

export class SwitchingStateManager implements StateManagerInterface {
  target: WorldStateManager | undefined;

  private get t(): WorldStateManager {
    if (!this.target) throw new FatalError('a pooled EVM ran without a session');
    return this.target;
  }

  getAccount(address: EthjsAddress): Promise<Account | undefined> {
    return this.t.getAccount(address);
  }

  putAccount(address: EthjsAddress, account: Account | undefined): Promise<void> {
    return this.t.putAccount(address, account);
  }

  deleteAccount(): Promise<void> {
    return this.t.deleteAccount();
  }

  modifyAccountFields(address: EthjsAddress, fields: Partial<{ nonce: bigint; balance: bigint }>): Promise<void> {
    return this.t.modifyAccountFields(address, fields);
  }

  getCode(address: EthjsAddress): Promise<Uint8Array> {
    return this.t.getCode(address);
  }

  getCodeSize(address: EthjsAddress): Promise<number> {
    return this.t.getCodeSize(address);
  }

  putCode(address: EthjsAddress, code: Uint8Array): Promise<void> {
    return this.t.putCode(address, code);
  }

  getStorage(address: EthjsAddress, key: Uint8Array): Promise<Uint8Array> {
    return this.t.getStorage(address, key);
  }

  putStorage(address: EthjsAddress, key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.t.putStorage(address, key, value);
  }

  clearStorage(address: EthjsAddress): Promise<void> {
    return this.t.clearStorage(address);
  }

  checkpoint(): Promise<void> {
    return this.t.checkpoint();
  }

  commit(): Promise<void> {
    return this.t.commit();
  }

  revert(): Promise<void> {
    return this.t.revert();
  }

  getStateRoot(): Promise<Uint8Array> {
    return this.t.getStateRoot();
  }

  setStateRoot(): Promise<void> {
    return this.t.setStateRoot();
  }

  hasStateRoot(): Promise<boolean> {
    return this.t.hasStateRoot();
  }

  originalStorageCache = {
    get: (address: EthjsAddress, key: Uint8Array): Promise<Uint8Array> => this.t.originalStorageCache.get(address, key),
    clear: (): void => {},
  };

  clearCaches(): void {}

  shallowCopy(): StateManagerInterface {
    throw new FatalError('the EVM state manager cannot be copied');
  }
}
