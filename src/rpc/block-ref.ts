// The block parameter of eth_call, eth_getBalance and friends: a tag, a number, or an EIP-1898 object
// naming a block by number or by hash. A bare 32-byte hash string is taken as a hash too (geth does).
// This file only parses; resolving a reference to a tipset is the chain reader's business.

import { RpcError } from './rpc-error.ts';
import { hash32, invalidParam, quantity, type ParamParser } from './param-scalars.ts';

export type BlockTag = 'latest' | 'pending' | 'safe' | 'finalized' | 'earliest';

export type BlockRef =
  | { kind: 'tag'; tag: BlockTag }
  | { kind: 'number'; number: bigint }
  | { kind: 'hash'; hash: Uint8Array; requireCanonical: boolean };

const TAGS: readonly string[] = ['latest', 'pending', 'safe', 'finalized', 'earliest'];
const TAG_OR_NUMBER = 'a block tag (latest, pending, safe, finalized, earliest) or a block number';
const TAG_NUMBER_OR_HASH = 'a block tag (latest, pending, safe, finalized, earliest), a block number or a block hash';

/** A tag or a number (not a hash): what `blockNumber` of an EIP-1898 object and log filters hold. */
export const blockNumberOrTag: ParamParser<BlockRef> = (value, name) => {
  if (typeof value === 'string' && TAGS.includes(value)) return { kind: 'tag', tag: value as BlockTag };
  try {
    return { kind: 'number', number: quantity(value, name) };
  } catch (error) {
    if (error instanceof RpcError) throw invalidParam(name, TAG_OR_NUMBER, value);
    throw error;
  }
};

/** A tag, a number, a hash, or `{blockNumber}` / `{blockHash, requireCanonical?}` (EIP-1898). */
export const blockRef: ParamParser<BlockRef> = (value, name) => {
  if (typeof value === 'string' && value.length === 66) {
    return { kind: 'hash', hash: hash32(value, name), requireCanonical: false };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return blockRefObject(value as Record<string, unknown>, name);
  }
  try {
    return blockNumberOrTag(value, name);
  } catch (error) {
    if (error instanceof RpcError) throw invalidParam(name, TAG_NUMBER_OR_HASH, value);
    throw error;
  }
};

function blockRefObject(value: Record<string, unknown>, name: string): BlockRef {
  const { blockNumber, blockHash, requireCanonical } = value;
  if (blockNumber !== undefined && blockHash !== undefined) {
    throw invalidParam(name, 'either blockNumber or blockHash (EIP-1898), not both', value);
  }
  if (blockNumber !== undefined) return blockNumberOrTag(blockNumber, `${name}.blockNumber`);
  if (blockHash === undefined) throw invalidParam(name, 'an object with blockNumber or blockHash (EIP-1898)', value);
  if (requireCanonical !== undefined && typeof requireCanonical !== 'boolean') {
    throw invalidParam(`${name}.requireCanonical`, 'true or false', requireCanonical);
  }
  return { kind: 'hash', hash: hash32(blockHash, `${name}.blockHash`), requireCanonical: requireCanonical ?? false };
}
