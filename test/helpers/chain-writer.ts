// A child process for the crash test: opens the chain in the LMDB folder given as argv[2] and seals
// tipsets of FIL transfers as fast as it can, printing one JSON line per committed tipset (its height
// and message CIDs: what a receipt would have been answered for) until it is killed.

import { openChain } from '../../src/chain/open-chain.ts';
import { LmdbKv } from '../../src/chain/store/kv.ts';
import { deriveDevAccounts } from '../../src/chain/dev-accounts.ts';
import { LmdbBlockstore, LmdbEnvironment } from '../../src/ipld/index.ts';
import { SignatureType, ethAddressToFilecoinAddress, type SignedMessage } from '../../src/primitives/index.ts';
import { StateTree } from '../../src/state/index.ts';

const env = LmdbEnvironment.open(process.argv[2]!);
const { chain } = openChain({ blocks: new LmdbBlockstore(env), kv: new LmdbKv(env), accounts: 3, genesisTimestamp: 1_700_000_000 });
const senders = deriveDevAccounts({ count: 3 }).eth.map((a) => ethAddressToFilecoinAddress(a.ethAddress));

for (let round = 0; ; round++) {
  const head = chain.head();
  const tree = StateTree.load(chain.store.blocks, head.stateRoot);
  const messages: SignedMessage[] = [];
  for (let i = 0; i < 1 + (round % 4); i++) {
    const from = senders[(round + i) % 3]!;
    const to = senders[(round + i + 1) % 3]!;
    const sequence = tree.getActor(from)!.sequence + BigInt(messages.filter((m) => m.message.from.equals(from)).length);
    messages.push({
      message: { version: 0, from, to, sequence, value: 1n, gasLimit: 10_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 1_000n, method: 0, params: new Uint8Array(0) },
      signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) },
    });
  }
  const { record } = await chain.seal(messages, { timestamp: head.timestamp + 1 });
  process.stdout.write(`${JSON.stringify({ height: record.height, messages: record.messages.map(String) })}\n`);
}
