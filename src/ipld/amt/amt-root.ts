// The AMT root block and the options that pick its format (FEVM-FACTS §2.6; ref-fvm
// ipld/amt/src/root.rs). v3, today's format: `[bitWidth, height, count, node]`. v0, the legacy
// specs-actors v0 `adt.Array` that Lotus still uses for block message lists and per-tipset receipts:
// `[height, count, node]` with the bit width fixed at 3. The root node is stored inline in the root
// block. Owns option checks and root (de)coding; not the tree below the root node.

import type { CID } from '../block.ts';
import { FatalError } from '../../primitives/index.ts';
import { AmtError } from './amt-error.ts';
import { AmtNode, amtNodeForm, amtNodeFromForm } from './amt-node.ts';

export interface AmtOptions {
  /**
   * Bits of the index taken per level: nodes have 2^bitWidth slots. Default 3 (ref-fvm
   * `DEFAULT_BIT_WIDTH`, go-amt-ipld `defaultBitWidth`); the FVM's events AMT uses 5. For `load` of a
   * v3 AMT the stored bit width is used and this, when given, must match it. v0 allows only 3.
   */
  bitWidth?: number;
  /** Root format; default 'v3'. */
  version?: 'v3' | 'v0';
}

export type AmtVersion = 'v3' | 'v0';

export const AMT_DEFAULT_BIT_WIDTH = 3;
/** Widest node we accept, as go-amt-ipld tests them (2..18); wider ones would be megabyte blocks. */
export const AMT_MAX_BIT_WIDTH = 18;
/** ref-fvm `MAX_HEIGHT`: a sanity bound on a stored height before any arithmetic on it. */
const MAX_HEIGHT = 64;

export interface AmtConfig {
  version: AmtVersion;
  bitWidth: number;
}

/** Resolves options for a new AMT. */
export function amtConfig(options: AmtOptions = {}): AmtConfig {
  const version = options.version ?? 'v3';
  if (version !== 'v3' && version !== 'v0') {
    throw new AmtError('bad-options', `AMT version must be 'v3' or 'v0', got ${String(version)}`);
  }
  const bitWidth = options.bitWidth ?? AMT_DEFAULT_BIT_WIDTH;
  if (!Number.isInteger(bitWidth) || bitWidth < 1 || bitWidth > AMT_MAX_BIT_WIDTH) {
    throw new AmtError('bad-options', `AMT bit width must be an integer in 1..${AMT_MAX_BIT_WIDTH}, got ${bitWidth}`);
  }
  if (version === 'v0' && bitWidth !== AMT_DEFAULT_BIT_WIDTH) {
    throw new AmtError('bad-options', `a v0 AMT always has bit width 3, got ${bitWidth}`);
  }
  return { version, bitWidth };
}

export interface AmtRoot {
  bitWidth: number;
  height: number;
  count: number;
  node: AmtNode;
}

/** The CBOR form of the root block; the root node's children must already be flushed. */
export function amtRootForm(version: AmtVersion, root: AmtRoot): unknown[] {
  const node = amtNodeForm(root.node, root.bitWidth);
  return version === 'v3' ? [root.bitWidth, root.height, root.count, node] : [root.height, root.count, node];
}

/**
 * Reads a root block with go-amt-ipld's `LoadAMT` checks: a sane height (bitWidth * height < 64, as
 * the tree never grows past that), a count the height can hold, and a valid root node.
 */
export function amtRootFromForm(form: unknown, options: AmtOptions, cid: CID): AmtRoot {
  const { version } = amtConfig({ version: options.version ?? 'v3' });
  const where = `AMT root ${cid.toString()}`;
  const fields = version === 'v3' ? 4 : 3;
  if (!Array.isArray(form) || form.length !== fields) {
    throw new FatalError(`${where}: not a ${fields}-element array (${version} root)`);
  }
  const parts = form as unknown[];
  const bitWidth = version === 'v3' ? parts[0] : AMT_DEFAULT_BIT_WIDTH;
  const [height, count, node] = version === 'v3' ? parts.slice(1) : parts;
  if (typeof bitWidth !== 'number' || !Number.isInteger(bitWidth) || bitWidth < 1 || bitWidth > AMT_MAX_BIT_WIDTH) {
    throw new FatalError(`${where}: unsupported bit width ${String(bitWidth)}`);
  }
  if (options.bitWidth !== undefined && options.bitWidth !== bitWidth) {
    throw new AmtError('bit-width-mismatch', `expected an AMT of bit width ${options.bitWidth}, ${where} has ${bitWidth}`);
  }
  if (typeof height !== 'number' || !Number.isInteger(height) || height < 0 || height > MAX_HEIGHT) {
    throw new FatalError(`${where}: bad height ${String(height)}`);
  }
  if (bitWidth * height >= 64) throw new FatalError(`${where}: height ${height} out of bounds`);
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new FatalError(`${where}: bad count ${String(count)}`);
  }
  const capacityBits = bitWidth * (height + 1);
  if (capacityBits < 53 && count > 2 ** capacityBits) {
    throw new FatalError(`${where}: height ${height} cannot hold ${count} entries`);
  }
  return { bitWidth, height, count, node: amtNodeFromForm(node, bitWidth, height, height === 0, undefined, cid) };
}
