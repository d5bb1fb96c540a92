// A block as eth_getBlockBy* and `newHeads` show it (FEVM-FACTS §7.2; LOTUS:eth_types.go `NewEthBlock`):
// a tipset with the fields Ethereum has and Filecoin lacks filled with constants: no uncles, zero roots
// (transactionsRoot is the empty-trie root when there are no transactions, which some clients test),
// difficulty, size and nonce zero, miner the zero address. Hashes come from tipset keys upstream.

import { FatalError, LOGS_BLOOM_BYTES } from '../primitives/index.ts';
import { ZERO_ADDRESS, ZERO_HASH, toData, toHash, toQuantity } from './quantity.ts';
import type { EthTransactionJson } from './transaction-json.ts';

/** keccak256(rlp([])): "no uncles". */
export const EMPTY_UNCLES_HASH = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';
/** keccak256(rlp("")): the root of an empty trie. */
export const EMPTY_ROOT_HASH = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';

export interface EthBlockInput {
  hash: Uint8Array;
  parentHash: Uint8Array;
  number: bigint | number;
  timestamp: bigint | number;
  baseFeePerGas: bigint;
  gasUsed: bigint | number;
  gasLimit: bigint | number;
  /** 256 bytes: the tipset's bloom (Lotus shows all 0xff when it has none). */
  logsBloom: Uint8Array;
  /** Hashes, or transactions already rendered by ethTransactionJson (full blocks). */
  transactions: readonly (Uint8Array | EthTransactionJson)[];
}

export interface EthBlockJson {
  hash: string;
  parentHash: string;
  sha3Uncles: string;
  miner: string;
  stateRoot: string;
  transactionsRoot: string;
  receiptsRoot: string;
  logsBloom: string;
  difficulty: string;
  totalDifficulty: string;
  number: string;
  gasLimit: string;
  gasUsed: string;
  timestamp: string;
  extraData: string;
  mixHash: string;
  nonce: string;
  baseFeePerGas: string;
  size: string;
  transactions: (string | EthTransactionJson)[];
  uncles: string[];
}

export function ethBlockJson(block: EthBlockInput): EthBlockJson {
  if (block.logsBloom.length !== LOGS_BLOOM_BYTES) throw new FatalError(`a logs bloom is ${LOGS_BLOOM_BYTES} bytes, got ${block.logsBloom.length}`);
  return {
    hash: toHash(block.hash),
    parentHash: toHash(block.parentHash),
    sha3Uncles: EMPTY_UNCLES_HASH,
    miner: ZERO_ADDRESS,
    stateRoot: ZERO_HASH,
    transactionsRoot: block.transactions.length === 0 ? EMPTY_ROOT_HASH : ZERO_HASH,
    receiptsRoot: ZERO_HASH,
    logsBloom: toData(block.logsBloom),
    difficulty: '0x0',
    totalDifficulty: '0x0',
    number: toQuantity(block.number),
    gasLimit: toQuantity(block.gasLimit),
    gasUsed: toQuantity(block.gasUsed),
    timestamp: toQuantity(block.timestamp),
    extraData: '0x',
    mixHash: ZERO_HASH,
    nonce: '0x0000000000000000',
    baseFeePerGas: toQuantity(block.baseFeePerGas),
    size: '0x0',
    transactions: block.transactions.map((tx) => (tx instanceof Uint8Array ? toHash(tx) : tx)),
    uncles: [],
  };
}
