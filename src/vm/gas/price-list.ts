// The FVM price list for network versions 25-28 (FEVM-FACTS §4.7, §8.4; FVM:fvm/src/gas/price_list.rs
// WATERMELON_PRICES, reused by TEEP_PRICES). Only the charges this VM makes are here; each formula is
// ref-fvm's for the same operation (compute + storage parts added, as the gas tracker charges them).

export const PriceList = {
  onChainMessageCompute: 38_863,
  onChainMessageStorageFlat: 36 * 1300,
  onChainMessageStoragePerByte: 1300,
  onChainReturnPerByte: 1300,
  sendTransferFunds: 6_000,
  sendInvokeMethod: 75_000,
  actorLookup: 500_000,
  actorUpdate: 475_000,
  actorCreateStorage: 650_000,
  addressLookup: 1_050_000,
  addressAssignment: 1_000_000,
  secp256k1SigFlat: 1_637_292,
  secp256k1SigPerByte: 10,
  secp256k1Recover: 1_637_292,
  hashPerByte: { sha256: 7, blake2b256: 10, blake2b512: 10, keccak256: 33, ripemd160: 35 },
  blockOpenFlat: 187_440,
  blockAllocatePerByte: 2,
  blockMemcpyPerByte: 0.4,
  blockRetentionMinimumPerByte: 10,
  blockPersistCompute: 172_000,
  blockPersistStorageFlat: 334_000,
  blockPersistStoragePerByte: 3_340,
  ipldLinkTracked: 300,
  ipldLinkChecked: 300,
  eventPerEntryFlat: 2_000,
  eventPerEntry: 1_400,
  utf8ValidationFlat: 500,
  utf8ValidationPerByte: 16,
  /** Actors whose lookups and updates are free (FIP-0055 preloaded actors). */
  preloadedActors: new Set<bigint>([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 10n, 99n]),
} as const;

const P = PriceList;

/** Inclusion: 38,863 + 475,000 + 46,800 + 1,300 × size = 560,663 + 1,300 × size. */
export function onChainMessage(size: number): number {
  return P.onChainMessageCompute + P.actorUpdate + P.onChainMessageStorageFlat + P.onChainMessageStoragePerByte * size;
}

export function onChainReturnValue(size: number): number {
  return P.onChainReturnPerByte * size;
}

export function onMethodInvocation(paramLinks: number): number {
  return P.sendInvokeMethod + P.ipldLinkTracked * paramLinks;
}

export function onCreateActor(newAddress: boolean): number {
  return P.actorCreateStorage + (newAddress ? P.addressAssignment + P.addressLookup : 0);
}

/** Reading a block: the base charge, then the per-byte charge with the memory-retention minimum. */
export function onBlockOpen(size: number, links: number): number {
  const compute = P.ipldLinkTracked * links;
  const open = P.blockAllocatePerByte * size + P.blockMemcpyPerByte * size;
  const retentionSurcharge = Math.max(0, P.blockRetentionMinimumPerByte * size - (compute + open));
  return P.ipldLinkChecked + P.blockOpenFlat + compute + open + retentionSurcharge;
}

/** Writing a block: create (copy, allocate, check links) then link (hash, persist). */
export function onBlockWrite(size: number, links: number): number {
  const createCompute = P.blockMemcpyPerByte * size + P.blockAllocatePerByte * size + P.ipldLinkChecked * links;
  const create = createCompute + Math.max(0, P.blockRetentionMinimumPerByte * size - createCompute);
  const link =
    P.blockMemcpyPerByte * size + P.blockAllocatePerByte * size + P.hashPerByte.blake2b256 * size + P.ipldLinkTracked +
    P.blockPersistCompute + P.blockPersistStorageFlat + P.blockPersistStoragePerByte * size;
  return create + link;
}

export function onHashing(kind: keyof typeof P.hashPerByte, size: number): number {
  return P.hashPerByte[kind] * size;
}

export function onVerifySecp256k1(size: number): number {
  return P.secp256k1SigFlat + P.secp256k1SigPerByte * size;
}

/** An event of `entries` entries whose keys and values total the given bytes. */
export function onActorEvent(entries: number, keyBytes: number, valueBytes: number): number {
  const estimated = 12 + 9 * entries + keyBytes + valueBytes;
  const mem = P.blockMemcpyPerByte * estimated + P.blockAllocatePerByte * estimated;
  const hash = P.hashPerByte.blake2b256 * estimated;
  return mem * 2 + P.eventPerEntryFlat + P.eventPerEntry * entries + P.utf8ValidationFlat + P.utf8ValidationPerByte * keyBytes + hash + mem;
}
