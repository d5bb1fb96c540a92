// The client traces of the conformance snapshot (`client-traces/*.txt`): the JSON-RPC calls that cast,
// ethers 6, hardhat-ethers 3 and Hardhat Ignition made against anvil (chain 31337), one call a line as
// `method params-json`, with `(xN)` for N identical calls in a row. This file only reads them; replaying
// them is client-trace-replay.ts. The snapshot cuts every line at about 120 characters, so the params of
// a long call are kept as the text that is left, and a raw transaction is decoded as far as its RLP goes.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Transaction, getBytes, hexlify } from 'ethers';

export interface TraceCall {
  /** 1-based line of the trace file. */
  line: number;
  method: string;
  /** The params; undefined when the line is cut inside them. */
  params: unknown[] | undefined;
  /** The params as written: what is left of them when the line is cut. */
  paramsText: string;
  /** How many times the client made this call in a row. */
  repeat: number;
}

export interface ClientTrace {
  /** The file name without `.txt`: `cast-send-create`. */
  name: string;
  calls: TraceCall[];
}

/** What a trace's `eth_sendRawTransaction` sends, as far as the trace shows it. */
export interface TraceTransaction {
  /** EIP-2718 type: 0 for legacy. */
  type: number;
  /** Lowercase 0x address; null for a deployment. */
  to: string | null;
  value: bigint;
  /** The call data or initcode, completed with zero bytes to its declared length when the trace cuts it. */
  data: string;
  /** How many bytes of `data` the trace shows. */
  dataShown: number;
  /** True when the whole signed transaction is in the trace (then `data` is all of it). */
  complete: boolean;
}

/** Every `<dir>/client-traces/*.txt`; a clear error when the snapshot is absent. */
export function loadClientTraces(dir: string): ClientTrace[] {
  const tracesDir = path.join(dir, 'client-traces');
  if (!existsSync(tracesDir)) {
    throw new Error(`client traces not found: ${tracesDir} does not exist. Set FEVM_CONFORMANCE_DIR to the conformance snapshot (the folder holding client-traces/*.txt).`);
  }
  const files = readdirSync(tracesDir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`client traces not found: ${tracesDir} holds no .txt trace`);
  return files.map((file) => ({ name: file.slice(0, -'.txt'.length), calls: parseClientTrace(readFileSync(path.join(tracesDir, file), 'utf8')) }));
}

const LINE = /^([A-Za-z0-9_]+) (.*?)(?:\s+\(x(\d+)\))?$/;

export function parseClientTrace(text: string): TraceCall[] {
  const calls: TraceCall[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (line === '') return;
    const match = LINE.exec(line);
    if (!match) throw new Error(`client trace line ${index + 1} is not "method params": ${line}`);
    const [, method, paramsText, repeat] = match;
    calls.push({ line: index + 1, method: method!, params: parseParams(paramsText!), paramsText: paramsText!, repeat: repeat ? Number(repeat) : 1 });
  });
  return calls;
}

function parseParams(text: string): unknown[] | undefined {
  try {
    const params: unknown = JSON.parse(text);
    return Array.isArray(params) ? params : undefined;
  } catch {
    return undefined;
  }
}

