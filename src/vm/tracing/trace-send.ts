// A send as the call manager makes it while a tracer listens: the tracer hears it start and end (with
// its result, or the error that unwinds through it). Only called when a tracer is given, so a send
// without one pays nothing.

import type { ExecutionTracer, SendStart } from './execution-tracer.ts';

export async function traceSend<R extends { exitCode: number; returnData: SendStart['params'] }>(tracer: ExecutionTracer, send: SendStart, run: () => Promise<R>): Promise<R> {
  tracer.enterSend(send);
  let result: R;
  try {
    result = await run();
  } catch (error) {
    tracer.exitSend({ error });
    throw error;
  }
  tracer.exitSend(result);
  return result;
}
