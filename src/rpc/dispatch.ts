// JSON-RPC 2.0 dispatch (https://www.jsonrpc.org/specification): requests, notifications and batches
// in, responses out, errors through toJsonRpcError. Batches run their calls one after another, in
// order, as geth does, so that a batch of transactions from one sender keeps its nonce order.
// It knows nothing of HTTP or WebSocket: the server parses the body and sends what this returns.

import { FatalError, InvalidInputError } from '../primitives/index.ts';
import type { RpcContext, RpcMethod } from './method.ts';
import { MissingPermissionError, type Permission } from './permission.ts';
import {
  InvalidParamsError,
  InvalidRequestError,
  MethodNotFoundError,
  isInternalError,
  toJsonRpcError,
  type JsonRpcErrorObject,
} from './rpc-error.ts';

export type JsonRpcId = string | number | null;

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId; error: JsonRpcErrorObject };

export interface DispatcherOptions {
  /** Most calls in one batch (100). */
  maxBatch?: number;
  /** Where the details of internal errors go (stderr). */
  log?: (line: string) => void;
  /** The permission each method needs (checked when a call's context carries permissions); 'admin' if unlisted. */
  permissions?: Readonly<Record<string, Permission>>;
}

/** A request that passed the envelope checks. `id` is absent for a notification. */
interface Call {
  id?: JsonRpcId;
  method: string;
  params: unknown;
}

export class Dispatcher {
  readonly #methods = new Map<string, RpcMethod>();
  readonly #maxBatch: number;
  readonly #log: (line: string) => void;
  readonly #permissions: Readonly<Record<string, Permission>>;

  constructor(methods: RpcMethod[], options: DispatcherOptions = {}) {
    for (const m of methods) {
      if (this.#methods.has(m.name)) throw new FatalError(`JSON-RPC method ${m.name} is declared twice`);
      this.#methods.set(m.name, m);
    }
    this.#maxBatch = options.maxBatch ?? 100;
    this.#log = options.log ?? ((line) => console.error(line));
    this.#permissions = options.permissions ?? {};
  }

  has(name: string): boolean {
    return this.#methods.has(name);
  }

  /** One parsed JSON body (object or array): the response(s), or undefined when there is nothing to send (only notifications). */
  async handle(body: unknown, ctx: RpcContext): Promise<JsonRpcResponse | JsonRpcResponse[] | undefined> {
    try {
      if (!Array.isArray(body)) return await this.#handleOne(body, ctx);
      if (body.length === 0) return errorResponse(null, new InvalidRequestError('empty batch'));
      if (body.length > this.#maxBatch) {
        // geth's answer: a batch holding one error, with the id of the first call so clients see it.
        const first = body.find((r): r is { id: JsonRpcId } => isObject(r) && isValidId(r.id));
        const error = new InvalidRequestError(`batch of ${body.length} calls is over the limit of ${this.#maxBatch}`);
        return [errorResponse(first?.id ?? null, error)];
      }
      const responses: JsonRpcResponse[] = [];
      for (const request of body) {
        const response = await this.#handleOne(request, ctx);
        if (response !== undefined) responses.push(response);
      }
      return responses.length === 0 ? undefined : responses;
    } catch (error) {
      this.#logInternal('(dispatch)', error);
      return errorResponse(null, error);
    }
  }

  async #handleOne(request: unknown, ctx: RpcContext): Promise<JsonRpcResponse | undefined> {
    const call = parseCall(request);
    if (call instanceof InvalidRequestError) return errorResponse(usableId(request), call);
    try {
      const result = await this.#call(call, ctx);
      return call.id === undefined ? undefined : { jsonrpc: '2.0', id: call.id, result: result ?? null };
    } catch (error) {
      if (isInternalError(error)) this.#logInternal(call.method, error);
      return call.id === undefined ? undefined : errorResponse(call.id, error);
    }
  }

  async #call(call: Call, ctx: RpcContext): Promise<unknown> {
    const m = this.#methods.get(call.method);
    if (m === undefined) throw new MethodNotFoundError(call.method);
    if (ctx.permissions) {
      const need = Object.hasOwn(this.#permissions, call.method) ? this.#permissions[call.method]! : 'admin';
      if (!ctx.permissions.has(need)) throw new MissingPermissionError(call.method, need);
    }
    const given = call.params === undefined ? [] : call.params;
    if (!Array.isArray(given)) throw new InvalidParamsError('params must be an array');
    if (given.length > m.params.length) {
      throw new InvalidParamsError(`too many arguments, want at most ${m.params.length}`);
    }
    const values = m.params.map((spec, i) => {
      const value: unknown = given[i];
      if (value === undefined || (value === null && spec.optional)) {
        if (spec.optional) return undefined;
        throw new InvalidParamsError(`missing value for required argument ${i} (${spec.name})`);
      }
      try {
        return spec.parse(value, spec.name);
      } catch (error) {
        // A parser that reports bad input some other way still means a bad parameter.
        if (error instanceof InvalidInputError && !(error instanceof InvalidParamsError)) {
          throw new InvalidParamsError(`invalid ${spec.name}: ${error.message}`);
        }
        throw error;
      }
    });
    return await m.handler(values, ctx);
  }

  #logInternal(method: string, error: unknown): void {
    this.#log(`internal error in ${method}: ${describeError(error)}`);
  }
}

function parseCall(request: unknown): Call | InvalidRequestError {
  if (!isObject(request)) return new InvalidRequestError('a request must be a JSON object');
  if (request.jsonrpc !== '2.0') return new InvalidRequestError('jsonrpc must be "2.0"');
  if ('id' in request && !isValidId(request.id)) return new InvalidRequestError('id must be a string, a number or null');
  if (typeof request.method !== 'string' || request.method === '') {
    return new InvalidRequestError('method must be a non-empty string');
  }
  const call: Call = { method: request.method, params: request.params };
  if ('id' in request) call.id = request.id as JsonRpcId;
  return call;
}

function errorResponse(id: JsonRpcId, error: unknown): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: toJsonRpcError(error) };
}

function usableId(request: unknown): JsonRpcId {
  return isObject(request) && isValidId(request.id) ? request.id : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isValidId(id: unknown): id is JsonRpcId {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

/** The stack and the cause chain, for the log. */
function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    lines.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) lines.push('caused by:');
  }
  return lines.join('\n');
}
