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

/** The block a message is kept as on chain: a BLS-signed one bare, others with their signature. */
export interface MessageBlock {
  cid: CID;
  bytes: Uint8Array;
}

export function signedMessageBlock(signed: SignedMessage): MessageBlock {
  const bytes = signed.signature.type === SignatureType.BLS ? encodeMessage(signed.message) : encodeSignedMessage(signed);
  return { cid: blockCid(bytes), bytes };
}

/** The CID a signed message is known by on chain. */
export function signedMessageCid(signed: SignedMessage): CID {
  return signedMessageBlock(signed).cid;
}

/** Bytes the inclusion gas is charged on: the signed message, or the bare message for BLS. */
export function chainMessageSize(signed: SignedMessage): number {
  return signedMessageBlock(signed).bytes.length;
}
