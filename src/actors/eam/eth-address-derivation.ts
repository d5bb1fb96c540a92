// How the EAM derives Ethereum addresses for new contracts (FEVM-FACTS §3.3; BA:actors/eam
// `compute_address_create*`): CREATE = keccak(rlp([sender, nonce]))[12:], CREATE2 = keccak(0xff ‖ sender
// ‖ salt ‖ keccak(initcode))[12:]. Addresses that look like precompiles, masked ids or null are reserved.
// The hash is a parameter so that the actor can pass the Runtime's (charged) keccak.

import { concatBytes, isMaskedIdEthAddress, keccak256, uintToMinimalBytes, type EthAddress } from '../../primitives/index.ts';

/** RLP of one byte string (the only shapes used here: 20 bytes, or a minimal integer). */
function rlpBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && bytes[0]! < 0x80) return bytes;
  if (bytes.length > 55) throw new RangeError('rlpBytes: only short strings are needed here');
  return concatBytes(Uint8Array.of(0x80 + bytes.length), bytes);
}

type Keccak = (data: Uint8Array) => Uint8Array;

export function computeCreateAddress(sender: EthAddress, nonce: bigint, keccak: Keccak = keccak256): EthAddress {
  const payload = concatBytes(rlpBytes(sender), rlpBytes(uintToMinimalBytes(nonce)));
  return keccak(concatBytes(Uint8Array.of(0xc0 + payload.length), payload)).subarray(12);
}

export function computeCreate2Address(sender: EthAddress, salt: Uint8Array, initcode: Uint8Array, keccak: Keccak = keccak256): EthAddress {
  return keccak(concatBytes(Uint8Array.of(0xff), sender, salt, keccak(initcode))).subarray(12);
}

/** 0x00…00XX and 0xfe00…00XX (the null address included). */
export function isPrecompileShaped(eth: EthAddress): boolean {
  if (eth[0] !== 0x00 && eth[0] !== 0xfe) return false;
  for (let i = 1; i < 19; i++) if (eth[i] !== 0) return false;
  return true;
}

/** Whether the EAM may put a new contract at `eth` (BA `can_assign_address`). */
export function canAssignAddress(eth: EthAddress): boolean {
  return !isPrecompileShaped(eth) && !isMaskedIdEthAddress(eth);
}
