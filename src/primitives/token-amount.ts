// Token amounts: attoFIL as bigint, Filecoin's CBOR big-int bytes, and FIL formatting.
// Wire format (FEVM-FACTS §2.2; FVM:shared/src/bigint/bigint_ser.rs): a CBOR byte string holding a sign
// byte (0x00 positive, 0x01 negative) then the big-endian magnitude without leading zeros; zero is the
// empty byte string; at most 128 bytes. Does not own CBOR framing (ipld/ does) nor arithmetic rules.

import { InvalidInputError } from './errors.ts';

export const ATTO_PER_FIL = 10n ** 18n;
/** Largest serialized big-int Filecoin accepts, sign byte included. */
export const MAX_BIGINT_BYTES = 128;

export class TokenAmountError extends InvalidInputError {
  override readonly name = 'TokenAmountError';
}

/** Filecoin big-int bytes of `value` (sign byte ‖ big-endian magnitude; zero → empty). */
export function bigintToBytes(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  const negative = value < 0n;
  let hex = (negative ? -value : value).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (hex.length / 2 + 1 > MAX_BIGINT_BYTES) throw new TokenAmountError('big integer too large to serialize');
  const out = new Uint8Array(hex.length / 2 + 1);
  out[0] = negative ? 1 : 0;
  out.set(Buffer.from(hex, 'hex'), 1);
  return out;
}

/** Inverse of {@link bigintToBytes}; rejects a bad sign byte and over-long input. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  if (bytes.length > MAX_BIGINT_BYTES) throw new TokenAmountError('big integer too large to deserialize');
  const sign = bytes[0];
  if (sign !== 0 && sign !== 1) throw new TokenAmountError(`invalid big integer sign byte 0x${sign!.toString(16)}`);
  const magnitude = bytes.length > 1 ? BigInt(`0x${Buffer.from(bytes.subarray(1)).toString('hex')}`) : 0n;
  return sign === 1 ? -magnitude : magnitude;
}

/** `1.5 FIL`, `0 FIL`, `0.000000000000000001 FIL`: exact, trailing zeros trimmed. */
export function formatFil(atto: bigint): string {
  const negative = atto < 0n;
  const abs = negative ? -atto : atto;
  const whole = abs / ATTO_PER_FIL;
  const frac = (abs % ATTO_PER_FIL).toString().padStart(18, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''} FIL`;
}

/** Parses `"1.5"` or `"1.5 FIL"` (FIL) or `"100 attoFIL"` into attoFIL. */
export function parseFil(text: string): bigint {
  const match = /^\s*(-)?(\d+)(?:\.(\d{1,18}))?\s*(FIL|attoFIL)?\s*$/i.exec(text);
  if (!match) throw new TokenAmountError(`not an amount of FIL: "${text}"`);
  const [, minus, whole, frac, unit] = match;
  let atto: bigint;
  if (unit?.toLowerCase() === 'attofil') {
    if (frac) throw new TokenAmountError(`attoFIL amounts are whole numbers: "${text}"`);
    atto = BigInt(whole!);
  } else {
    atto = BigInt(whole!) * ATTO_PER_FIL + BigInt((frac ?? '').padEnd(18, '0'));
  }
  return minus ? -atto : atto;
}
