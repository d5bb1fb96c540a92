// The hash functions Filecoin and Ethereum use, in the sizes they use them (FEVM-FACTS §1, §2).
// blake2b at 256 bits (CIDs), 160 bits (f1/f2 payloads) and 32 bits (address checksums); keccak-256;
// sha-256 (HAMT keys). Thin wrappers so that no other file picks a library or an output length.
// blake2b-256 hashes every block we write, so it runs in WebAssembly (hash-wasm, about 15× faster than
// pure JavaScript on 3 KB nodes); the instance is created once when this module loads.

import { blake2b } from '@noble/hashes/blake2.js';
import { createBLAKE2b } from 'hash-wasm';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

const blake2b256Hasher = await createBLAKE2b(256);

export function blake2b256(data: Uint8Array): Uint8Array {
  blake2b256Hasher.init();
  blake2b256Hasher.update(data);
  return blake2b256Hasher.digest('binary');
}

export function blake2b160(data: Uint8Array): Uint8Array {
  return blake2b(data, { dkLen: 20 });
}

/** The 4-byte blake2b checksum of Filecoin text addresses. */
export function blake2bChecksum(data: Uint8Array): Uint8Array {
  return blake2b(data, { dkLen: 4 });
}

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}
