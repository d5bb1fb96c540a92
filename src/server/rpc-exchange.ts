// One JSON-RPC exchange as both transports see it: text in, text out (bytes out for an HTTP answer
// with a result that is JSON text already: response-payload.ts). Malformed JSON is answered with a
// -32700 parse error (id null), results are serialized here, and the calls are summarized for the
// verbose log. Knows nothing of fastify or sockets.

import { RPC_ERROR, toJsonRpcError, type Dispatcher, type JsonRpcResponse, type RpcContext } from '../rpc/index.ts';
import { responsePayload } from './response-payload.ts';

export interface Exchange {
  /** The JSON to send back (UTF-8 bytes only over HTTP), or undefined when the body held only notifications. */
  payload: string | Buffer | undefined;
  /** The method names called, for the log. */
  calls: string;
}

/** Most method names a log line lists before it counts the rest. */
const LOGGED_NAMES = 5;

export async function exchange(dispatcher: Dispatcher, text: string, ctx: RpcContext, log: (line: string) => void): Promise<Exchange> {
  let body: unknown;
  try {
    if (text.trim() === '') throw new SyntaxError('empty body');
    body = JSON.parse(text);
  } catch (error) {
    const message = `parse error: ${error instanceof Error ? error.message : String(error)}`;
    return { payload: errorPayload(RPC_ERROR.PARSE, message), calls: '(parse error)' };
  }
  const response = await dispatcher.handle(body, ctx);
  return { payload: response === undefined ? undefined : serialize(response, ctx.transport === 'http', log), calls: describeCalls(body) };
}

/** `{jsonrpc:'2.0', id:null, error}` as text, for errors that belong to no request. */
export function errorPayload(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });
}

function serialize(response: JsonRpcResponse | JsonRpcResponse[], bytes: boolean, log: (line: string) => void): string | Buffer {
  try {
    return responsePayload(response, bytes);
  } catch (error) {
    // A handler returned something JSON cannot hold (a bigint, a cycle): a bug of ours.
    log(`internal error: a JSON-RPC response could not be serialized: ${String(error)}`);
    const { code, message } = toJsonRpcError(error);
    return errorPayload(code, message);
  }
}

function describeCalls(body: unknown): string {
  const requests = Array.isArray(body) ? body : [body];
  const names = requests.map((r) => {
    const m = typeof r === 'object' && r !== null ? (r as { method?: unknown }).method : undefined;
    return typeof m === 'string' ? m.slice(0, 64) : '(invalid)';
  });
  const listed = names.slice(0, LOGGED_NAMES).join(',');
  const more = names.length > LOGGED_NAMES ? ` +${names.length - LOGGED_NAMES} more` : '';
  return Array.isArray(body) ? `batch[${names.length}] ${listed}${more}` : listed;
}
