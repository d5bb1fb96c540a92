// Messages as IPLD blocks (FEVM-FACTS §2.7): their dag-cbor bytes, CIDs and serialized sizes. A secp- or
// delegated-signed message is identified by the CID of the SignedMessage; a BLS-signed one by the CID of
// the bare message (LOTUS:chain/types/signedmessage.go).

import {
  SignatureType,
  messageToIpld,
  signedMessageToIpld,
  type Message,
  type SignedMessage,
} from '../primitives/index.ts';
import { blockCid, encodeCbor, type CID } from './block.ts';

export function encodeMessage(message: Message): Uint8Array {
  return encodeCbor(messageToIpld(message));
}

export function encodeSignedMessage(signed: SignedMessage): Uint8Array {
  return encodeCbor(signedMessageToIpld(signed));
}

export function messageCid(message: Message): CID {
  return blockCid(encodeMessage(message));
}

/** The CID a signed message is known by on chain. */
export function signedMessageCid(signed: SignedMessage): CID {
  return signed.signature.type === SignatureType.BLS ? messageCid(signed.message) : blockCid(encodeSignedMessage(signed));
}

/** Bytes the inclusion gas is charged on: the signed message, or the bare message for BLS. */
export function chainMessageSize(signed: SignedMessage): number {
  return signed.signature.type === SignatureType.BLS ? encodeMessage(signed.message).length : encodeSignedMessage(signed).length;
}
