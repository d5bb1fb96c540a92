// What builtin actors do with the result of a send they need to succeed (BA:runtime
// `extract_send_result`): a syscall error or a non-zero exit aborts the caller, passing on the callee's
// return data; success answers the return block.

import { ExitCode } from '../primitives/index.ts';
import { ActorError, checkedExitCode, exitCodeForSyscallError } from './errors.ts';
import type { IpldBlock } from './ipld-block.ts';
import type { SendResult } from './runtime.ts';

export function extractSendResult(result: SendResult, what: string): IpldBlock | null {
  if (!result.ok) throw new ActorError(exitCodeForSyscallError(result.errno), `${what}: ${result.message}`);
  if (result.exitCode !== ExitCode.OK) throw new ActorError(checkedExitCode(result.exitCode), `${what}: send aborted with code ${result.exitCode}`, result.returnData);
  return result.returnData;
}
