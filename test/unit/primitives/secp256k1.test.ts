// Public-key recovery: the native libsecp256k1 binding answers what @noble/curves answers, for every
// recovery id, and refuses what does not recover instead of throwing.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { recoverSecp256k1PublicKey, secp256k1Backend } from '../../../src/primitives/index.ts';

describe('recoverSecp256k1PublicKey', () => {
  it('uses libsecp256k1 on this platform (prebuilt for linux-x64)', () => {
    if (process.platform === 'linux' && process.arch === 'x64') assert.equal(secp256k1Backend, 'libsecp256k1');
  });

  it('recovers the signer of 50 random digests as @noble/curves does', () => {
    for (let i = 0; i < 50; i++) {
      const key = secp256k1.utils.randomSecretKey();
      const digest = randomBytes(32);
      const recovered = secp256k1.sign(digest, key, { prehash: false, format: 'recovered' });
      const publicKey = recoverSecp256k1PublicKey(digest, recovered.subarray(1), recovered[0]!);
      assert.deepEqual(publicKey, secp256k1.getPublicKey(key, false));
    }
  });

  it('answers undefined for a zero signature, a wrong length, an r above the order and recovery id 4', () => {
    const digest = randomBytes(32);
    assert.equal(recoverSecp256k1PublicKey(digest, new Uint8Array(64), 0), undefined);
    assert.equal(recoverSecp256k1PublicKey(digest, new Uint8Array(63), 0), undefined);
    assert.equal(recoverSecp256k1PublicKey(digest, new Uint8Array(64).fill(0xff), 1), undefined);
    assert.equal(recoverSecp256k1PublicKey(digest, randomBytes(64), 4), undefined);
  });
});
