// The checks of a message that need neither chain state nor the rest of the pool (FEVM-FACTS §6.6, §8.1;
// LOTUS:chain/messagepool/messagepool.go `checkMessage`, chain/types/message.go `ValidForBlockInclusion`):
// size, gas limit (at most the block's, at least the message's inclusion cost), fee cap, premium, signs
// of amounts. Signatures are not checked here; the caller does.

import { chainMessageSize, encodeSignedMessage } from '../../ipld/index.ts';
import { prices } from '../../vm/index.ts';
import { BLOCK_GAS_LIMIT } from '../blocks/base-fee.ts';
import { SignatureType, type Message, type SignedMessage } from '../../primitives/index.ts';
import { FeeCapTooLowError, GasLimitError, GasLimitTooLowError, MessageTooLargeError, NegativeAmountError, PremiumAboveFeeCapError } from './errors.ts';

/** Lotus's MinimumBaseFee: a fee cap below it could never be included. */
export const MIN_GAS_FEE_CAP = 100n;
/** The block gas limit, which is also the most one message may ask for. */
export const MAX_MESSAGE_GAS_LIMIT = BLOCK_GAS_LIMIT;
/** Lotus's MaxMessageSize, on the serialized signed message. */
export const MAX_MESSAGE_SIZE = 64 * 1024;

/** Throws the refusal of the first check the message fails. */
export function checkMessage(signed: SignedMessage): void {
  const m = signed.message;
  if (!Number.isSafeInteger(m.gasLimit) || m.gasLimit <= 0 || m.gasLimit > MAX_MESSAGE_GAS_LIMIT) {
    throw new GasLimitError(m.gasLimit, MAX_MESSAGE_GAS_LIMIT);
  }
  if (m.value < 0n) throw new NegativeAmountError('value', m.value);
  if (m.gasPremium < 0n) throw new NegativeAmountError('gas premium', m.gasPremium);
  if (m.gasFeeCap < MIN_GAS_FEE_CAP) throw new FeeCapTooLowError(m.gasFeeCap, MIN_GAS_FEE_CAP);
  if (m.gasPremium > m.gasFeeCap) throw new PremiumAboveFeeCapError(m.gasPremium, m.gasFeeCap);
  // Last: encoding needs the numbers above to be sane.
  const size = encodeSignedMessage(signed).length;
  if (size > MAX_MESSAGE_SIZE) throw new MessageTooLargeError(size, MAX_MESSAGE_SIZE);
  // Inclusion is charged on the chain's copy: the same bytes, except that a BLS message is kept bare.
  const chainSize = signed.signature.type === SignatureType.BLS ? chainMessageSize(signed) : size;
  const inclusion = Math.ceil(prices.onChainMessage(chainSize));
  if (m.gasLimit < inclusion) throw new GasLimitTooLowError(m.gasLimit, inclusion);
}

/** The most the message can take from its sender: every unit of gas at the fee cap, plus the value. */
export function maxCost(m: Message): bigint {
  return m.gasFeeCap * BigInt(m.gasLimit) + m.value;
}
