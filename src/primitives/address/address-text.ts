// Parsing the text form of Filecoin addresses (FEVM-FACTS §1.2), with an error that names what is wrong.
// Rules follow go-address and ref-fvm: network `f` or `t`, protocol digit 0-4, ids below 2^63, lower-case
// unpadded base32, a 4-byte blake2b checksum over protocol byte ‖ binary payload (for f4 the LEB128
// namespace is inside the checksummed payload though it is printed in decimal). Also stricter than Lotus
// in one place: ids and namespaces must be written without leading zeros, so each address has one text.

import { blake2bChecksum } from '../hash.ts';
import { bytesEqual } from '../bytes.ts';
import { Address, Protocol, type Network } from './address.ts';
import { AddressError } from './address-error.ts';
import { base32Decode } from './base32.ts';
import { encodeUvarint } from './leb128.ts';

/** ref-fvm's limit on the text length of an address. */
export const MAX_ADDRESS_TEXT_LEN = 138;
const CHECKSUM_LEN = 4;

export interface ParsedAddress {
  address: Address;
  network: Network;
}

/** Parses `f…`/`t…` text; throws {@link AddressError} whose reason and message say what is wrong. */
export function parseAddress(text: string): ParsedAddress {
  if (text.length === 0) throw new AddressError('empty', 'address is empty');
  if (text.length < 3 || text.length > MAX_ADDRESS_TEXT_LEN) {
    throw new AddressError('bad-length', `address text must be 3 to ${MAX_ADDRESS_TEXT_LEN} characters, got ${text.length}`);
  }
  const network = text[0];
  if (network !== 'f' && network !== 't') {
    throw new AddressError('unknown-network', `unknown network prefix "${network}": Filecoin addresses start with f (mainnet) or t (testnets)`);
  }
  const protocol = Number(text[1]);
  const rest = text.slice(2);
  switch (text[1]) {
    case '0':
      return { network, address: Address.newId(parseDecimal(rest, 'actor id')) };
    case '1':
    case '2':
    case '3':
      return { network, address: parseChecksummed(protocol as Protocol, rest, new Uint8Array(0)) };
    case '4': {
      const sep = rest.indexOf('f');
      if (sep <= 0) throw new AddressError('bad-namespace', 'f4 address needs a decimal namespace followed by "f"');
      const namespace = parseDecimal(rest.slice(0, sep), 'namespace');
      return { network, address: parseChecksummed(Protocol.DELEGATED, rest.slice(sep + 1), encodeUvarint(namespace)) };
    }
    default:
      throw new AddressError('unknown-protocol', `unknown address protocol "${text[1]}": expected 0, 1, 2, 3 or 4`);
  }
}

function parseDecimal(digits: string, what: string): bigint {
  if (!/^(0|[1-9][0-9]*)$/.test(digits)) {
    throw new AddressError(what === 'namespace' ? 'bad-namespace' : 'bad-id', `${what} must be a decimal number without leading zeros, got "${digits}"`);
  }
  if (digits.length > 19 || BigInt(digits) >= 1n << 63n) {
    throw new AddressError('id-too-large', `${what} ${digits} is ≥ 2^63`);
  }
  return BigInt(digits);
}

/** base32(payload ‖ checksum) → address; `prefix` is what precedes the payload in the binary form (f4 namespace). */
function parseChecksummed(protocol: Protocol, encoded: string, prefix: Uint8Array): Address {
  const decoded = base32Decode(encoded);
  if ('error' in decoded) throw new AddressError('bad-base32', `bad base32 in "${encoded}": ${decoded.error}`);
  const raw = decoded.bytes;
  if (raw.length < CHECKSUM_LEN) throw new AddressError('bad-length', 'address payload is too short to hold a checksum');
  const payload = raw.subarray(0, raw.length - CHECKSUM_LEN);
  const checksum = raw.subarray(raw.length - CHECKSUM_LEN);
  const bytes = Uint8Array.from([protocol, ...prefix, ...payload]);
  const address = Address.fromBytes(bytes);
  if (!bytesEqual(blake2bChecksum(bytes), checksum)) {
    throw new AddressError('bad-checksum', 'address checksum does not match: a character is wrong or missing');
  }
  return address;
}
