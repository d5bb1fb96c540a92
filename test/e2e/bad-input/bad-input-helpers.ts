// What the bad-input tests share: a raw JSON-RPC client over HTTP (no library between the test and the
// bytes on the wire), the check that an answer is a JSON-RPC error of the right code with a readable
// message, and candidate parameter values from which the matrix picks valid and invalid ones per parser.

import assert from 'node:assert/strict';
import type { ParamSpec } from '../../../src/rpc/method.ts';

export interface HttpAnswer {
  status: number;
  text: string;
  json: unknown;
}

/** POSTs `body` as it is and reads the answer as text, then as JSON when it is JSON. */
export async function post(url: string, body: string | Uint8Array, timeoutMs = 30_000): Promise<HttpAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

export interface ExpectedError {
  code: number | number[];
  /** A fragment of the message a person would read (a string is matched case-insensitively). */
  message: string | RegExp;
}

/** Asserts one JSON-RPC error response of the expected code and message; answers it. */
export function assertRpcError(answer: unknown, expected: ExpectedError, label: string): { code: number; message: string; data?: unknown } {
  assert.ok(typeof answer === 'object' && answer !== null && !Array.isArray(answer), `${label}: not a JSON-RPC response object: ${JSON.stringify(answer)}`);
  const r = answer as Record<string, unknown>;
  assert.equal(r.jsonrpc, '2.0', `${label}: jsonrpc`);
  assert.ok('error' in r && !('result' in r), `${label}: expected an error, got ${JSON.stringify(answer).slice(0, 300)}`);
  const error = r.error as { code: number; message: string; data?: unknown };
  const codes = Array.isArray(expected.code) ? expected.code : [expected.code];
  assert.ok(codes.includes(error.code), `${label}: code ${error.code} (${error.message}), want ${codes.join(' or ')}`);
  assert.equal(typeof error.message, 'string', `${label}: message`);
  const pattern = typeof expected.message === 'string' ? new RegExp(escape(expected.message), 'i') : expected.message;
  assert.match(error.message, pattern, `${label}: message`);
  assert.ok(error.message.length < 2000, `${label}: a message a person can read, not ${error.message.length} characters`);
  return error;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const ADDRESS = '0x' + '11'.repeat(20);
export const HASH = '0x' + '22'.repeat(32);

/** Values a parameter may be given; per parser, the matrix learns which of them it takes and which it refuses. */
export const VALID_CANDIDATES: unknown[] = [
  ADDRESS,
  HASH,
  '0x1',
  'latest',
  { to: ADDRESS },
  true,
  '0x',
  'f01000',
  [],
  {},
  'abc',
  1,
  [ADDRESS],
];

/** Wrong values, named: a number where hex is expected, bad and odd-length hex, wrong lengths, wrong types. */
export const BAD_CANDIDATES: [string, unknown][] = [
  ['a number', 12345],
  ['a negative number', -1],
  ['a fraction', 1.5],
  ['non-hex text', 'not hex'],
  ['bad hex digits', '0xzz'],
  ['odd-length hex', '0x123'],
  ['hex without 0x', '1234'],
  ['a 19-byte address', '0x' + '11'.repeat(19)],
  ['a 21-byte address', '0x' + '11'.repeat(21)],
  ['a 31-byte hash', '0x' + '22'.repeat(31)],
  ['a quantity over 256 bits', '0x1' + '0'.repeat(64)],
  ['a quantity over 64 bits', '0x1' + '0'.repeat(16)],
  ['33 bytes of data', '0x' + '33'.repeat(33)],
  ['a boolean', true],
  ['an array', [1, 2]],
  ['an object', { bogus: 'yes' }],
];

/** Whether the parser refuses the value as a bad parameter (and so the node must answer -32602). */
export function refuses(spec: ParamSpec, value: unknown): boolean {
  try {
    spec.parse(value, spec.name);
    return false;
  } catch {
    return true;
  }
}

/** A value the parser takes, or undefined when none of the candidates fits. */
export function validValue(spec: ParamSpec): unknown {
  return VALID_CANDIDATES.find((v) => !refuses(spec, v));
}
