// Why a signature or a signed Ethereum transaction was refused, in words a person can act on.

import { InvalidInputError } from '../../primitives/index.ts';

export class SignatureError extends InvalidInputError {
  override readonly name = 'SignatureError';
}
