// Ethereum views of Filecoin addresses (FEVM-FACTS §1.3-1.5): f410 addresses (namespace 10, the EAM)
// and masked-ID addresses (0xff ‖ 11 zero bytes ‖ u64 big-endian id). Conversions follow Lotus's
// ethtypes rules, including the refusal of f410 payloads that carry the masked-ID prefix.

import { keccak256 } from '../hash.ts';
import { bytesToHex } from '../bytes.ts';
import { Address, MAX_ACTOR_ID, Protocol } from './address.ts';
import { AddressError } from './address-error.ts';

/** A 20-byte Ethereum address. */
export type EthAddress = Uint8Array;

/** Actor id of the Ethereum Address Manager, the namespace of f410 addresses. */
export const EAM_ACTOR_ID = 10n;
export const ETH_ADDRESS_LEN = 20;
const MASKED_PREFIX_LEN = 12;

/** True when `eth` is 0xff followed by 11 zero bytes, i.e. it names an actor id. */
export function isMaskedIdEthAddress(eth: EthAddress): boolean {
  if (eth.length !== ETH_ADDRESS_LEN || eth[0] !== 0xff) return false;
  for (let i = 1; i < MASKED_PREFIX_LEN; i++) if (eth[i] !== 0) return false;
  return true;
}

/** The masked-ID Ethereum address of an actor id: f01234 → 0xff00…04d2. */
export function maskedIdEthAddress(id: bigint | number): EthAddress {
  const value = BigInt(id);
  if (value < 0n || value > MAX_ACTOR_ID) throw new AddressError('id-too-large', `actor id ${value} is out of range`);
  const out = new Uint8Array(ETH_ADDRESS_LEN);
  out[0] = 0xff;
  new DataView(out.buffer).setBigUint64(MASKED_PREFIX_LEN, value);
  return out;
}

/** The actor id inside a masked-ID address. */
export function maskedIdToId(eth: EthAddress): bigint {
  if (!isMaskedIdEthAddress(eth)) throw new AddressError('not-eth-address', `${bytesToHex(eth)} is not a masked-ID address`);
  return new DataView(eth.buffer, eth.byteOffset, eth.byteLength).getBigUint64(MASKED_PREFIX_LEN);
}

/** Lotus `EthAddress.ToFilecoinAddress`: masked-ID → f0, anything else (0x0 and precompiles too) → f410. */
export function ethAddressToFilecoinAddress(eth: EthAddress): Address {
  checkLength(eth);
  if (isMaskedIdEthAddress(eth)) return Address.newId(maskedIdToId(eth));
  return Address.newDelegated(EAM_ACTOR_ID, eth);
}

/** Lotus `EthAddressFromFilecoinAddress`: f0 → masked-ID; f410 → its payload; anything else is refused. */
export function filecoinAddressToEthAddress(address: Address): EthAddress {
  if (address.protocol === Protocol.ID) return maskedIdEthAddress(address.id);
  if (address.protocol === Protocol.DELEGATED && address.namespace === EAM_ACTOR_ID) {
    const sub = address.subaddress;
    if (sub.length !== ETH_ADDRESS_LEN) {
      throw new AddressError('bad-length', `f410 subaddress must be ${ETH_ADDRESS_LEN} bytes, got ${sub.length}`);
    }
    if (isMaskedIdEthAddress(sub)) {
      throw new AddressError('masked-id-in-f410', 'f410f addresses cannot embed masked-ID payloads');
    }
    return Uint8Array.from(sub);
  }
  throw new AddressError('not-eth-address', `${address.toString()} has no Ethereum address: only f0 and f410 addresses do`);
}

/** Lotus `IsEthAddress`: an f410 address with a 20-byte payload that is not masked-ID. */
export function isEthAddress(address: Address): boolean {
  if (address.protocol !== Protocol.DELEGATED || address.namespace !== EAM_ACTOR_ID) return false;
  const sub = address.subaddress;
  return sub.length === ETH_ADDRESS_LEN && !isMaskedIdEthAddress(sub);
}

/** Parses `0x` + 40 hex digits (any case); the checksum case of EIP-55 is not required. */
export function parseEthAddress(text: string): EthAddress {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) {
    throw new AddressError('bad-length', `an Ethereum address is 0x followed by 40 hex digits, got "${text}"`);
  }
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
}

/** Lower-case `0x…`, as Lotus prints addresses. */
export function ethAddressToHex(eth: EthAddress): string {
  return bytesToHex(eth);
}

/** Address of a 65-byte uncompressed secp256k1 public key: keccak256(key[1:])[12:]. */
export function ethAddressFromPublicKey(publicKey: Uint8Array): EthAddress {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) {
    throw new AddressError('bad-length', 'public key must be 65 bytes, uncompressed (0x04 prefix)');
  }
  return keccak256(publicKey.subarray(1)).subarray(12);
}

function checkLength(eth: EthAddress): void {
  if (eth.length !== ETH_ADDRESS_LEN) {
    throw new AddressError('bad-length', `an Ethereum address is ${ETH_ADDRESS_LEN} bytes, got ${eth.length}`);
  }
}
