// Filecoin messages, signatures and signed messages as plain data (FEVM-FACTS §2.7; FVM:shared/src/
// message.rs; GST:crypto/signature.go). The CBOR tuples are built here as IPLD values; hashing them into
// CIDs and sizes is done by whoever holds an encoder (ipld/ `messageCid`-style helpers), so this file
// stays free of codecs.

import { Address } from './address/address.ts';
import { InvalidInputError } from './errors.ts';
import { bigintToBytes, bytesToBigint } from './token-amount.ts';

export interface Message {
  /** Always 0 today. */
  readonly version: number;
  readonly to: Address;
  readonly from: Address;
  /** The sender's nonce. */
  readonly sequence: bigint;
  /** attoFIL sent along. */
  readonly value: bigint;
  /** Filecoin gas units. */
  readonly gasLimit: number;
  readonly gasFeeCap: bigint;
  readonly gasPremium: bigint;
  readonly method: number;
  /** The parameters as serialized by the sender (CBOR for actor methods; may be empty). */
  readonly params: Uint8Array;
}

export const SignatureType = { SECP256K1: 1, BLS: 2, DELEGATED: 3 } as const;
export type SignatureType = (typeof SignatureType)[keyof typeof SignatureType];

export interface Signature {
  readonly type: SignatureType;
  readonly data: Uint8Array;
}

export interface SignedMessage {
  readonly message: Message;
  readonly signature: Signature;
}

export class MessageFormatError extends InvalidInputError {
  override readonly name = 'MessageFormatError';
}

/** The message's CBOR tuple `[version, to, from, nonce, value, gas_limit, fee_cap, premium, method, params]`. */
export function messageToIpld(m: Message): unknown[] {
  return [
    m.version,
    m.to.bytes,
    m.from.bytes,
    m.sequence,
    bigintToBytes(m.value),
    m.gasLimit,
    bigintToBytes(m.gasFeeCap),
    bigintToBytes(m.gasPremium),
    m.method,
    m.params,
  ];
}

/** A signature as CBOR carries it: one byte string, type byte ‖ data. */
export function signatureToBytes(sig: Signature): Uint8Array {
  const out = new Uint8Array(sig.data.length + 1);
  out[0] = sig.type;
  out.set(sig.data, 1);
  return out;
}

export function signatureFromBytes(bytes: Uint8Array): Signature {
  const type = bytes[0];
  if (type !== SignatureType.SECP256K1 && type !== SignatureType.BLS && type !== SignatureType.DELEGATED) {
    throw new MessageFormatError(`unknown signature type ${String(type)}`);
  }
  return { type, data: bytes.subarray(1) };
}

export function signedMessageToIpld(sm: SignedMessage): unknown[] {
  return [messageToIpld(sm.message), signatureToBytes(sm.signature)];
}

/** Reads a message tuple; anything malformed is bad input (it came from outside). */
export function messageFromIpld(value: unknown): Message {
  if (!Array.isArray(value) || value.length !== 10) throw new MessageFormatError('a message is a 10-field CBOR tuple');
  const [version, to, from, sequence, val, gasLimit, feeCap, premium, method, params] = value as unknown[];
  if (version !== 0) throw new MessageFormatError(`unsupported message version ${String(version)}`);
  return {
    version: 0,
    to: Address.fromBytes(bytesField(to, 'to')),
    from: Address.fromBytes(bytesField(from, 'from')),
    sequence: BigInt(intField(sequence, 'nonce')),
    value: bytesToBigint(bytesField(val, 'value')),
    gasLimit: Number(intField(gasLimit, 'gas limit')),
    gasFeeCap: bytesToBigint(bytesField(feeCap, 'gas fee cap')),
    gasPremium: bytesToBigint(bytesField(premium, 'gas premium')),
    method: Number(intField(method, 'method')),
    params: bytesField(params, 'params'),
  };
}

export function signedMessageFromIpld(value: unknown): SignedMessage {
  if (!Array.isArray(value) || value.length !== 2) throw new MessageFormatError('a signed message is a [message, signature] tuple');
  return { message: messageFromIpld(value[0]), signature: signatureFromBytes(bytesField(value[1], 'signature')) };
}

function bytesField(v: unknown, name: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new MessageFormatError(`message field ${name} must be a byte string`);
  return v;
}

function intField(v: unknown, name: string): number | bigint {
  if ((typeof v !== 'number' || !Number.isInteger(v)) && typeof v !== 'bigint') throw new MessageFormatError(`message field ${name} must be an integer`);
  if (v < 0 || (typeof v === 'bigint' && v > BigInt(Number.MAX_SAFE_INTEGER) && name !== 'nonce')) {
    throw new MessageFormatError(`message field ${name} is out of range`);
  }
  return v;
}
