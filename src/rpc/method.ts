// A JSON-RPC method as data (STYLE.md §7, Forest's way): its name, its parameters' parsers, and a
// handler that receives the parsed values. The dispatcher checks counts and runs the parsers, so a
// handler only resolves, calls the domain and formats. Methods are grouped into sub-APIs elsewhere.

import type { ParamParser } from './param-scalars.ts';
import type { Permission } from './permission.ts';

/** What a handler knows about the connection its request came on. */
export interface RpcContext {
  readonly transport: 'http' | 'ws';
  /** What the caller may do (permission.ts); absent: everything (loopback, or the in-process provider). */
  readonly permissions?: ReadonlySet<Permission>;
  /** WebSocket only: send a notification `{jsonrpc:'2.0', method, params}` to this client. */
  notify?(method: string, params: unknown): void;
  /** WebSocket only: run `fn` when the connection closes (at once if it already has). */
  onClose?(fn: () => void): void;
}

/** One declared parameter; optional ones may be omitted or null (the handler then sees undefined). */
export interface ParamSpec<T = unknown> {
  name: string;
  parse: ParamParser<T>;
  optional?: boolean;
}

export interface RpcMethod {
  name: string;
  params: readonly ParamSpec[];
  handler(params: unknown[], ctx: RpcContext): unknown;
}

/** The value a handler receives for one declared parameter. */
export type ParamValue<S> = S extends { parse: ParamParser<infer T>; optional: true }
  ? T | undefined
  : S extends { parse: ParamParser<infer T> }
    ? T
    : never;

/** The tuple of values a handler receives for a list of declared parameters. */
export type ParamValues<P extends readonly ParamSpec[]> = { -readonly [K in keyof P]: ParamValue<P[K]> };

/**
 * Declares a method; the handler's parameters are typed from the parsers.
 *
 * @example
 * method('eth_getBalance', [{ name: 'address', parse: address }, { name: 'block', parse: blockRef, optional: true }],
 *   ([who, block]) => reader.balance(who, block ?? LATEST))
 */
export function method<const P extends readonly ParamSpec[]>(
  name: string,
  params: P,
  handler: (params: ParamValues<P>, ctx: RpcContext) => unknown,
): RpcMethod {
  return { name, params, handler: (values, ctx) => handler(values as ParamValues<P>, ctx) };
}
