// Filecoin messages: the 10-field CBOR tuple in Lotus's order, signatures as type byte ‖ data, and the
// CID a signed message is known by.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCbor, encodeMessage, encodeSignedMessage, messageCid, signedMessageCid } from '../../../src/ipld/index.ts';
import {
  Address,
  MessageFormatError,
  SignatureType,
  messageFromIpld,
  signedMessageFromIpld,
  type Message,
} from '../../../src/primitives/index.ts';

const message: Message = {
  version: 0,
  to: Address.newId(1001),
  from: Address.newId(1000),
  sequence: 7n,
  value: 10n ** 18n,
  gasLimit: 1_000_000,
  gasFeeCap: 200n,
  gasPremium: 100n,
  method: 0,
  params: new Uint8Array(0),
};

describe('messages', () => {
  it('encode as [version, to, from, nonce, value, gas limit, fee cap, premium, method, params]', () => {
    const tuple = decodeCbor<unknown[]>(encodeMessage(message));
    assert.equal(tuple.length, 10);
    assert.deepEqual(tuple[1], message.to.bytes);
    assert.deepEqual(tuple[2], message.from.bytes);
    assert.equal(tuple[3], 7);
    assert.deepEqual(tuple[4], Uint8Array.of(0, 0x0d, 0xe0, 0xb6, 0xb3, 0xa7, 0x64, 0x00, 0x00));
    assert.deepEqual(messageFromIpld(tuple), message);
  });

  it('a secp-signed message is known by the CID of the signed message, a BLS one by the bare message', () => {
    const secp = { message, signature: { type: SignatureType.SECP256K1, data: new Uint8Array(65).fill(1) } };
    const bls = { message, signature: { type: SignatureType.BLS, data: new Uint8Array(96).fill(2) } };
    assert.notEqual(signedMessageCid(secp).toString(), messageCid(message).toString());
    assert.equal(signedMessageCid(bls).toString(), messageCid(message).toString());
    const back = signedMessageFromIpld(decodeCbor(encodeSignedMessage(secp)));
    assert.equal(back.signature.type, SignatureType.SECP256K1);
    assert.deepEqual(back.message, message);
  });

  it('refuses malformed tuples with a clear error', () => {
    assert.throws(() => messageFromIpld([1, 2, 3]), MessageFormatError);
    assert.throws(() => messageFromIpld([1, ...decodeCbor<unknown[]>(encodeMessage(message)).slice(1)]), /version/);
  });
});
