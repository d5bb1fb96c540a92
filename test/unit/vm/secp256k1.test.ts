// Filecoin secp256k1 signatures: signing the message CID the Lotus way, verifying, refusing tampering.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { messageCid } from '../../../src/ipld/index.ts';
import { Address, type Message } from '../../../src/primitives/index.ts';
import { SignatureError, recoverSecp256k1Signer, secp256k1Address, signMessageSecp256k1, verifyMessageSignature } from '../../../src/vm/index.ts';

const key = new Uint8Array(32).fill(0x11);
const from = secp256k1Address(key);
const message: Message = { version: 0, to: Address.newId(100), from, sequence: 0n, value: 1n, gasLimit: 1_000_000, gasFeeCap: 200n, gasPremium: 100n, method: 0, params: new Uint8Array(0) };

describe('secp256k1 signatures', () => {
  it('signs the message CID and verifies: 65 bytes r ‖ s ‖ v', () => {
    const signed = signMessageSecp256k1(message, key);
    assert.equal(signed.signature.data.length, 65);
    assert.ok(signed.signature.data[64]! <= 1);
    verifyMessageSignature(signed, from, 31415926);
    assert.ok(recoverSecp256k1Signer(messageCid(message).bytes, signed.signature.data)?.equals(from));
  });

  it('a changed message or another sender fails verification', () => {
    const signed = signMessageSecp256k1(message, key);
    assert.throws(() => verifyMessageSignature({ ...signed, message: { ...message, value: 2n } }, from, 31415926), SignatureError);
    assert.throws(() => verifyMessageSignature(signed, secp256k1Address(new Uint8Array(32).fill(0x22)), 31415926), /not by the sender/);
  });

  it('BLS signatures are refused on this devnet', () => {
    assert.throws(() => verifyMessageSignature({ message, signature: { type: 2, data: new Uint8Array(96) } }, from, 31415926), /BLS/);
  });
});
