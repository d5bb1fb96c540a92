// toJsonRpcError, the one mapping from our errors to JSON-RPC errors, and the typing of method().

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FatalError, HexError, InvalidInputError } from '../../../src/primitives/index.ts';
import {
  ExecutionRevertedError,
  InvalidParamsError,
  RPC_ERROR,
  RpcError,
  address,
  blockRef,
  method,
  quantity,
  toJsonRpcError,
  type BlockRef,
} from '../../../src/rpc/index.ts';

class RefusedError extends InvalidInputError {
  override readonly name = 'RefusedError';
}

describe('toJsonRpcError', () => {
  it('keeps an RpcError as it is', () => {
    assert.deepEqual(toJsonRpcError(new RpcError(-32005, 'limit exceeded', { retryAfter: 1 })), {
      code: -32005,
      message: 'limit exceeded',
      data: { retryAfter: 1 },
    });
    assert.deepEqual(toJsonRpcError(new InvalidParamsError('invalid to')), { code: RPC_ERROR.INVALID_PARAMS, message: 'invalid to' });
  });

  it('gives a revert code 3, its message and the revert data as hex', () => {
    const error = new ExecutionRevertedError('execution reverted: too poor', new Uint8Array([0xde, 0xad]));
    assert.deepEqual(toJsonRpcError(error), { code: 3, message: 'execution reverted: too poor', data: '0xdead' });
    assert.deepEqual(toJsonRpcError(new ExecutionRevertedError('execution reverted', '0x')), { code: 3, message: 'execution reverted', data: '0x' });
  });

  it('puts any other bad input at -32000 with its message', () => {
    assert.deepEqual(toJsonRpcError(new RefusedError('insufficient funds for gas * price + value')), {
      code: -32000,
      message: 'insufficient funds for gas * price + value',
    });
    assert.equal(toJsonRpcError(new HexError('not a hex string')).code, -32000);
  });

  it('hides fatal and unknown errors behind -32603', () => {
    for (const error of [new FatalError('corrupt', { details: 'secret' }), new TypeError('bug'), 'a string', undefined]) {
      assert.deepEqual(toJsonRpcError(error), { code: -32603, message: 'internal error' });
    }
  });
});

describe('method()', () => {
  it('types handler parameters from the parsers, optional ones as possibly undefined', () => {
    const m = method(
      'm',
      [
        { name: 'who', parse: address },
        { name: 'n', parse: quantity },
        { name: 'block', parse: blockRef, optional: true },
      ],
      ([who, n, block]) => {
        const w: Uint8Array = who;
        const q: bigint = n;
        const b: BlockRef | undefined = block;
        // @ts-expect-error an optional parameter may be undefined
        const notOptional: BlockRef = block;
        return [w, q, b, notOptional];
      },
    );
    assert.equal(m.name, 'm');
    assert.equal(m.params.length, 3);
  });
});
