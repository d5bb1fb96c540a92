// IPLD blocks as Filecoin stores them (FEVM-FACTS §2): dag-cbor (0x71) or raw (0x55) data addressed by
// CIDv1 with a blake2b-256 multihash; actor code named by identity CIDs (`fil/18/<name>`).
// Owns encoding, hashing and the typed get/put helpers; the store itself is `Blockstore`.

import * as dagCbor from '@ipld/dag-cbor';
import * as cborg from 'cborg';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { FatalError, blake2b256 } from '../primitives/index.ts';
import type { Blockstore } from './blockstore.ts';
import { BoundedCache } from './bounded-cache.ts';

export { CID };

export const DAG_CBOR = 0x71;
export const RAW = 0x55;
export const IDENTITY = 0x00;
export const BLAKE2B_256 = 0xb220;

export function encodeCbor(value: unknown): Uint8Array {
  return dagCbor.encode(value);
}

/**
 * CIDs decoded recently, by their bytes: code CIDs and common heads repeat in every actor record, and
 * building a CID object is most of the cost of decoding a trie node. CIDs are immutable, so sharing is safe.
 * A CID with its key is about 350 bytes, so 16,384 of them is under 6 MB.
 */
const decodedCids = new BoundedCache<CID>(16_384);

function decodeCidTag(decode: () => unknown): CID {
  const bytes = decode() as Uint8Array;
  if (!(bytes instanceof Uint8Array) || bytes[0] !== 0) throw new Error('Invalid CID for CBOR tag 42; expected leading 0x00');
  const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let cid = decodedCids.get(key);
  if (!cid) {
    cid = CID.decode(bytes.subarray(1));
    decodedCids.set(key, cid);
  }
  return cid;
}

const decodeOptions = { ...dagCbor.decodeOptions, tags: { ...dagCbor.decodeOptions.tags, 42: decodeCidTag } };

/** dag-cbor decoding (strict, as @ipld/dag-cbor), with CID objects shared between decodes. */
export function decodeCbor<T = unknown>(bytes: Uint8Array): T {
  return cborg.decode(bytes, decodeOptions) as T;
}

/** CIDv1 of `bytes` under `codec` (dag-cbor by default) with a blake2b-256 multihash. */
export function blockCid(bytes: Uint8Array, codec: number = DAG_CBOR): CID {
  return CID.createV1(codec, Digest.create(BLAKE2B_256, blake2b256(bytes)));
}

/** CIDv1, raw codec, identity multihash of the text: how code CIDs like `fil/18/evm` are named here. */
export function identityCid(text: string): CID {
  return CID.createV1(RAW, Digest.create(IDENTITY, new TextEncoder().encode(text)));
}

/** The CID of the CBOR empty array (0x80): Filecoin's `EMPTY_ARR_CID`, head of stateless actors. */
export const EMPTY_ARR_CID: CID = blockCid(encodeCbor([]));

/** Encodes `value` as dag-cbor, stores it, answers its CID. */
export function putCbor(store: Blockstore, value: unknown): CID {
  const bytes = encodeCbor(value);
  const cid = blockCid(bytes);
  store.put(cid, bytes);
  return cid;
}

/** Stores `bytes` as a raw block (bytecode), answers its CID. */
export function putRaw(store: Blockstore, bytes: Uint8Array): CID {
  const cid = blockCid(bytes, RAW);
  store.put(cid, bytes);
  return cid;
}

/** Reads a block that must exist: a missing block under a root we hold means a corrupt store. */
export function getBlock(store: Blockstore, cid: CID): Uint8Array {
  if (cid.multihash.code === IDENTITY) return cid.multihash.digest;
  const bytes = store.get(cid);
  if (!bytes) throw new FatalError(`block not found: ${cid.toString()}`);
  return bytes;
}

export function getCbor<T = unknown>(store: Blockstore, cid: CID): T {
  return decodeCbor<T>(getBlock(store, cid));
}
