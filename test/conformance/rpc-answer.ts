// One JSON-RPC 2.0 request over HTTP (plain fetch), answered as data: the result, the error object, or
// what is wrong with the envelope (an HTTP error, a body that is not JSON-RPC). It never throws for
// what the node answers, so that a replay can judge every answer, errors included. No retries, no batch.

export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

export type RpcAnswer = { result: unknown } | { error: RpcError } | { malformed: string };

let nextId = 0;

export async function requestRpc(url: string, method: string, params: unknown[] = []): Promise<RpcAnswer> {
  const id = ++nextId;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
  });
  const text = await response.text();
  if (!response.ok) return { malformed: `HTTP ${response.status}: ${text.slice(0, 300)}` };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { malformed: `not JSON: ${text.slice(0, 300)}` };
  }
  if (body.jsonrpc !== '2.0' || body.id !== id) return { malformed: `not a JSON-RPC 2.0 answer to id ${id}: ${text.slice(0, 300)}` };
  if ('error' in body === 'result' in body) return { malformed: `needs exactly one of result and error: ${text.slice(0, 300)}` };
  if ('result' in body) return { result: body.result };
  const error = body.error as Partial<RpcError> | null;
  if (!error || !Number.isInteger(error.code) || typeof error.message !== 'string') return { malformed: `an error that is not {code, message}: ${text.slice(0, 300)}` };
  return { error: error as RpcError };
}

/** The answer in one line, for reports: `result "0x1"`, `error -32601 "…"`. */
export function describeAnswer(answer: RpcAnswer): string {
  if ('malformed' in answer) return `malformed: ${answer.malformed}`;
  if ('error' in answer) return `error ${answer.error.code} ${JSON.stringify(answer.error.message)}`;
  const text = JSON.stringify(answer.result);
  return `result ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}

/** The result of an answer; throws with the answer when it is an error or malformed. */
export function resultOf<T>(method: string, answer: RpcAnswer): T {
  if ('result' in answer) return answer.result as T;
  throw new Error(`${method}: ${describeAnswer(answer)}`);
}
