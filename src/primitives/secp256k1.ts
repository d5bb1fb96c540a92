// secp256k1 public-key recovery, run for every Ethereum transaction (its sender), every f1 signature and
// every ECRECOVER. libsecp256k1 through the `secp256k1` package's N-API binding (prebuilt for linux-x64,
// darwin-arm64 and win32-x64) takes about 60 µs; @noble/curves in JavaScript about 1.7 ms, and is the
// fallback where the binding does not load. Both give the same key for the same signature.

import { createRequire } from 'node:module';
import { secp256k1 } from '@noble/curves/secp256k1.js';

interface NativeSecp256k1 {
  ecdsaRecover(signature: Uint8Array, recoveryId: number, digest: Uint8Array, compressed: boolean): Uint8Array;
}

function loadNative(): NativeSecp256k1 | undefined {
  try {
    // The binding itself, not the package's main module, which falls back to elliptic (slower than noble).
    return createRequire(import.meta.url)('secp256k1/bindings.js') as NativeSecp256k1;
  } catch {
    return undefined;
  }
}

const native = process.env.FEVM_PURE_JS_SECP256K1 === '1' ? undefined : loadNative();

/** Which implementation recovers keys in this process: 'libsecp256k1' or 'noble'. */
export const secp256k1Backend: 'libsecp256k1' | 'noble' = native ? 'libsecp256k1' : 'noble';

/**
 * The 65-byte uncompressed public key (0x04 ‖ x ‖ y) that made `signature` (r ‖ s, 64 bytes) over the
 * 32-byte `digest` with recovery id 0 to 3, or undefined when it does not recover.
 */
export function recoverSecp256k1PublicKey(digest: Uint8Array, signature: Uint8Array, recoveryId: number): Uint8Array | undefined {
  if (digest.length !== 32 || signature.length !== 64 || !(recoveryId >= 0 && recoveryId <= 3)) return undefined;
  try {
    if (native) return native.ecdsaRecover(signature, recoveryId, digest, false);
    const recovered = new Uint8Array(65);
    recovered[0] = recoveryId;
    recovered.set(signature, 1);
    return secp256k1.Point.fromBytes(secp256k1.recoverPublicKey(recovered, digest, { prehash: false })).toBytes(false);
  } catch {
    return undefined;
  }
}
