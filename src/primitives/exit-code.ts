// Filecoin exit codes, as ref-fvm numbers them (FEVM-FACTS §4.2; FVM:shared/src/error/mod.rs,
// BA:actors/evm/src/lib.rs). A table of data: which code a failure gets is decided in vm/ and actors/.

export const ExitCode = {
  OK: 0,
  SYS_SENDER_INVALID: 1,
  SYS_SENDER_STATE_INVALID: 2,
  SYS_ILLEGAL_INSTRUCTION: 4,
  SYS_INVALID_RECEIVER: 5,
  SYS_INSUFFICIENT_FUNDS: 6,
  SYS_OUT_OF_GAS: 7,
  SYS_ILLEGAL_EXIT_CODE: 9,
  SYS_ASSERTION_FAILED: 10,
  SYS_MISSING_RETURN: 11,
  USR_ILLEGAL_ARGUMENT: 16,
  USR_NOT_FOUND: 17,
  USR_FORBIDDEN: 18,
  USR_INSUFFICIENT_FUNDS: 19,
  USR_ILLEGAL_STATE: 20,
  USR_SERIALIZATION: 21,
  USR_UNHANDLED_MESSAGE: 22,
  USR_UNSPECIFIED: 23,
  USR_ASSERTION_FAILED: 24,
  USR_READ_ONLY: 25,
  USR_NOT_PAYABLE: 26,
  EVM_REVERTED: 33,
  EVM_INVALID_INSTRUCTION: 34,
  EVM_UNDEFINED_INSTRUCTION: 35,
  EVM_STACK_UNDERFLOW: 36,
  EVM_STACK_OVERFLOW: 37,
  EVM_ILLEGAL_MEMORY_ACCESS: 38,
  EVM_BAD_JUMPDEST: 39,
  EVM_SELFDESTRUCT_FAILED: 40,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCode = (typeof ExitCode)[ExitCodeName];

const namesByCode = new Map<number, ExitCodeName>(
  Object.entries(ExitCode).map(([name, code]) => [code, name as ExitCodeName]),
);

/** `SYS_OUT_OF_GAS(7)` for a known code, `ExitCode(123)` for any other. */
export function exitCodeToString(code: number): string {
  const name = namesByCode.get(code);
  return name ? `${name}(${code})` : `ExitCode(${code})`;
}

/** System exit codes (1..15) are set by the VM; actors may only exit with 0 or user codes (≥ 16). */
export function isSystemExitCode(code: number): boolean {
  return code > 0 && code < 16;
}
