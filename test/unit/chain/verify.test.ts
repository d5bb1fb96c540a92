// verifyChain (what `fevm-devnet verify` runs): a chain re-executes to every recorded state root and
// receipts root, and a head whose state was edited in place is reported at its height, with both roots.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openChain } from '../../../src/chain/open-chain.ts';
import { verifyChain } from '../../../src/chain/replay.ts';
import { MemoryKv } from '../../../src/chain/store/kv.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { MemoryBlockstore } from '../../../src/ipld/index.ts';
import { SignatureType, ethAddressToFilecoinAddress, type SignedMessage } from '../../../src/primitives/index.ts';

const T0 = 1_700_000_000;
const [alice, bob] = deriveDevAccounts({ count: 2 }).eth.map((a) => ethAddressToFilecoinAddress(a.ethAddress));

function transfer(sequence: bigint): SignedMessage {
  return {
    message: { version: 0, to: bob!, from: alice!, sequence, value: 5n, gasLimit: 10_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 1_000n, method: 0, params: new Uint8Array(0) },
    signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) },
  };
}

describe('verifyChain', () => {
  it('re-executes every tipset to its recorded roots, and names the height whose state was edited in place', async () => {
    const { chain } = openChain({ blocks: new MemoryBlockstore(), kv: new MemoryKv(), accounts: 2, genesisTimestamp: T0 });
    await chain.seal([transfer(0n)], { timestamp: T0 + 1 });
    await chain.seal([], { timestamp: T0 + 2, height: 4 });
    await chain.seal([transfer(1n), transfer(2n)], { timestamp: T0 + 3 });
    const clean = await verifyChain(chain);
    assert.deepEqual({ ...clean, mismatches: clean.mismatches.length }, { tipsets: 3, messages: 3, head: 5, mismatches: 0 });

    const edited = chain.editHeadState((tree) => {
      const id = tree.lookupId(bob!)!;
      tree.setActor(id, { ...tree.getActor(id)!, balance: 1n });
    });
    const report = await verifyChain(chain);
    assert.equal(report.mismatches.length, 1);
    assert.equal(report.mismatches[0]!.height, 5);
    assert.equal(report.mismatches[0]!.what, 'state root');
    assert.ok(report.mismatches[0]!.recorded.equals(edited.stateRoot));
  });
});
