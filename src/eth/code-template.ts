// Matching code on chain against a compiler's output, as Hardhat and Foundry recognise contracts in
// traces: the CBOR metadata solc appends (a hash of the sources and settings, so it changes with a
// comment) is ignored, and so are the bytes a deployment fills in (library addresses at link
// references, immutables at immutable references). A creation code is matched as the prefix of a
// deployment's input (constructor arguments follow it).

import { hexToBytes } from '../primitives/index.ts';
import type { CodeRange } from './contract-artifact.ts';

/** Compiled code with the bytes that may differ on chain marked as such. */
export interface CodeTemplate {
  /** The code without its trailing metadata, variable bytes zeroed. */
  readonly bytes: Uint8Array;
  /** The stretches between variable ranges: the bytes that must be equal. */
  readonly fixed: readonly CodeRange[];
}

/** Link placeholders: `__$<34 hex>$__` (solc ≥ 0.5) or `__<name padded with _>__` (older). */
const PLACEHOLDER = /__.{36}__/g;

/** Length of solc's metadata suffix (a CBOR map, then its length as 2 bytes), 0 when there is none. */
export function metadataLength(code: Uint8Array): number {
  const n = code.length;
  if (n < 3) return 0;
  const length = (code[n - 2]! << 8) | code[n - 1]!;
  if (length === 0 || length + 2 > n) return 0;
  return (code[n - 2 - length]! & 0xe0) === 0xa0 ? length + 2 : 0;
}

/** Runtime code's template: metadata cut off, `variable` ranges ignored. */
export function runtimeTemplate(hex: string, variable: readonly CodeRange[] = []): CodeTemplate | undefined {
  const code = codeBytes(hex);
  if (!code || code.length === 0) return undefined;
  return template(code.subarray(0, code.length - metadataLength(code)), variable);
}

/**
 * Creation code's template: `variable` ranges ignored, and so is any copy of the metadata of the
 * creation code or of `runtimeHex` (the runtime code sits inside the creation code).
 */
export function creationTemplate(hex: string, variable: readonly CodeRange[] = [], runtimeHex?: string): CodeTemplate | undefined {
  const code = codeBytes(hex);
  if (!code || code.length === 0) return undefined;
  const ignored = [...variable];
  const suffixes = [code, runtimeHex ? codeBytes(runtimeHex) : undefined].map((c) => (c ? c.subarray(c.length - metadataLength(c)) : undefined));
  for (const suffix of suffixes) {
    if (!suffix || suffix.length === 0) continue;
    const buffer = Buffer.from(code.buffer, code.byteOffset, code.length);
    for (let at = buffer.indexOf(suffix); at >= 0; at = buffer.indexOf(suffix, at + 1)) ignored.push({ start: at, length: suffix.length });
  }
  return template(code, ignored);
}

/** Whether runtime `code` is the template's contract. */
export function matchesRuntime(code: Uint8Array, t: CodeTemplate): boolean {
  const length = code.length - metadataLength(code);
  return length === t.bytes.length && fixedEqual(code, t);
}

/** Whether a deployment's input (creation code, then constructor arguments) starts with the template's code. */
export function matchesCreation(input: Uint8Array, t: CodeTemplate): boolean {
  return input.length >= t.bytes.length && fixedEqual(input, t);
}

/** The code's length without metadata: the key runtime templates are looked up by. */
export function runtimeLength(code: Uint8Array): number {
  return code.length - metadataLength(code);
}

function fixedEqual(code: Uint8Array, t: CodeTemplate): boolean {
  for (const { start, length } of t.fixed) {
    if (Buffer.compare(code.subarray(start, start + length), t.bytes.subarray(start, start + length)) !== 0) return false;
  }
  return true;
}

function template(code: Uint8Array, variable: readonly CodeRange[]): CodeTemplate {
  const bytes = code.slice();
  const sorted = variable.filter((r) => r.start < bytes.length).sort((a, b) => a.start - b.start);
  const fixed: CodeRange[] = [];
  let at = 0;
  for (const { start, length } of sorted) {
    if (start > at) fixed.push({ start: at, length: start - at });
    bytes.fill(0, start, Math.min(start + length, bytes.length));
    at = Math.max(at, start + length);
  }
  if (at < bytes.length) fixed.push({ start: at, length: bytes.length - at });
  return { bytes, fixed };
}

function codeBytes(hex: string): Uint8Array | undefined {
  const clean = (hex.startsWith('0x') ? hex.slice(2) : hex).replace(PLACEHOLDER, '0'.repeat(40));
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  return hexToBytes(`0x${clean}`);
}