/** The first string param of a call, whole or cut: the raw transaction of `eth_sendRawTransaction`. */
export function firstStringParam(call: TraceCall): string {
  if (call.params && typeof call.params[0] === 'string') return call.params[0];
  const match = /^\["(0x[0-9a-fA-F]*)/.exec(call.paramsText);
  if (!match) throw new Error(`trace line ${call.line}: ${call.method} has no string param`);
  return match[1]!;
}

/**
 * Decodes a signed transaction: whole with ethers, or, when the trace cuts it, its RLP up to the data,
 * a cut value or data completed with zero bytes to the length it declares.
 */
export function decodeTraceTransaction(raw: string): TraceTransaction {
  try {
    const tx = Transaction.from(raw);
    const data = tx.data;
    return { type: tx.type ?? 0, to: tx.to?.toLowerCase() ?? null, value: tx.value, data, dataShown: getBytes(data).length, complete: true };
  } catch {
    return decodePrefix(raw);
  }
}

/** Index of `to` in the RLP list of each transaction type; value and data follow it. */
const TO_FIELD: Record<number, number> = { 0: 3, 1: 4, 2: 5 };

function decodePrefix(raw: string): TraceTransaction {
  const hex = raw.slice(2, 2 + Math.floor((raw.length - 2) / 2) * 2);
  const bytes = getBytes(`0x${hex}`);
  const type = bytes[0]! >= 0xc0 ? 0 : bytes[0]!;
  const toField = TO_FIELD[type];
  if (toField === undefined) throw new Error(`trace transaction of type ${type}: only types 0, 1 and 2 are decoded`);
  let pos = type === 0 ? 0 : 1;
  const list = bytes[pos]!;
  pos += list <= 0xf7 ? 1 : 1 + (list - 0xf7);
  const items: { bytes: Uint8Array; length: number }[] = [];
  while (items.length <= toField + 2) {
    const item = readItem(bytes, pos);
    items.push(item);
    pos = item.end;
  }
  const [to, value, data] = items.slice(toField).map(zeroPadded);
  return {
    type,
    to: to!.length === 0 ? null : hexlify(to!),
    value: value!.length === 0 ? 0n : BigInt(hexlify(value!)),
    data: hexlify(data!),
    dataShown: items[toField + 2]!.bytes.length,
    complete: false,
  };
}

/** A cut item completed with zero bytes to the length it declares (1 ether's last two bytes are zero). */
function zeroPadded(item: { bytes: Uint8Array; length: number }): Uint8Array {
  const padded = new Uint8Array(item.length);
  padded.set(item.bytes);
  return padded;
}

/** One RLP string at `pos`: its bytes as far as `bytes` goes, the length it declares, and where it ends. */
function readItem(bytes: Uint8Array, pos: number): { bytes: Uint8Array; length: number; end: number } {
  const first = bytes[pos];
  if (first === undefined) return { bytes: new Uint8Array(0), length: 0, end: pos };
  if (first < 0x80) return { bytes: bytes.subarray(pos, pos + 1), length: 1, end: pos + 1 };
  if (first > 0xbf) throw new Error(`RLP list where a string was expected at byte ${pos}`);
  let start = pos + 1;
  let length = first - 0x80;
  if (first > 0xb7) {
    const size = first - 0xb7;
    length = Number(BigInt(hexlify(bytes.subarray(pos + 1, pos + 1 + size))));
    start += size;
  }
  return { bytes: bytes.subarray(start, start + length), length, end: start + length };
}

/**
 * The longest deployment initcode the traces show. Every deployment trace carries the same client
 * initcode, and each cuts it at another point (in its raw transaction, its eth_estimateGas or eth_call
 * data); the pieces must agree, one a prefix of the other. Undefined when no trace deploys.
 */
export function longestInitcodeShown(traces: ClientTrace[]): string | undefined {
  const pieces: string[] = [];
  for (const { calls } of traces) {
    for (const call of calls) {
      if (call.method === 'eth_sendRawTransaction') {
        const tx = decodeTraceTransaction(firstStringParam(call));
        if (tx.to === null) pieces.push(tx.data.slice(0, 2 + 2 * tx.dataShown));
      } else if (call.method === 'eth_estimateGas' || call.method === 'eth_call') {
        const cut = /"(?:data|input)":"(0x[0-9a-fA-F]*)/.exec(call.paramsText);
        if (cut && !/"to":"0x/.test(call.paramsText)) pieces.push(cut[1]!.slice(0, 2 + Math.floor((cut[1]!.length - 2) / 2) * 2).toLowerCase());
      }
    }
  }
  if (pieces.length === 0) return undefined;
  const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a));
  const odd = pieces.find((p) => !longest.startsWith(p));
  if (odd) throw new Error(`the deployment traces carry different initcodes: ${odd.slice(0, 40)}… is not a prefix of ${longest.slice(0, 40)}…`);
  return longest;
}

/**
 * A deployment's data with as much of `initcode` as the traces show put over its zero-completed part,
 * up to the length the transaction declares. Other transactions' data is returned as it is.
 */
export function completeInitcode(tx: TraceTransaction, initcode: string | undefined): string {
  if (tx.complete || tx.to !== null || initcode === undefined) return tx.data;
  const shown = tx.data.slice(2, 2 + 2 * tx.dataShown);
  if (!initcode.startsWith(`0x${shown}`)) throw new Error(`a deployment's initcode 0x${shown.slice(0, 40)}… differs from the traces' ${initcode.slice(0, 42)}…`);
  const known = initcode.slice(2, tx.data.length);
  return `0x${known}${tx.data.slice(2 + known.length)}`;
}
