// Transactions as eth_getTransactionBy* shows them (FEVM-FACTS §7.3): the fields per type, and ethers 6
// parsing each kind through its JsonRpcProvider and recomputing the same hash and sender from the JSON.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Transaction } from 'ethers';
import { ethTransactionJson } from '../../../src/eth/index.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { CannedProvider, TO, at, hex, homesteadTx, signedTx, wallet } from './fixtures.ts';

describe('ethTransactionJson', () => {
  it('type 2: fee-market fields, no gasPrice (as Lotus), accessList [], yParity, block fields from the location', async () => {
    const tx = await signedTx({ type: 2, to: TO, value: 10n, data: '0x01', maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n });
    const json = ethTransactionJson(tx, at);
    assert.deepEqual(Object.keys(json), ['chainId', 'nonce', 'hash', 'blockHash', 'blockNumber', 'blockTimestamp', 'transactionIndex', 'from', 'to', 'value', 'type', 'input', 'gas', 'maxFeePerGas', 'maxPriorityFeePerGas', 'accessList', 'v', 'r', 's', 'yParity']);
    const { hash, v, r, s, yParity, ...rest } = json;
    assert.deepEqual(rest, {
      chainId: '0x1df5e76', nonce: '0x5', blockHash: hex(32, 'bb'), blockNumber: '0x2a', blockTimestamp: '0x6553f100', transactionIndex: '0x3',
      from: wallet.address.toLowerCase(), to: TO, value: '0xa', type: '0x2', input: '0x01', gas: '0x2dc6c0',
      maxFeePerGas: '0x7d0', maxPriorityFeePerGas: '0x12c', accessList: [],
    });
    assert.equal(hash, bytesToHex(tx.hash));
    assert.match(v, /^0x[01]$/);
    assert.equal(yParity, v);
    assert.match(r, /^0x[1-9a-f][0-9a-f]*$/);
    assert.match(s, /^0x[1-9a-f][0-9a-f]*$/);
  });

  it('legacy: gasPrice, no fee-market fields or yParity; Homestead shows chain id 0x0; pending has null block fields', async () => {
    const eip155 = ethTransactionJson(await signedTx({ type: 0, to: TO, gasPrice: 1500n }), null);
    assert.equal(eip155.gasPrice, '0x5dc');
    assert.equal(eip155.chainId, '0x1df5e76');
    assert.equal('maxFeePerGas' in eip155 || 'accessList' in eip155 || 'yParity' in eip155, false);
    assert.deepEqual([eip155.blockHash, eip155.blockNumber, eip155.blockTimestamp, eip155.transactionIndex], [null, null, null, null]);
    const homestead = ethTransactionJson(homesteadTx(), at);
    assert.equal(homestead.chainId, '0x0');
    assert.ok(homestead.v === '0x1b' || homestead.v === '0x1c');
  });

  it('a deployment has to null', async () => {
    assert.equal(ethTransactionJson(await signedTx({ type: 2, data: '0x6080', maxFeePerGas: 2000n, maxPriorityFeePerGas: 3n }), at).to, null);
  });

  it('ethers parses every kind, mined and pending, and recomputes the same hash and sender from the JSON', async () => {
    const provider = new CannedProvider();
    const txs = [
      await signedTx({ type: 2, to: TO, value: 10n, data: '0xabcdef', maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n }),
      await signedTx({ type: 2, data: '0x6080604052', maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n }),
      await signedTx({ type: 0, to: TO, gasPrice: 1500n }),
      homesteadTx(),
    ];
    for (const [i, tx] of txs.entries()) {
      const hash = bytesToHex(tx.hash);
      const pending = i % 2 === 1;
      provider.answer('eth_getTransactionByHash', [hash], ethTransactionJson(tx, pending ? null : at));
      const response = (await provider.getTransaction(hash))!;
      assert.equal(response.hash, hash);
      assert.equal(response.blockNumber, pending ? null : 42);
      assert.equal(response.type, tx.type);
      assert.equal(response.from.toLowerCase(), wallet.address.toLowerCase());
      // Transaction.from refuses a signed transaction whose fields do not hash to `hash` or recover to `from`.
      assert.equal(Transaction.from(response).hash, hash);
    }
    provider.destroy();
  });
});
