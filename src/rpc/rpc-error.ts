// JSON-RPC errors, and the one function that turns any error into a JSON-RPC error object (STYLE.md §6).
// Codes follow JSON-RPC 2.0 and geth: -32600..-32700 for protocol errors, 3 for a reverted call (with the
// revert data), -32000 for refused input such as a transaction the mempool turns away. Internal failures
// are never described to the client: their details belong in the node's log.
// This file does not log and does not know about transports.

import { FevmError, InvalidInputError, bytesToHex } from '../primitives/index.ts';

export const RPC_ERROR = {
  PARSE: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL: -32603,
  SERVER: -32000,
  EXECUTION_REVERTED: 3,
} as const;

/** The `error` member of a JSON-RPC response. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** An error that already knows its JSON-RPC code, message and data. */
export class RpcError extends FevmError {
  override readonly name: string = 'RpcError';
  readonly code: number;
  readonly data?: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    if (data !== undefined) this.data = data;
  }
}

/** The request is not a valid JSON-RPC 2.0 request object (-32600). */
export class InvalidRequestError extends RpcError {
  override readonly name: string = 'InvalidRequestError';
  constructor(message: string) {
    super(RPC_ERROR.INVALID_REQUEST, message);
  }
}

/** No method of that name is served (-32601); geth's words. */
export class MethodNotFoundError extends RpcError {
  override readonly name: string = 'MethodNotFoundError';
  constructor(method: string) {
    // A name is echoed back, but not a megabyte of one.
    const shown = method.length > 100 ? `${method.slice(0, 97)}...` : method;
    super(RPC_ERROR.METHOD_NOT_FOUND, `the method ${shown} does not exist/is not available`);
  }
}

/** A parameter is missing, extra, or not what its declaration accepts (-32602). */
export class InvalidParamsError extends RpcError {
  override readonly name: string = 'InvalidParamsError';
  constructor(message: string) {
    super(RPC_ERROR.INVALID_PARAMS, message);
  }
}

/**
 * A call or gas estimate reverted (code 3, as geth answers). `data` is the revert data as `0x` hex,
 * which ethers and viem decode into custom errors. The message ('execution reverted' or
 * 'execution reverted: <reason>') comes from eth/'s decoding of the data (Error(string), Panic).
 *
 * @example throw new ExecutionRevertedError(decodeRevert(returnData).message, returnData)
 */
export class ExecutionRevertedError extends RpcError {
  override readonly name: string = 'ExecutionRevertedError';
  declare readonly data: string;

  constructor(message: string, revertData: string | Uint8Array) {
    super(RPC_ERROR.EXECUTION_REVERTED, message, typeof revertData === 'string' ? revertData : bytesToHex(revertData));
  }
}

/**
 * THE one place errors become JSON-RPC errors. An `RpcError` keeps its code, message and data; any
 * other `InvalidInputError` (a refused transaction, a bad address, …) is -32000 with its message, where
 * geth puts transaction refusals; a `FatalError` or anything unknown is -32603 `internal error`, and
 * the caller logs the details.
 */
export function toJsonRpcError(error: unknown): JsonRpcErrorObject {
  if (error instanceof RpcError) {
    return error.data === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, data: error.data };
  }
  if (error instanceof InvalidInputError) return { code: RPC_ERROR.SERVER, message: error.message };
  return { code: RPC_ERROR.INTERNAL, message: 'internal error' };
}

/** Whether `toJsonRpcError` hides this error from the client (so its details must be logged). */
export function isInternalError(error: unknown): boolean {
  return toJsonRpcError(error).code === RPC_ERROR.INTERNAL;
}
