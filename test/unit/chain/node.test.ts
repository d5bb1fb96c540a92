// createNode: a devnet's chain side wired together. A submitted message is sealed by automine, its
// Ethereum hash indexed; a refused one changes nothing; the data folder carries the chain over a restart.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNode } from '../../../src/chain/node.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { NonceTooLowError } from '../../../src/chain/mempool/index.ts';
import { SignatureType, ethAddressToFilecoinAddress, hexToBytes, type SignedMessage } from '../../../src/primitives/index.ts';

const accounts = deriveDevAccounts({ count: 2 });
const ALICE = ethAddressToFilecoinAddress(accounts.eth[0]!.ethAddress);
const BOB = ethAddressToFilecoinAddress(accounts.eth[1]!.ethAddress);

function transfer(sequence: bigint): SignedMessage {
  return {
    message: { version: 0, to: BOB, from: ALICE, sequence, value: 5n, gasLimit: 10_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 1_000n, method: 0, params: new Uint8Array(0) },
    signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) },
  };
}

describe('createNode', () => {
  it('automines a submitted message and indexes its Ethereum hash; refuses a stale nonce', async () => {
    const node = createNode({ memory: true, accounts: 2 });
    try {
      const hash = hexToBytes(`0x${'12'.repeat(32)}`);
      const cid = node.submit(transfer(0n), hash);
      await node.producer.idle();
      assert.equal(node.chain.head().height, 1);
      assert.ok(node.chain.store.messageByEthTxHash(hash)!.equals(cid));
      assert.equal(node.mempool.has(cid), false, 'gone from the pool once included');
      assert.throws(() => node.submit(transfer(0n)), NonceTooLowError);
      assert.equal(node.chain.head().height, 1);
    } finally {
      await node.close();
    }
  });

  it('keeps its chain in the data folder across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-node-'));
    try {
      const first = createNode({ dataDir: dir, accounts: 2 });
      first.submit(transfer(0n));
      await first.producer.idle();
      const head = first.chain.head();
      await first.close();
      const second = createNode({ dataDir: dir, accounts: 2 });
      try {
        assert.equal(second.chain.head().height, head.height);
        second.submit(transfer(1n));
        await second.producer.idle();
        assert.equal(second.chain.head().height, head.height + 1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
