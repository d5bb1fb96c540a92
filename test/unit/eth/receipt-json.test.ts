// Receipts and logs as eth_getTransactionReceipt and eth_getLogs show them (FEVM-FACTS §7.4-7.5), the
// effective gas price of §7.4, and ethers 6 reading receipts and logs through its JsonRpcProvider.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveGasPrice, ethLogJson, ethReceiptJson } from '../../../src/eth/index.ts';
import { logsBloom } from '../../../src/primitives/index.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { computeGasOutputs } from '../../../src/vm/gas/gas-outputs.ts';
import { CannedProvider, TO, at, fill, hex, logAt, signedTx, wallet } from './fixtures.ts';

describe('ethLogJson', () => {
  it('has the nine fields of §7.5', () => {
    assert.deepEqual(ethLogJson(logAt(7, [fill(32, 0xaa)])), {
      address: hex(20, '11'),
      data: '0x0102',
      topics: [hex(32, 'aa')],
      removed: false,
      logIndex: '0x7',
      transactionIndex: '0x3',
      transactionHash: hex(32, 'cc'),
      blockHash: hex(32, 'bb'),
      blockNumber: '0x2a',
    });
  });
});

describe('ethReceiptJson', () => {
  it('status from the exit code, zero root and cumulative gas, the bloom of its own logs', async () => {
    const tx = await signedTx({ type: 2, to: TO, maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n });
    const logs = [logAt(0, [fill(32, 1)]), logAt(1, [])];
    assert.deepEqual(ethReceiptJson({ tx, location: at, exitCode: 0, gasUsed: 1_234_567, effectiveGasPrice: 321n, contractAddress: null, logs }), {
      transactionHash: bytesToHex(tx.hash),
      transactionIndex: '0x3',
      blockHash: hex(32, 'bb'),
      blockNumber: '0x2a',
      from: wallet.address.toLowerCase(),
      to: TO,
      root: hex(32, '00'),
      status: '0x1',
      contractAddress: null,
      cumulativeGasUsed: '0x0',
      gasUsed: '0x12d687',
      effectiveGasPrice: '0x141',
      logsBloom: bytesToHex(logsBloom(logs)),
      logs: logs.map(ethLogJson),
      type: '0x2',
    });
  });

  it('a failure has status 0x0 and no contract address; logs stay an array', async () => {
    const tx = await signedTx({ type: 0, data: '0x6080', gasPrice: 100n });
    const failed = ethReceiptJson({ tx, location: at, exitCode: 33, gasUsed: 1, effectiveGasPrice: 0n, contractAddress: fill(20, 9), logs: [], cumulativeGasUsed: 77 });
    assert.deepEqual([failed.status, failed.to, failed.contractAddress, failed.cumulativeGasUsed, failed.logs, failed.type], ['0x0', null, null, '0x4d', [], '0x0']);
    assert.equal(failed.logsBloom, hex(256, '00'));
  });

  it('ethers reads status, gas, price, contract address and logs', async () => {
    const provider = new CannedProvider();
    const tx = await signedTx({ type: 2, data: '0x6080604052', maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n });
    const hash = bytesToHex(tx.hash);
    const logs = [{ ...logAt(0, [fill(32, 1)]), transactionHash: tx.hash }];
    provider.answer('eth_getTransactionReceipt', [hash], ethReceiptJson({ tx, location: at, exitCode: 0, gasUsed: 5000, effectiveGasPrice: 150n, contractAddress: fill(20, 0x44), logs }));
    const receipt = (await provider.getTransactionReceipt(hash))!;
    assert.deepEqual(
      [receipt.status, receipt.gasUsed, receipt.gasPrice, receipt.cumulativeGasUsed, receipt.contractAddress?.toLowerCase(), receipt.to, receipt.blockNumber, receipt.index],
      [1, 5000n, 150n, 0n, hex(20, '44'), null, 42, 3],
    );
    assert.deepEqual([receipt.logs[0]!.topics[0], receipt.logs[0]!.transactionHash], [hex(32, '01'), hash]);
    provider.answer('eth_getLogs', [{ address: hex(20, '11') }], logs.map(ethLogJson));
    const got = await provider.getLogs({ address: hex(20, '11') });
    assert.deepEqual([got.length, got[0]!.index, got[0]!.data, got[0]!.removed], [1, 0, '0x0102', false]);
    provider.destroy();
  });
});

describe('effectiveGasPrice', () => {
  it('(base fee burn + miner tip + over-estimation burn) / gas used, rounded down; 0 without gas used', () => {
    assert.equal(effectiveGasPrice({ baseFeeBurn: 1000n, minerTip: 250n, overEstimationBurn: 3n }, 10), 125n);
    assert.equal(effectiveGasPrice({ baseFeeBurn: 0n, minerTip: 5n, overEstimationBurn: 0n }, 0), 0n);
  });

  it('with the vm fee outcome: a tight limit pays base fee + premium; a loose one pays more per gas used', () => {
    // used 1,000,000 of 1,100,000 at base fee 100, cap 1000, premium 10: nothing is over-estimated.
    const tight = computeGasOutputs(1_000_000, 1_100_000, 100n, 1000n, 10n);
    assert.equal(effectiveGasPrice(tight, 1_000_000), (100n * 1_000_000n + 10n * 1_100_000n) / 1_000_000n);
    const loose = computeGasOutputs(1_000_000, 10_000_000, 100n, 1000n, 10n);
    assert.ok(effectiveGasPrice(loose, 1_000_000) > 200n);
  });
});
