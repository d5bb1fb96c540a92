// Filecoin secp256k1 signatures (type 1), as Lotus makes them (lib/sigs/secp): the signer hashes the
// message CID bytes with blake2b-256 and signs that digest; the 65-byte signature is r ‖ s ‖ v with
// v ∈ {0, 1}. Verification recovers the public key and compares its f1 address with the sender.

import { secp256k1 } from '@noble/curves/secp256k1.js';
import { messageCid } from '../../ipld/index.ts';
import {
  Address,
  SignatureType,
  blake2b256,
  bytesEqual,
  concatBytes,
  recoverSecp256k1PublicKey,
  type Message,
  type SignedMessage,
} from '../../primitives/index.ts';
import { SignatureError } from './signature-error.ts';

export function secp256k1Address(privateKey: Uint8Array): Address {
  return Address.newSecp256k1(secp256k1.getPublicKey(privateKey, false));
}

/** Signs arbitrary data the Filecoin way: blake2b-256 of the data, then r ‖ s ‖ v. */
export function signSecp256k1(data: Uint8Array, privateKey: Uint8Array): Uint8Array {
  const recovered = secp256k1.sign(blake2b256(data), privateKey, { prehash: false, format: 'recovered' });
  return concatBytes(recovered.subarray(1), recovered.subarray(0, 1));
}

/** The f1 address that signed `data`, or undefined if the signature does not recover. */
export function recoverSecp256k1Signer(data: Uint8Array, signature: Uint8Array): Address | undefined {
  if (signature.length !== 65 || signature[64]! > 3) return undefined;
  try {
    const publicKey = recoverSecp256k1PublicKey(blake2b256(data), signature.subarray(0, 64), signature[64]!);
    return publicKey && Address.newSecp256k1(publicKey);
  } catch {
    return undefined;
  }
}

export function signMessageSecp256k1(message: Message, privateKey: Uint8Array): SignedMessage {
  return { message, signature: { type: SignatureType.SECP256K1, data: signSecp256k1(messageCid(message).bytes, privateKey) } };
}

/** Throws SignatureError unless `signed` carries a valid secp256k1 signature by its sender's key. */
export function verifySecp256k1Message(signed: SignedMessage, senderKey: Address): void {
  const signer = recoverSecp256k1Signer(messageCid(signed.message).bytes, signed.signature.data);
  if (!signer) throw new SignatureError('invalid secp256k1 signature');
  if (!bytesEqual(signer.bytes, senderKey.bytes)) throw new SignatureError(`message was signed by ${signer}, not by the sender ${senderKey}`);
}
