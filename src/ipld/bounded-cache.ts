// A cache with a hard bound on what it holds, for values derived from immutable blocks (decoded trie
// nodes, CID objects, link counts). Two generations: entries go into the young one; when it is full it
// becomes the old one and the previous old one is dropped; a hit in the old one moves the entry back
// into the young one. So what is used keeps its place, what is not ages out, and a hit costs one Map
// lookup (not the delete and re-insert of an exact LRU). Not owned here: what a value weighs.
//
// Every tipset writes new versions of the nodes on its paths and never reads the old ones again, so a
// cache that only stops growing at a large count fills with dead nodes: bound it by weight instead.

interface Entry<V> {
  value: V;
  weight: number;
}

export class BoundedCache<V> {
  /** Upper bound of the weight each generation holds; the cache holds at most twice this. */
  readonly generationWeight: number;
  private young = new Map<string, Entry<V>>();
  private old = new Map<string, Entry<V>>();
  private youngWeight = 0;

  /** A cache of at most `maxWeight` in all (weights are the caller's unit: bytes, or 1 per entry). */
  constructor(maxWeight: number) {
    this.generationWeight = Math.max(1, Math.floor(maxWeight / 2));
  }

  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit) return hit.value;
    const aged = this.old.get(key);
    if (!aged) return undefined;
    this.old.delete(key);
    this.insert(key, aged);
    return aged.value;
  }

  set(key: string, value: V, weight = 1): void {
    const known = this.young.get(key);
    if (known) {
      this.young.delete(key);
      this.youngWeight -= known.weight;
    } else {
      this.old.delete(key);
    }
    this.insert(key, { value, weight });
  }

  /** Entries held (both generations). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Total weight held (both generations). */
  get weight(): number {
    let old = 0;
    for (const e of this.old.values()) old += e.weight;
    return this.youngWeight + old;
  }

  private insert(key: string, entry: Entry<V>): void {
    if (entry.weight > this.generationWeight) return; // would evict everything else: not kept
    if (this.youngWeight + entry.weight > this.generationWeight) {
      this.old = this.young;
      this.young = new Map();
      this.youngWeight = 0;
    }
    this.young.set(key, entry);
    this.youngWeight += entry.weight;
  }
}
