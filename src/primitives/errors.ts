// The error base class every error of ours derives from, and the fatal kind.
// Three kinds of failure exist (STYLE.md §6): fatal errors (a bug or a corrupt store: the node stops),
// exit codes (they land in a receipt; see vm/), and JSON-RPC errors (made in rpc/ from the other two).
// This file owns only the base class and the fatal kind; it maps nothing to JSON-RPC.

export interface FevmErrorOptions {
  /** What went wrong underneath, kept as a chain for logs. */
  cause?: unknown;
  /** Longer explanation for a person, printed after the short message. */
  details?: string;
}

/** Base of every error of ours: a short message a person understands, optional details, a cause chain. */
export abstract class FevmError extends Error {
  /** Stable machine-readable name of the error kind, e.g. `AddressError`. */
  abstract override readonly name: string;
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, options: FevmErrorOptions = {}) {
    super(options.details ? `${shortMessage}: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** A broken invariant or a corrupt store. Never caught to continue: the node stops on it. */
export class FatalError extends FevmError {
  override readonly name = 'FatalError';
}

/** A value given to us (by a user, a client or a caller) that cannot be what it claims to be. */
export class InvalidInputError extends FevmError {
  override readonly name: string = 'InvalidInputError';
}
