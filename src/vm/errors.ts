// The two ways execution fails short of a bug (STYLE.md §6; FVM:shared/src/error/mod.rs):
// an actor aborting with an exit code (ActorError, which lands in a receipt) and a syscall refusing an
// operation (SyscallError with an ErrorNumber, which the calling actor sees and usually turns into an
// exit code). Bugs and corrupt stores are FatalError (primitives).

import { ExitCode, FevmError, exitCodeToString, isSystemExitCode } from '../primitives/index.ts';
import type { IpldBlock } from './ipld-block.ts';

/** Syscall error numbers (FVM:shared/src/error/mod.rs ErrorNumber). */
export const ErrorNumber = {
  IllegalArgument: 1,
  IllegalOperation: 2,
  LimitExceeded: 3,
  AssertionFailed: 4,
  InsufficientFunds: 5,
  NotFound: 6,
  InvalidHandle: 7,
  IllegalCid: 8,
  IllegalCodec: 9,
  Serialization: 10,
  Forbidden: 11,
  BufferTooSmall: 12,
  ReadOnly: 13,
} as const;
export type ErrorNumber = (typeof ErrorNumber)[keyof typeof ErrorNumber];

/** An actor stops with a non-zero exit code, optionally returning data (e.g. EVM revert data). */
export class ActorError extends FevmError {
  override readonly name = 'ActorError';
  readonly exitCode: number;
  readonly data: IpldBlock | null;
  /** The actor's words, without the exit code the message leads with. */
  readonly reason: string;

  constructor(exitCode: number, message: string, data: IpldBlock | null = null) {
    super(`${exitCodeToString(exitCode)}: ${message}`);
    this.exitCode = exitCode;
    this.reason = message;
    this.data = data;
  }
}

/** A syscall refused: the caller decides what that means (most actors abort with an exit code). */
export class SyscallError extends FevmError {
  override readonly name = 'SyscallError';
  readonly errno: ErrorNumber;

  constructor(errno: ErrorNumber, message: string) {
    super(message);
    this.errno = errno;
  }
}

/** The exit code builtin-actors gives a failed send it does not handle (BA:runtime `From<SendError>`). */
export function exitCodeForSyscallError(errno: ErrorNumber): number {
  switch (errno) {
    case ErrorNumber.NotFound:
      return ExitCode.USR_UNSPECIFIED;
    case ErrorNumber.InsufficientFunds:
      return ExitCode.USR_INSUFFICIENT_FUNDS;
    case ErrorNumber.ReadOnly:
      return ExitCode.USR_READ_ONLY;
    default:
      return ExitCode.USR_ASSERTION_FAILED;
  }
}

/** BA `ActorError::checked`: a callee's exit code passed on by its caller, system codes made user codes. */
export function checkedExitCode(code: number): number {
  if (code === ExitCode.SYS_MISSING_RETURN || code === ExitCode.SYS_ILLEGAL_INSTRUCTION || code === ExitCode.SYS_ILLEGAL_EXIT_CODE) return ExitCode.USR_UNSPECIFIED;
  return isSystemExitCode(code) ? ExitCode.USR_ASSERTION_FAILED : code;
}
