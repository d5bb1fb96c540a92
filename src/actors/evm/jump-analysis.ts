// @ethereumjs/evm analyses a contract's code at the start of every run: its JUMPDESTs, the opcode of
// each byte, and the value of every PUSH, each converted through a hex string. On a 20 KB contract
// that is milliseconds per call or deployment. This file replaces the analysis (its one method on the
// interpreter's prototype) with one that gives the same answer and (1) reads PUSH values of up to six
// bytes arithmetically, (2) remembers the answer per code buffer and opcode table. `canonicalCode`
// makes the code of one bytecode block the same buffer every time it is read, so that what is
// remembered is found again; the read itself (and its gas) still happens.

import { bytesToBigInt, setLengthRight } from '@ethereumjs/util';
import type { CID } from 'multiformats/cid';

interface Analysis {
  jumps: Uint8Array;
  pushes: Record<number, bigint>;
  opcodesCached: unknown[];
}

interface InterpreterLike {
  _evm: { _opcodeMap: unknown[] };
  common: { isActivatedEIP(eip: number): boolean };
  _getValidJumpDestinations(code: Uint8Array): Analysis;
}

const analyses = new WeakMap<unknown[], WeakMap<Uint8Array, Analysis>>();

function analyse(opcodeMap: unknown[], code: Uint8Array): Analysis {
  const jumps = new Uint8Array(code.length);
  const pushes: Record<number, bigint> = {};
  const opcodesCached = new Array<unknown>(code.length);
  for (let i = 0; i < code.length; i++) {
    const opcode = code[i]!;
    opcodesCached[i] = opcodeMap[opcode];
    if (opcode >= 0x60 && opcode <= 0x7f) {
      const size = opcode - 0x5f;
      const end = i + 1 + size;
      if (size <= 6 && end <= code.length) {
        let value = 0;
        for (let j = i + 1; j < end; j++) value = value * 256 + code[j]!;
        pushes[i + 1] = BigInt(value);
      } else {
        let bytes = code.subarray(i + 1, end);
        if (bytes.length < size) bytes = setLengthRight(bytes, size);
        pushes[i + 1] = bytesToBigInt(bytes);
      }
      i += size;
    } else if (opcode === 0x5b) {
      jumps[i] = 1;
    }
  }
  return { jumps, pushes, opcodesCached };
}

let installed = false;

/** Puts the faster, remembering analysis on @ethereumjs/evm's interpreter (once per process). */
export async function installJumpAnalysis(): Promise<void> {
  if (installed) return;
  installed = true;
  const url = new URL('./interpreter.js', import.meta.resolve('@ethereumjs/evm'));
  const { Interpreter } = (await import(url.href)) as { Interpreter: { prototype: InterpreterLike } };
  const original = Interpreter.prototype._getValidJumpDestinations;
  Interpreter.prototype._getValidJumpDestinations = function (this: InterpreterLike, code: Uint8Array): Analysis {
    // EIP-8024 (DUPN/SWAPN immediates) changes the analysis; FEVM does not have it.
    if (this.common.isActivatedEIP(8024)) return original.call(this, code);
    const opcodeMap = this._evm._opcodeMap;
    let byCode = analyses.get(opcodeMap);
    if (!byCode) analyses.set(opcodeMap, (byCode = new WeakMap()));
    let analysis = byCode.get(code);
    if (!analysis) byCode.set(code, (analysis = analyse(opcodeMap, code)));
    return analysis;
  };
}

const MAX_CANONICAL_BYTES = 64 * 1024 * 1024;
const canonical = new Map<string, Uint8Array>();
let canonicalBytes = 0;

/** The one buffer for the bytecode block `cid`, given the bytes just read for it. */
export function canonicalCode(cid: CID, read: Uint8Array): Uint8Array {
  const key = cid.toString();
  const known = canonical.get(key);
  if (known) {
    canonical.delete(key);
    canonical.set(key, known);
    return known;
  }
  canonical.set(key, read);
  canonicalBytes += read.length;
  for (const [oldKey, old] of canonical) {
    if (canonicalBytes <= MAX_CANONICAL_BYTES) break;
    canonical.delete(oldKey);
    canonicalBytes -= old.length;
  }
  return read;
}
