// One entry point for message signatures: secp256k1 (f1 senders), delegated (Ethereum transactions).
// BLS is refused: this devnet has no BLS accounts.

import { SignatureType, type Address, type SignedMessage } from '../../primitives/index.ts';
import { verifyDelegatedMessage } from './delegated.ts';
import { verifySecp256k1Message } from './secp256k1.ts';
import { SignatureError } from './signature-error.ts';

/**
 * Throws SignatureError unless `signed` is validly signed. `senderKey` is the sender's key address
 * (for f1 senders given by id, the f1 the init actor maps to it).
 */
export function verifyMessageSignature(signed: SignedMessage, senderKey: Address, chainId: number): void {
  switch (signed.signature.type) {
    case SignatureType.SECP256K1:
      return verifySecp256k1Message(signed, senderKey);
    case SignatureType.DELEGATED:
      verifyDelegatedMessage(signed, chainId);
      return;
    case SignatureType.BLS:
      throw new SignatureError('BLS signatures are not supported on this devnet');
  }
}
