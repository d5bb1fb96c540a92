// The filter object of eth_getLogs and eth_newFilter (Ethereum JSON-RPC spec, Filter). `address` is
// one address or a list; `topics` has up to four positions, each null (anything), one hash, or a list
// of hashes (any of them). A position whose list is empty or holds a null matches anything, as in geth,
// and comes out as null. `blockHash` names one block and excludes `fromBlock`/`toBlock`.
// Range limits and resolution of the block references belong to the methods, not to this parser.

import { InvalidParamsError } from './rpc-error.ts';
import { blockNumberOrTag, type BlockRef } from './block-ref.ts';
import { address, hash32, invalidParam, object, optionalField, type ParamParser } from './param-scalars.ts';

export interface LogFilter {
  fromBlock?: BlockRef;
  toBlock?: BlockRef;
  blockHash?: Uint8Array;
  /** Emitters to match; empty matches any. */
  address: Uint8Array[];
  /** One entry per topic position; null matches anything, a list matches any of its hashes. */
  topics: (Uint8Array[] | null)[];
}

/** Topic positions an EVM log has (LOG0..LOG4). */
const MAX_TOPICS = 4;

export const logFilter: ParamParser<LogFilter> = (value, name) => {
  const fields = object(value, name, 'a filter object');
  const filter: LogFilter = {
    address: addresses(fields.address, `${name}.address`),
    topics: topics(fields.topics, `${name}.topics`),
  };
  const blockHash = optionalField(hash32, fields.blockHash, `${name}.blockHash`);
  const fromBlock = optionalField(blockNumberOrTag, fields.fromBlock, `${name}.fromBlock`);
  const toBlock = optionalField(blockNumberOrTag, fields.toBlock, `${name}.toBlock`);
  if (blockHash !== undefined && (fromBlock !== undefined || toBlock !== undefined)) {
    throw new InvalidParamsError(`invalid ${name}: blockHash cannot be combined with fromBlock or toBlock`);
  }
  if (blockHash !== undefined) filter.blockHash = blockHash;
  if (fromBlock !== undefined) filter.fromBlock = fromBlock;
  if (toBlock !== undefined) filter.toBlock = toBlock;
  return filter;
};

function addresses(value: unknown, name: string): Uint8Array[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item, i) => address(item, `${name}[${i}]`));
  return [address(value, name)];
}

function topics(value: unknown, name: string): (Uint8Array[] | null)[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParam(name, 'an array of topics', value);
  if (value.length > MAX_TOPICS) {
    throw new InvalidParamsError(`invalid ${name}: ${value.length} topic positions, at most ${MAX_TOPICS} exist`);
  }
  return value.map((position, i) => topicPosition(position, `${name}[${i}]`));
}

function topicPosition(value: unknown, name: string): Uint8Array[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) return [hash32(value, name)];
  if (value.length === 0 || value.includes(null)) return null;
  return value.map((item, i) => hash32(item, `${name}[${i}]`));
}
