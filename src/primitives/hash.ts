// The hash functions Filecoin and Ethereum use, in the sizes they use them (FEVM-FACTS §1, §2).
// blake2b at 256 bits (CIDs), 160 bits (f1/f2 payloads) and 32 bits (address checksums); keccak-256;
// sha-256 (HAMT keys). Thin wrappers so that no other file picks a library or an output length.

import { blake2b } from '@noble/hashes/blake2.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

export function blake2b256(data: Uint8Array): Uint8Array {
  return blake2b(data, { dkLen: 32 });
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
