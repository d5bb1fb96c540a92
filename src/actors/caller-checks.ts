// Caller checks every builtin actor makes (builtin-actors `validate_immediate_caller_*`): a method
// callable only by certain actors aborts with USR_FORBIDDEN for anyone else.

import { ExitCode } from '../primitives/index.ts';
import { ActorError, type ActorType, type Runtime } from '../vm/index.ts';

export function requireCallerId(rt: Runtime, id: bigint, what: string): void {
  if (rt.caller !== id) throw new ActorError(ExitCode.USR_FORBIDDEN, `${what} may only be called by f0${id}, not f0${rt.caller}`);
}

export function requireCallerType(rt: Runtime, types: ActorType[], what: string): void {
  const code = rt.getActorCodeCid(rt.caller);
  const type = code && rt.builtinActorType(code);
  if (type === undefined || !types.includes(type)) throw new ActorError(ExitCode.USR_FORBIDDEN, `${what}: caller f0${rt.caller} is not allowed`);
}

export function unhandled(name: string, method: number): never {
  throw new ActorError(ExitCode.USR_UNHANDLED_MESSAGE, `${name} actor has no method ${method}`);
}
