// Parsers of the scalar JSON-RPC parameter kinds Ethereum uses: addresses, 32-byte hashes, byte
// strings and quantities (the "hex value encoding" of the Ethereum JSON-RPC spec), booleans, strings.
// Each throws InvalidParamsError with a message that names the parameter. Composite parameters (block
// references, call requests, log filters) have their own files; `params.ts` gathers them all.

import { hexToBytes } from '../primitives/index.ts';
import { InvalidParamsError } from './rpc-error.ts';

/** Turns one JSON value into the type a handler wants; `name` is the parameter's name, for errors. */
export type ParamParser<T> = (value: unknown, name: string) => T;

/** The largest quantity accepted: 256 bits, as geth's hexutil.Big. */
const MAX_QUANTITY_DIGITS = 64;

/** `invalid <name>: expected <what>, got <value>`. */
export function invalidParam(name: string, expected: string, value: unknown): InvalidParamsError {
  return new InvalidParamsError(`invalid ${name}: expected ${expected}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function hasHexPrefix(value: string): boolean {
  return value.startsWith('0x') || value.startsWith('0X');
}

function fixedBytes(size: number, expected: string): ParamParser<Uint8Array> {
  const pattern = new RegExp(`^0[xX][0-9a-fA-F]{${size * 2}}$`);
  return (value, name) => {
    if (typeof value !== 'string' || !pattern.test(value)) throw invalidParam(name, expected, value);
    return hexToBytes(value);
  };
}

/** `0x` and 40 hex digits, any case (no checksum test) → 20 bytes. */
export const address: ParamParser<Uint8Array> = fixedBytes(20, 'an address (0x and 40 hex digits)');

/** `0x` and 64 hex digits → 32 bytes. */
export const hash32: ParamParser<Uint8Array> = fixedBytes(32, 'a 32-byte hash (0x and 64 hex digits)');

/** `0x` and an even number of hex digits (`0x` alone is empty data). */
export const data: ParamParser<Uint8Array> = (value, name) => {
  if (typeof value !== 'string' || !hasHexPrefix(value) || !/^[0-9a-fA-F]*$/.test(value.slice(2))) {
    throw invalidParam(name, 'hex data (0x and an even number of hex digits)', value);
  }
  if (value.length % 2 !== 0) throw invalidParam(name, 'hex data with an even number of digits', value);
  return hexToBytes(value);
};

/** A hex quantity (`0x1a`; leading zeros tolerated) of at most 256 bits, or a non-negative JS integer. */
export const quantity: ParamParser<bigint> = (value, name) => {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    throw invalidParam(name, 'a non-negative integer', value);
  }
  if (typeof value !== 'string' || !hasHexPrefix(value) || !/^[0-9a-fA-F]+$/.test(value.slice(2))) {
    throw invalidParam(name, 'a hex quantity (0x and hex digits)', value);
  }
  if (value.slice(2).replace(/^0+/, '').length > MAX_QUANTITY_DIGITS) throw invalidParam(name, 'a quantity of at most 256 bits', value);
  return BigInt(`0x${value.slice(2)}`);
};

/** A quantity of at most 64 bits: a nonce, as Filecoin keeps it (u64). */
export const uint64: ParamParser<bigint> = (value, name) => {
  const n = quantity(value, name);
  if (n >= 1n << 64n) throw invalidParam(name, 'a quantity of at most 64 bits (2^64 - 1)', value);
  return n;
};

/** Hex data of at most `size` bytes: a storage word, which may come without its leading zeros. */
export function dataUpTo(size: number): ParamParser<Uint8Array> {
  return (value, name) => {
    const bytes = data(value, name);
    if (bytes.length > size) throw invalidParam(name, `hex data of at most ${size} bytes`, value);
    return bytes;
  };
}

/**
 * A whole number that fits a JS number (at most 2^53 - 1): seconds, timestamps, counts. Given as a
 * number, a hex quantity or decimal digits, as Hardhat's and anvil's clients send them.
 */
export const safeInteger: ParamParser<number> = (value, name) => {
  const n = typeof value === 'string' && /^[0-9]+$/.test(value) ? BigInt(value) : quantityOrUndefined(value, name);
  if (n === undefined || n > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidParam(name, 'a whole number of at most 2^53 - 1', value);
  return Number(n);
};

function quantityOrUndefined(value: unknown, name: string): bigint | undefined {
  try {
    return quantity(value, name);
  } catch {
    return undefined;
  }
}

export const bool: ParamParser<boolean> = (value, name) => {
  if (typeof value !== 'boolean') throw invalidParam(name, 'true or false', value);
  return value;
};

export const string: ParamParser<string> = (value, name) => {
  if (typeof value !== 'string') throw invalidParam(name, 'a string', value);
  return value;
};

/** Any JSON value, unchecked: for handlers that look at the value themselves. */
export const any: ParamParser<unknown> = (value) => value;

/** A plain JSON object, for the composite parsers. */
export function object(value: unknown, name: string, expected: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParam(name, expected, value);
  return value as Record<string, unknown>;
}

/** `parse` unless the value is absent (undefined or null). */
export function optionalField<T>(parse: ParamParser<T>, value: unknown, name: string): T | undefined {
  return value === undefined || value === null ? undefined : parse(value, name);
}
