// The Filecoin exit code an EVM failure gets (FEVM-FACTS §4.2; BA:actors/evm/src/interpreter): REVERT → 33
// with its data, INVALID (0xfe) → 34, undefined opcodes → 35, stack errors → 36/37, a bad jump → 39, a
// write in a static call → 25, an event over 8 KiB → 16, anything else the interpreter refuses → 38.
// Running out of gas is the FVM's out of gas (7). For the interpreter's result and for traced frames.

import { ExitCode } from '../../primitives/index.ts';

const INVALID_OPCODE = 0xfe;
/** The error fevm-opcodes.ts throws for a LOG over FEVM's event size limit. */
export const EVENT_TOO_LARGE = 'event too large';

/** The exit code of a failed EVM frame, from @ethereumjs/evm's error text and the opcode it stopped at. */
export function exitCodeForEvmError(error: string, opCode?: number): number {
  switch (error) {
    case 'revert':
      return ExitCode.EVM_REVERTED;
    case 'out of gas':
      return ExitCode.SYS_OUT_OF_GAS;
    case 'invalid opcode':
      return opCode === INVALID_OPCODE ? ExitCode.EVM_INVALID_INSTRUCTION : ExitCode.EVM_UNDEFINED_INSTRUCTION;
    case 'stack underflow':
      return ExitCode.EVM_STACK_UNDERFLOW;
    case 'stack overflow':
      return ExitCode.EVM_STACK_OVERFLOW;
    case 'invalid JUMP':
      return ExitCode.EVM_BAD_JUMPDEST;
    case 'static state change':
      return ExitCode.USR_READ_ONLY;
    case EVENT_TOO_LARGE:
      return ExitCode.USR_ILLEGAL_ARGUMENT;
    default:
      return ExitCode.EVM_ILLEGAL_MEMORY_ACCESS;
  }
}
