// What a reverted call says, in geth's words (geth `abi.UnpackRevert`, `core.ErrExecutionReverted`):
// Solidity's Error(string) gives its string, Panic(uint256) its code and meaning, any other 4-byte
// selector is a custom error named by that selector (or, given a decoder that knows the ABI, by its name
// and arguments: abi-registry.ts), and no data gives no reason. The rpc layer puts `message` in the
// JSON-RPC error and the raw data beside it.

import { bytesToHex, bytesToUint } from '../primitives/index.ts';

export interface DecodedRevert {
  /** Absent when the data is empty or malformed. */
  reason?: string;
  /** 'execution reverted' or 'execution reverted: <reason>'. */
  message: string;
}

const ERROR_SELECTOR = '0x08c379a0';
const PANIC_SELECTOR = '0x4e487b71';

/** Solidity's panic codes (docs: "Panic via assert and Error via require"), in geth's wording. */
const PANIC_MEANINGS: Record<number, string> = {
  0x00: 'generic panic',
  0x01: 'assert(false)',
  0x11: 'arithmetic underflow or overflow',
  0x12: 'division or modulo by zero',
  0x21: 'enum overflow',
  0x22: 'invalid encoded storage byte array accessed',
  0x31: 'out-of-bounds array access; popping on an empty array',
  0x32: 'out-of-bounds access of an array or bytesN',
  0x41: 'out of memory',
  0x51: 'uninitialized function',
};

/**
 * @example
 * decodeRevert(hexToBytes('0x4e487b71' + '11'.padStart(64, '0')));
 * // { reason: 'panic: 0x11 (arithmetic underflow or overflow)', message: 'execution reverted: panic: 0x11 (…)' }
 */
export function decodeRevert(data: Uint8Array, customError?: (data: Uint8Array) => string | undefined): DecodedRevert {
  const reason = revertReason(data, customError);
  return reason === undefined ? { message: 'execution reverted' } : { reason, message: `execution reverted: ${reason}` };
}

function revertReason(data: Uint8Array, customError?: (data: Uint8Array) => string | undefined): string | undefined {
  if (data.length < 4) return undefined;
  const selector = bytesToHex(data.subarray(0, 4));
  const body = data.subarray(4);
  if (selector === ERROR_SELECTOR) return errorString(body);
  if (selector === PANIC_SELECTOR) {
    if (body.length < 32) return undefined;
    const code = bytesToUint(body.subarray(0, 32));
    const meaning = code <= 0xffn ? PANIC_MEANINGS[Number(code)] : undefined;
    return `panic: 0x${code.toString(16)} (${meaning ?? 'unknown panic code'})`;
  }
  return `custom error ${customError?.(data) ?? selector}`;
}

/** ABI-decodes the single `string` of Error(string), checking every offset against the data. */
function errorString(body: Uint8Array): string | undefined {
  if (body.length < 32) return undefined;
  const offset = bytesToUint(body.subarray(0, 32));
  if (offset + 32n > BigInt(body.length)) return undefined;
  const start = Number(offset) + 32;
  const length = bytesToUint(body.subarray(start - 32, start));
  if (BigInt(start) + length > BigInt(body.length)) return undefined;
  return new TextDecoder().decode(body.subarray(start, start + Number(length)));
}
