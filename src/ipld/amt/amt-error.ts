// Why an AMT refused a caller's request: a bad index, value or option. Each reason has its own words.
// A malformed node read from the store is not one of these: that is a corrupt store, a `FatalError`.

import { InvalidInputError } from '../../primitives/index.ts';

export type AmtErrorReason =
  /** Not an integer in 0..AMT_MAX_INDEX (2^64 - 2). */
  | 'bad-index'
  /** An index too large for a JS number met where only numbers are handed out (`entries`). */
  | 'index-not-safe'
  /** `undefined`, or something dag-cbor cannot encode. */
  | 'bad-value'
  | 'bad-options'
  /** `load` was told a bit width the stored root does not have. */
  | 'bit-width-mismatch';

export class AmtError extends InvalidInputError {
  override readonly name = 'AmtError';
  readonly reason: AmtErrorReason;

  constructor(reason: AmtErrorReason, message: string, cause?: unknown) {
    super(message, { cause });
    this.reason = reason;
  }
}
