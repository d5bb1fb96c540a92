// Filecoin addresses: the five protocols and their binary form (FEVM-FACTS §1.1).
// Binary = protocol byte ‖ payload; ID payload = LEB128 id; f1/f2 = 20-byte blake2b-160; f3 = 48-byte
// BLS key; f4 = LEB128 namespace ‖ subaddress (≤ 54 bytes). Text form lives in address-text.ts and the
// Ethereum views (f410, masked-ID) in eth-address.ts; this file owns the value and its bytes.

import { blake2b160, blake2bChecksum } from '../hash.ts';
import { bytesEqual, bytesToHex } from '../bytes.ts';
import { AddressError } from './address-error.ts';
import { base32Encode } from './base32.ts';
import { decodeUvarint, encodeUvarint } from './leb128.ts';

export const Protocol = { ID: 0, SECP256K1: 1, ACTOR: 2, BLS: 3, DELEGATED: 4 } as const;
export type Protocol = (typeof Protocol)[keyof typeof Protocol];

/** Text prefix of the network: `f` for mainnet, `t` for every testnet and devnet (Lotus 2k included). */
export type Network = 'f' | 't';

/** Largest actor id go-address accepts (ids are int64 on Lotus's side). */
export const MAX_ACTOR_ID = (1n << 63n) - 1n;
export const MAX_SUBADDRESS_LEN = 54;
export const PAYLOAD_HASH_LEN = 20;
export const BLS_PUBLIC_KEY_LEN = 48;
export const SECP_PUBLIC_KEY_LEN = 65;

/** An immutable Filecoin address. Compare with {@link Address.equals}; key maps with {@link Address.key}. */
export class Address {
  readonly protocol: Protocol;
  /** The whole binary form: protocol byte ‖ payload (what CBOR carries as a byte string). */
  readonly bytes: Uint8Array;

  private constructor(protocol: Protocol, bytes: Uint8Array) {
    this.protocol = protocol;
    this.bytes = bytes;
  }

  /** Everything after the protocol byte. */
  get payload(): Uint8Array {
    return this.bytes.subarray(1);
  }

  /** The actor id of an ID address. */
  get id(): bigint {
    if (this.protocol !== Protocol.ID) throw new AddressError('bad-id', `not an ID address: protocol ${this.protocol}`);
    return (decodeUvarint(this.bytes, 1) as { value: bigint }).value;
  }

  /** The namespace (the managing actor's id) of a delegated (f4) address. */
  get namespace(): bigint {
    return this.delegatedParts().namespace;
  }

  /** The subaddress of a delegated (f4) address (for namespace 10: the 20-byte Ethereum address). */
  get subaddress(): Uint8Array {
    return this.delegatedParts().subaddress;
  }

  /**
   * The text form (FEVM-FACTS §1.2): `f01234`, `f1…`/`f2…`/`f3…` as base32(payload ‖ checksum),
   * `f4<namespace>f<base32(subaddress ‖ checksum)>`. The checksum covers the whole binary form.
   */
  toString(network: Network = 'f'): string {
    if (this.protocol === Protocol.ID) return `${network}0${this.id}`;
    const checksum = blake2bChecksum(this.bytes);
    if (this.protocol === Protocol.DELEGATED) {
      const { namespace, subaddress } = this.delegatedParts();
      return `${network}4${namespace}f${base32Encode(Uint8Array.from([...subaddress, ...checksum]))}`;
    }
    return `${network}${this.protocol}${base32Encode(Uint8Array.from([...this.payload, ...checksum]))}`;
  }

  /** A string usable as a Map key: the binary form in hex. */
  key(): string {
    return bytesToHex(this.bytes);
  }

  equals(other: Address): boolean {
    return bytesEqual(this.bytes, other.bytes);
  }

  private delegatedParts(): { namespace: bigint; subaddress: Uint8Array } {
    if (this.protocol !== Protocol.DELEGATED) {
      throw new AddressError('bad-namespace', `not a delegated (f4) address: protocol ${this.protocol}`);
    }
    const ns = decodeUvarint(this.bytes, 1) as { value: bigint; length: number };
    return { namespace: ns.value, subaddress: this.bytes.subarray(1 + ns.length) };
  }

