// The one error of the eth layer: a chain message that cannot be shown as an Ethereum transaction
// (a delegated signature over a message shape no Ethereum transaction produces, a sender without an
// Ethereum address). The rpc layer maps it to a JSON-RPC error; this layer maps nothing.

import { InvalidInputError } from '../primitives/index.ts';

export class EthTranslationError extends InvalidInputError {
  override readonly name = 'EthTranslationError';
}
