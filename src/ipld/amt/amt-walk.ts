// The walks down an AMT from its root node: read, write, delete, iterate in index order, and the
// bottom-up flush of changed nodes. Same algorithms as ref-fvm ipld/amt/src/node.rs and go-amt-ipld
// node.go, so the same content gives the same blocks (FEVM-FACTS §2.6). Growing and shrinking the
// root (height changes) belong to amt.ts; node shape and encoding to amt-node.ts.

import { blockCid, encodeCbor } from '../block.ts';
import type { Block, Blockstore } from '../blockstore.ts';
import { childOffset, leafIndex, slotAt, type AmtIndex } from './amt-index.ts';
import { AmtNode, amtNodeForm, loadAmtChild } from './amt-node.ts';

/** What every walk needs besides the node: where children live and how wide nodes are. */
export interface AmtShape {
  readonly store: Blockstore;
  readonly bitWidth: number;
}

/** The value at `index` under `node` (of height `height`), or undefined. */
export function amtGet(shape: AmtShape, node: AmtNode, height: number, index: AmtIndex): unknown {
  const { bitWidth } = shape;
  const mask = (1 << bitWidth) - 1;
  let current = node;
  for (let h = height; h > 0; h--) {
    const child = loadAmtChild(shape.store, current, slotAt(index, bitWidth * h, mask), bitWidth, h - 1);
    if (child === undefined) return undefined;
    current = child;
  }
  return current.slots[slotAt(index, 0, mask)];
}

/**
 * Stores `value` at `index`, creating missing nodes on the way and marking the whole path changed.
 * Answers whether the index was empty before (so the caller can count).
 */
export function amtSet(shape: AmtShape, node: AmtNode, height: number, index: AmtIndex, value: unknown): boolean {
  const { bitWidth } = shape;
  const width = 1 << bitWidth;
  const mask = width - 1;
  let current = node;
  for (let h = height; h > 0; h--) {
    current.cid = undefined;
    const slot = slotAt(index, bitWidth * h, mask);
    let child = loadAmtChild(shape.store, current, slot, bitWidth, h - 1);
    if (child === undefined) {
      child = new AmtNode(h === 1, width);
      current.slots[slot] = child;
      current.size++;
    }
    current = child;
  }
  current.cid = undefined;
  const slot = slotAt(index, 0, mask);
  const added = current.slots[slot] === undefined;
  current.slots[slot] = value;
  if (added) current.size++;
  return added;
}

/**
 * Removes the value at `index`. Children left empty are unlinked on the way back up, so no empty node
 * is ever stored. Nothing is marked changed when the index was empty.
 */
export function amtDelete(shape: AmtShape, node: AmtNode, height: number, index: AmtIndex): boolean {
  const { bitWidth } = shape;
  const mask = (1 << bitWidth) - 1;
  const slot = slotAt(index, bitWidth * height, mask);
  if (height === 0) {
    if (node.slots[slot] === undefined) return false;
    node.slots[slot] = undefined;
    node.size--;
    node.cid = undefined;
    return true;
  }
  const child = loadAmtChild(shape.store, node, slot, bitWidth, height - 1);
  if (child === undefined || !amtDelete(shape, child, height - 1, index)) return false;
  if (child.size === 0) {
    node.slots[slot] = undefined;
    node.size--;
  }
  node.cid = undefined;
  return true;
}

/** Every `[index, value]` under `node`, ascending; `offset` is the node's first index. */
export function* amtEntries(
  shape: AmtShape,
  node: AmtNode,
  height: number,
  offset: AmtIndex,
): Generator<[AmtIndex, unknown]> {
  const { slots } = node;
  if (height === 0) {
    for (let i = 0; i < slots.length; i++) {
      const value = slots[i];
      if (value !== undefined) yield [leafIndex(offset, i), value];
    }
    return;
  }
  const shift = shape.bitWidth * height;
  for (let i = 0; i < slots.length; i++) {
    const child = loadAmtChild(shape.store, node, i, shape.bitWidth, height - 1);
    if (child !== undefined) yield* amtEntries(shape, child, height - 1, childOffset(offset, i, shift));
  }
}

/**
 * Encodes every changed node below `node` (children before parents, since a parent names its
 * children by CID), gives each its CID, appends its block to `blocks` and the node to `encoded` (so a
 * failed flush can take the CIDs back). Unchanged subtrees are not visited. `node` itself is left to
 * the caller: the root node is stored inside the root block.
 */
export function amtFlushChildren(shape: AmtShape, node: AmtNode, blocks: Block[], encoded: AmtNode[]): void {
  if (node.leaf) return;
  for (const child of node.slots) {
    if (!(child instanceof AmtNode) || child.cid !== undefined) continue;
    amtFlushChildren(shape, child, blocks, encoded);
    const bytes = encodeCbor(amtNodeForm(child, shape.bitWidth));
    const cid = blockCid(bytes);
    child.cid = cid;
    blocks.push({ cid, bytes });
    encoded.push(child);
  }
}
