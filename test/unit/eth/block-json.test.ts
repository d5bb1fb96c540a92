// Blocks as eth_getBlockBy* shows them (FEVM-FACTS §7.2): every field of an empty block, the roots
// that tell clients "no transactions" and "no uncles", and ethers 6 reading hash-only and full blocks.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256 as ethersKeccak } from 'ethers';
import { EMPTY_ROOT_HASH, EMPTY_UNCLES_HASH, ethBlockJson, ethTransactionJson } from '../../../src/eth/index.ts';
import { FatalError, bytesToHex } from '../../../src/primitives/index.ts';
import { CannedProvider, TO, at, fill, hex, signedTx } from './fixtures.ts';

const header = { hash: fill(32, 0xbb), parentHash: fill(32, 0xaa), number: 42, timestamp: 1_700_000_000, baseFeePerGas: 100n, gasUsed: 0, gasLimit: 10_000_000_000, logsBloom: new Uint8Array(256) };

describe('ethBlockJson', () => {
  it('an empty block: the empty roots of §7.2 and zero for what Filecoin lacks', () => {
    assert.deepEqual(ethBlockJson({ ...header, transactions: [] }), {
      hash: hex(32, 'bb'),
      parentHash: hex(32, 'aa'),
      sha3Uncles: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
      miner: '0x0000000000000000000000000000000000000000',
      stateRoot: hex(32, '00'),
      transactionsRoot: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
      receiptsRoot: hex(32, '00'),
      logsBloom: hex(256, '00'),
      difficulty: '0x0',
      totalDifficulty: '0x0',
      number: '0x2a',
      gasLimit: '0x2540be400',
      gasUsed: '0x0',
      timestamp: '0x6553f100',
      extraData: '0x',
      mixHash: hex(32, '00'),
      nonce: '0x0000000000000000',
      baseFeePerGas: '0x64',
      size: '0x0',
      transactions: [],
      uncles: [],
    });
    assert.equal(EMPTY_UNCLES_HASH, ethersKeccak(Uint8Array.of(0xc0)));
    assert.equal(EMPTY_ROOT_HASH, ethersKeccak(Uint8Array.of(0x80)));
    assert.throws(() => ethBlockJson({ ...header, logsBloom: new Uint8Array(255), transactions: [] }), FatalError);
  });

  it('lists hashes or full transactions; ethers reads both', async () => {
    const tx = await signedTx({ type: 2, to: TO, maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n });
    const withHashes = ethBlockJson({ ...header, gasUsed: 21_000, transactions: [tx.hash] });
    assert.equal(withHashes.transactionsRoot, hex(32, '00'));
    assert.deepEqual(withHashes.transactions, [bytesToHex(tx.hash)]);
    const full = ethBlockJson({ ...header, transactions: [ethTransactionJson(tx, { ...at, transactionIndex: 0 })] });

    const provider = new CannedProvider();
    provider.answer('eth_getBlockByNumber', ['0x2a', false], withHashes);
    provider.answer('eth_getBlockByNumber', ['0x2a', true], full);
    const block = (await provider.getBlock(42))!;
    assert.deepEqual(
      [block.hash, block.number, block.timestamp, block.baseFeePerGas, block.gasLimit, block.gasUsed, block.miner, block.transactions],
      [hex(32, 'bb'), 42, 1_700_000_000, 100n, 10_000_000_000n, 21_000n, '0x0000000000000000000000000000000000000000', [bytesToHex(tx.hash)]],
    );
    const fullBlock = (await provider.getBlock(42, true))!;
    assert.equal(fullBlock.prefetchedTransactions[0]!.hash, bytesToHex(tx.hash));
    provider.destroy();
  });
});
