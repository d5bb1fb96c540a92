// One AMT node in memory and its CBOR form `[bitmap, links, values]` (FEVM-FACTS §2.6; ref-fvm
// ipld/amt/src/node.rs, go-amt-ipld internal/internal.go). The bitmap is ceil(2^bitWidth / 8) bytes
// (1 byte below bit width 3); slot i is bit (i % 8) of byte (i / 8), least significant bit first.
// A leaf (height 0) lists its values, any other node its children's CIDs, both in slot order.
// Owns the node's shape, its encoding and the checks on a node read from the store; the walks over
// the tree live in amt-walk.ts.

import { CID, DAG_CBOR, getCbor } from '../block.ts';
import type { Blockstore } from '../blockstore.ts';
import { FatalError } from '../../primitives/index.ts';

/** A child slot of a link node: loaded (and cached), only named by its CID, or empty. */
export type AmtChild = AmtNode | CID | undefined;

/** The CBOR form of a node: bitmap bytes, child links, values. */
export type AmtNodeForm = [Uint8Array, CID[], unknown[]];

export class AmtNode {
  /** Height-0 nodes hold values; others hold children. */
  readonly leaf: boolean;
  /** One entry per slot (2^bitWidth): a value for leaves, an `AmtChild` otherwise; undefined = empty. */
  readonly slots: unknown[];
  /** Number of occupied slots, kept so emptiness checks do not scan. */
  size: number;
  /**
   * The CID this node is stored under, or undefined while it holds changes not yet flushed. Every
   * write clears it on the whole path from the root, so a flush re-encodes exactly the changed nodes.
   */
  cid: CID | undefined;

  constructor(leaf: boolean, width: number, cid?: CID) {
    this.leaf = leaf;
    this.slots = new Array<unknown>(width).fill(undefined);
    this.size = 0;
    this.cid = cid;
  }
}

/** Bytes in a node's bitmap: one bit per slot, at least one byte (ref-fvm `bmap_bytes`). */
export function bitmapBytes(bitWidth: number): number {
  return bitWidth <= 3 ? 1 : 1 << (bitWidth - 3);
}

/** The CBOR form of a node whose loaded children all carry a CID (flush children first). */
export function amtNodeForm(node: AmtNode, bitWidth: number): AmtNodeForm {
  const bitmap = new Uint8Array(bitmapBytes(bitWidth));
  const present: unknown[] = [];
  const { slots } = node;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    if (slot === undefined) continue;
    bitmap[i >> 3]! |= 1 << (i & 7);
    if (node.leaf) {
      present.push(slot);
    } else {
      const cid = slot instanceof AmtNode ? slot.cid : (slot as CID);
      if (cid === undefined) throw new FatalError('AMT child encoded before it was flushed');
      present.push(cid);
    }
  }
  return node.leaf ? [bitmap, [], present] : [bitmap, present as CID[], []];
}

/**
 * Builds a node from its CBOR form, as go-amt-ipld's `newNode` checks it: exact bitmap length, as
 * many entries as bits set, links only above height 0 and values only at height 0, links to dag-cbor
 * blocks, and no empty node except the root of an empty AMT. Anything else is a corrupt store.
 */
export function amtNodeFromForm(
  form: unknown,
  bitWidth: number,
  height: number,
  allowEmpty: boolean,
  cid?: CID,
  rootCid?: CID,
): AmtNode {
  // A child is named by its own CID; the root node, stored inline, by the root block's.
  const where = cid ? `AMT node ${cid.toString()}` : `AMT root node in ${rootCid?.toString() ?? 'a new root'}`;
  if (!Array.isArray(form) || form.length !== 3) throw new FatalError(`${where}: not a 3-element array`);
  const [bitmap, links, values] = form as unknown[];
  if (!(bitmap instanceof Uint8Array) || !Array.isArray(links) || !Array.isArray(values)) {
    throw new FatalError(`${where}: expected [bytes, links[], values[]]`);
  }
  if (bitmap.length !== bitmapBytes(bitWidth)) {
    throw new FatalError(`${where}: bitmap has ${bitmap.length} bytes, bit width ${bitWidth} needs ${bitmapBytes(bitWidth)}`);
  }
  if (links.length > 0 && values.length > 0) throw new FatalError(`${where}: has both links and values`);
  if (links.length > 0 && height === 0) throw new FatalError(`${where}: links at height 0`);
  if (values.length > 0 && height > 0) throw new FatalError(`${where}: values at height ${height}`);
  const entries = height === 0 ? values : links;
  if (entries.length === 0 && !allowEmpty) throw new FatalError(`${where}: empty node`);

  const width = 1 << bitWidth;
  const node = new AmtNode(height === 0, width, cid);
  let next = 0;
  for (let i = 0; i < width; i++) {
    if ((bitmap[i >> 3]! & (1 << (i & 7))) === 0) continue;
    if (next >= entries.length) throw new FatalError(`${where}: bitmap sets more bits than it has entries`);
    const entry = entries[next++];
    if (height > 0) {
      const link = CID.asCID(entry);
      if (!link || link.code !== DAG_CBOR) throw new FatalError(`${where}: link ${next - 1} is not a dag-cbor CID`);
      node.slots[i] = link;
    } else {
      // dag-cbor has no undefined, so a stored value is never mistaken for an empty slot.
      node.slots[i] = entry;
    }
  }
  if (next !== entries.length) throw new FatalError(`${where}: ${entries.length} entries but ${next} bits set`);
  node.size = next;
  return node;
}

/**
 * The child in `slot` of a link node, read from the store on first use and cached in the slot. The
 * cached node keeps its CID, so caching is not a change.
 */
export function loadAmtChild(
  store: Blockstore,
  parent: AmtNode,
  slot: number,
  bitWidth: number,
  childHeight: number,
): AmtNode | undefined {
  const child = parent.slots[slot] as AmtChild;
  if (child === undefined || child instanceof AmtNode) return child;
  const node = amtNodeFromForm(getCbor(store, child), bitWidth, childHeight, false, child);
  parent.slots[slot] = node;
  return node;
}