  /** Reads the binary form, checking it as ref-fvm and go-address do. */
  static fromBytes(bytes: Uint8Array): Address {
    if (bytes.length === 0) throw new AddressError('empty', 'address bytes are empty');
    const protocol = bytes[0]!;
    const payload = bytes.subarray(1);
    switch (protocol) {
      case Protocol.ID: {
        const id = decodeUvarint(bytes, 1);
        if ('error' in id) throw new AddressError('bad-payload', `ID address payload: ${id.error}`);
        if (id.length !== payload.length) throw new AddressError('bad-length', 'ID address has trailing bytes');
        checkId(id.value);
        break;
      }
      case Protocol.SECP256K1:
      case Protocol.ACTOR:
        if (payload.length !== PAYLOAD_HASH_LEN) {
          throw new AddressError('bad-length', `f${protocol} payload must be ${PAYLOAD_HASH_LEN} bytes, got ${payload.length}`);
        }
        break;
      case Protocol.BLS:
        if (payload.length !== BLS_PUBLIC_KEY_LEN) {
          throw new AddressError('bad-length', `f3 payload must be ${BLS_PUBLIC_KEY_LEN} bytes, got ${payload.length}`);
        }
        break;
      case Protocol.DELEGATED: {
        const ns = decodeUvarint(bytes, 1);
        if ('error' in ns) throw new AddressError('bad-namespace', `f4 namespace: ${ns.error}`);
        checkId(ns.value, 'namespace');
        const sub = payload.length - ns.length;
        if (sub > MAX_SUBADDRESS_LEN) {
          throw new AddressError('bad-length', `f4 subaddress is ${sub} bytes, at most ${MAX_SUBADDRESS_LEN} allowed`);
        }
        break;
      }
      default:
        throw new AddressError('unknown-protocol', `unknown address protocol ${protocol}`);
    }
    return new Address(protocol as Protocol, Uint8Array.from(bytes));
  }

  static newId(id: bigint | number): Address {
    const value = BigInt(id);
    checkId(value);
    return new Address(Protocol.ID, withProtocol(Protocol.ID, encodeUvarint(value)));
  }

  /** f1 from a 65-byte uncompressed secp256k1 public key. */
  static newSecp256k1(publicKey: Uint8Array): Address {
    if (publicKey.length !== SECP_PUBLIC_KEY_LEN) {
      throw new AddressError('bad-length', `secp256k1 public key must be ${SECP_PUBLIC_KEY_LEN} bytes uncompressed`);
    }
    return new Address(Protocol.SECP256K1, withProtocol(Protocol.SECP256K1, blake2b160(publicKey)));
  }

  /** f2 from the data it is derived from (FEVM-FACTS §3.5). */
  static newActor(data: Uint8Array): Address {
    return new Address(Protocol.ACTOR, withProtocol(Protocol.ACTOR, blake2b160(data)));
  }

  /** f3 from a 48-byte BLS public key. */
  static newBls(publicKey: Uint8Array): Address {
    return Address.fromBytes(withProtocol(Protocol.BLS, publicKey));
  }

  /** f4 from a namespace (the managing actor's id) and a subaddress. */
  static newDelegated(namespace: bigint | number, subaddress: Uint8Array): Address {
    const ns = BigInt(namespace);
    checkId(ns, 'namespace');
    return Address.fromBytes(withProtocol(Protocol.DELEGATED, Uint8Array.from([...encodeUvarint(ns), ...subaddress])));
  }
}

function withProtocol(protocol: Protocol, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = protocol;
  out.set(payload, 1);
  return out;
}

function checkId(value: bigint, what = 'actor id'): void {
  if (value > MAX_ACTOR_ID) throw new AddressError('id-too-large', `${what} ${value} is ≥ 2^63`);
}
