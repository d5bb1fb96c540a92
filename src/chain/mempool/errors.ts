// Why the mempool refused a message (FEVM-FACTS §6.6; LOTUS:chain/messagepool/messagepool.go errors).
// One class per refusal so that callers (the RPC layer, tests) can tell them apart without reading the
// text. Where an Ethereum client looks for geth's words ("nonce too low", "replacement transaction
// underpriced", "insufficient funds for gas * price + value"), the message starts with them. Every
// refusal is bad input: the pool is unchanged after it. Mapping to JSON-RPC codes happens in rpc/.

import { InvalidInputError } from '../../primitives/index.ts';

/** Base of every mempool refusal. */
export abstract class MessageRejectedError extends InvalidInputError {
  abstract override readonly name: string;
}

/** The exact message (same CID) is already pending. */
export class AlreadyKnownError extends MessageRejectedError {
  override readonly name = 'AlreadyKnownError';
  constructor(cid: string) {
    super(`already known: message ${cid} is already pending`);
  }
}

/** The nonce was already used on chain. */
export class NonceTooLowError extends MessageRejectedError {
  override readonly name = 'NonceTooLowError';
  readonly nextNonce: bigint;
  readonly nonce: bigint;
  constructor(nextNonce: bigint, nonce: bigint) {
    super(`nonce too low: next nonce ${nextNonce}, tx nonce ${nonce}`);
    this.nextNonce = nextNonce;
    this.nonce = nonce;
  }
}

/** The nonce is too far above the next nonce the sender can use. */
export class NonceGapError extends MessageRejectedError {
  override readonly name = 'NonceGapError';
  readonly nextNonce: bigint;
  readonly nonce: bigint;
  constructor(nextNonce: bigint, nonce: bigint, maxGap: number) {
    super(`nonce gap too large: next nonce ${nextNonce}, tx nonce ${nonce}, at most ${maxGap} ahead allowed`);
    this.nextNonce = nextNonce;
    this.nonce = nonce;
  }
}

/** A message with the same sender and nonce is pending, and this one does not pay enough more. */
export class ReplacementUnderpricedError extends MessageRejectedError {
  override readonly name = 'ReplacementUnderpricedError';
  readonly minimumPremium: bigint;
  constructor(oldPremium: bigint, newPremium: bigint, minimumPremium: bigint) {
    super(
      `replacement transaction underpriced: gas premium ${newPremium}, the pending message's is ${oldPremium}, ` +
        `a replacement needs at least ${minimumPremium} (125%)`,
    );
    this.minimumPremium = minimumPremium;
  }
}

/** The fee cap is below the minimum base fee, so the message could never be included. */
export class FeeCapTooLowError extends MessageRejectedError {
  override readonly name = 'FeeCapTooLowError';
  constructor(feeCap: bigint, minimum: bigint) {
    super(`gas fee cap too low: fee cap ${feeCap}, minimum ${minimum} attoFIL`);
  }
}

/** The premium (max priority fee) exceeds the fee cap (max fee). */
export class PremiumAboveFeeCapError extends MessageRejectedError {
  override readonly name = 'PremiumAboveFeeCapError';
  constructor(premium: bigint, feeCap: bigint) {
    super(`gas premium above gas fee cap (max priority fee per gas higher than max fee per gas): premium ${premium}, fee cap ${feeCap}`);
  }
}

/** The value or the premium is negative. */
export class NegativeAmountError extends MessageRejectedError {
  override readonly name = 'NegativeAmountError';
  constructor(field: 'value' | 'gas premium', amount: bigint) {
    super(`${field} must not be negative: ${amount}`);
  }
}

/** The gas limit is zero, negative, not an integer, or above the block gas limit. */
export class GasLimitError extends MessageRejectedError {
  override readonly name = 'GasLimitError';
  constructor(gasLimit: number, maximum: number) {
    super(`gas limit out of range: gas limit ${gasLimit}, must be an integer above 0 and at most ${maximum}`);
  }
}

/**
 * The gas limit does not cover the message's inclusion (storing it on chain), so no block could include
 * it (LOTUS:chain/types/message.go `ValidForBlockInclusion`). Ethereum tools that estimate gas locally
 * (forge script's simulation) hit this: the limit is in Ethereum gas, the chain charges Filecoin gas.
 */
export class GasLimitTooLowError extends MessageRejectedError {
  override readonly name = 'GasLimitTooLowError';
  constructor(gasLimit: number, inclusion: number) {
    super(`intrinsic gas too low: gas limit ${gasLimit}, minimum needed ${inclusion} just to store this message on chain (Filecoin gas: ask eth_estimateGas for the limit)`);
  }
}

/** The serialized signed message is above the size limit. */
export class MessageTooLargeError extends MessageRejectedError {
  override readonly name = 'MessageTooLargeError';
  constructor(size: number, maximum: number) {
    super(`message too large: ${size} bytes, at most ${maximum} allowed`);
  }
}

/** The sender cannot pay the most the message may cost (plus what its other pending messages may cost). */
export class InsufficientFundsError extends MessageRejectedError {
  override readonly name = 'InsufficientFundsError';
  readonly balance: bigint;
  readonly cost: bigint;
  constructor(balance: bigint, cost: bigint, pendingCost: bigint) {
    const pending = pendingCost > 0n ? `, pending messages' cost ${pendingCost}` : '';
    super(`insufficient funds for gas * price + value: balance ${balance}, tx cost ${cost}${pending}`);
    this.balance = balance;
    this.cost = cost;
  }
}

/** The sender already has as many pending messages as a sender may have. */
export class TooManyPendingError extends MessageRejectedError {
  override readonly name = 'TooManyPendingError';
  constructor(sender: string, maximum: number) {
    super(`too many pending messages: sender ${sender} already has ${maximum}, the most allowed`);
  }
}
