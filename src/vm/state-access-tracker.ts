// Which actors and addresses a message has already touched, so each is charged for once
// (FVM:fvm/src/state_access_tracker.rs): the first read of an actor costs a lookup, the first write an
// update; preloaded singletons are free. Kept in layers that follow the call manager's transactions.

import { PriceList } from './gas/price-list.ts';

const READ = 1;
const UPDATED = 2;

export class StateAccessTracker {
  private layers: Map<bigint, number>[] = [new Map()];
  private addressLayers: Set<string>[] = [new Set()];

  constructor() {
    for (const id of PriceList.preloadedActors) this.layers[0]!.set(id, READ);
  }

  private state(id: bigint): number {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const s = this.layers[i]!.get(id);
      if (s !== undefined) return s;
    }
    return 0;
  }

  isRead(id: bigint): boolean {
    return this.state(id) >= READ;
  }

  isUpdated(id: bigint): boolean {
    return this.state(id) >= UPDATED;
  }

  recordRead(id: bigint): void {
    if (this.state(id) < READ) this.layers[this.layers.length - 1]!.set(id, READ);
  }

  recordUpdate(id: bigint): void {
    this.layers[this.layers.length - 1]!.set(id, UPDATED);
  }

  isAddressLookedUp(key: string): boolean {
    return this.addressLayers.some((l) => l.has(key));
  }

  recordAddressLookup(key: string): void {
    this.addressLayers[this.addressLayers.length - 1]!.add(key);
  }

  begin(): void {
    this.layers.push(new Map());
    this.addressLayers.push(new Set());
  }

  end(revert: boolean): void {
    const layer = this.layers.pop()!;
    const addresses = this.addressLayers.pop()!;
    if (revert) return;
    const below = this.layers[this.layers.length - 1]!;
    for (const [id, s] of layer) below.set(id, Math.max(s, below.get(id) ?? 0));
    for (const a of addresses) this.addressLayers[this.addressLayers.length - 1]!.add(a);
  }
}
