// The logs the chain store keeps per tipset (one value each: block hash, bloom, and per log its message,
// transaction hash, emitter, topics and data): the encoding round-trips, a range reads only tipsets
// that have logs and none from above the head or from null rounds left by evm_revert, and a data folder
// of the earlier layout (one row per event, a bloom row per tipset) reads the same after conversion.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interface } from 'ethers';
import { openChain } from '../../../src/chain/open-chain.ts';
import type { Chain } from '../../../src/chain/chain.ts';
import { LmdbKv, MemoryKv, type KvStore } from '../../../src/chain/store/kv.ts';
import { ChainStore } from '../../../src/chain/store/chain-store.ts';
import { u64 } from '../../../src/chain/store/height-key.ts';
import { TipsetLogs, encodeTipsetLogs } from '../../../src/chain/store/tipset-logs.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { LmdbBlockstore, LmdbEnvironment, MemoryBlockstore, decodeCbor, encodeCbor, type Blockstore } from '../../../src/ipld/index.ts';
import { ATTO_PER_FIL, Address, FatalError, SignatureType, bloomMayContain, ethAddressToFilecoinAddress, hexToBytes, logsBloom, type Message, type SignedMessage } from '../../../src/primitives/index.ts';
import { compileFixture } from '../../helpers/evm-contracts.ts';

const T0 = 1_700_000_000;
const ALICE = ethAddressToFilecoinAddress(deriveDevAccounts({ count: 1 }).eth[0]!.ethAddress);
const C = compileFixture('CallTree.sol');
const iface = new Interface(C.Counter!.abi as never);

function message(sequence: bigint, fields: Partial<Message>): SignedMessage {
  const m: Message = { version: 0, to: ALICE, from: ALICE, sequence, value: 0n, gasLimit: 100_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 1_000n, method: 0, params: new Uint8Array(0), ...fields };
  return { message: m, signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) } };
}

/** A chain with a Counter deployed at height 1 and `bumps` tipsets of one Bumped log each after it. */
async function chainWithLogs(blocks: Blockstore, kv: KvStore, bumps: number, txHash?: (signed: SignedMessage) => Uint8Array | undefined): Promise<Chain> {
  const { chain } = openChain({ blocks, kv, accounts: 1, genesisTimestamp: T0 });
  const deploy = message(0n, { to: Address.newId(10), method: 4, params: encodeCbor(hexToBytes(C.Counter!.bytecode)), gasLimit: 5_000_000_000 });
  const deployed = await chain.seal([deploy], { timestamp: T0 + 1 });
  const [id] = decodeCbor<[number]>(deployed.messages[0]!.result.receipt.returnData);
  for (let i = 0; i < bumps; i++) {
    const bump = message(BigInt(i + 1), { to: Address.newId(id), method: 3844450837, params: encodeCbor(hexToBytes(iface.encodeFunctionData('bump'))) });
    await chain.seal([bump], { timestamp: T0 + 2 + i, ethTxHash: txHash });
  }
  return chain;
}

/** Everything the store answers about logs, for comparing two stores. */
function logsView(store: ChainStore, top: number) {
  return {
    tipsets: [...store.logsBetween(0, top)].map(({ height, logs }) => ({ height, blockHash: logs.blockHash, bloom: logs.bloom, logs: logs.logs() })),
    blooms: Array.from({ length: top + 1 }, (_, h) => store.bloom(h)),
  };
}

describe('tipset logs', () => {
  it('round-trip through their encoding, with unknown transaction hashes left unknown', () => {
    const a = (n: number) => new Uint8Array(20).fill(n);
    const t = (n: number) => new Uint8Array(32).fill(n);
    const events = [
      { messageIndex: 0, address: a(1), topics: [t(2), t(3)], data: Uint8Array.of(4, 5) },
      { messageIndex: 0, address: a(6), topics: [], data: new Uint8Array(0) },
      { messageIndex: 3, address: a(7), topics: [t(8), t(9), t(10), t(11)], data: new Uint8Array(300).fill(12) },
    ];
    const bloom = logsBloom(events);
    const stored = new TipsetLogs(encodeTipsetLogs({ blockHash: t(13), bloom, events, txHash: (i) => (i === 0 ? t(14) : undefined) }));
    assert.deepEqual(stored.blockHash, t(13));
    assert.deepEqual(stored.bloom, bloom);
    assert.equal(stored.count, 3);
    assert.deepEqual(
      stored.logs(),
      events.map((e, logIndex) => ({ logIndex, ...e, txHash: e.messageIndex === 0 ? t(14) : undefined })),
    );
    assert.deepEqual(stored.select({ addresses: [a(6)], topics: [] }), [1], 'by emitter');
    assert.deepEqual(stored.select({ addresses: [], topics: [null, [t(9), t(3)]] }), [0, 2], 'by topic position, one of a list');
    assert.deepEqual(stored.select({ addresses: [a(1), a(7)], topics: [[t(8)]] }), [2], 'both');
    assert.deepEqual(stored.select({ addresses: [], topics: [null, null, null, null] }), [0, 1, 2], 'nulls select all');
    assert.deepEqual(stored.select({ addresses: [], topics: [[t(2)], null, [t(10)]] }), [], 'a position the log does not have');
    assert.deepEqual(stored.select({ addresses: [a(1).subarray(0, 19)], topics: [] }), [], 'a shorter address is another address');
    assert.deepEqual(stored.log(2), { logIndex: 2, ...events[2]!, txHash: undefined });
    assert.throws(() => new TipsetLogs(Uint8Array.of(2, ...new Uint8Array(300))), FatalError);
  });

  it('are read for the tipsets that have some, with their bloom and the hashes given at sealing', async () => {
    const hash = new Uint8Array(32).fill(0xab);
    const chain = await chainWithLogs(new MemoryBlockstore(), new MemoryKv(), 2, (signed) => (signed.message.sequence === 1n ? hash : undefined));
    const stored = [...chain.store.logsBetween(0, 100)];
    assert.deepEqual(stored.map((s) => s.height), [2, 3], 'genesis and the deploy have no logs');
    const [first, second] = stored.map((s) => s.logs.logs()[0]!);
    assert.deepEqual(first!.txHash, hash);
    assert.equal(second!.txHash, undefined, 'no hash given: the reader derives it');
    assert.deepEqual(stored[0]!.logs.blockHash, chain.store.atHeight(2)!.key.multihash.digest);
    assert.equal(first!.topics[0]!.length, 32);
    assert.ok(bloomMayContain(chain.store.bloom(2)!, first!.address));
    assert.deepEqual(chain.store.bloom(1), new Uint8Array(256), 'a tipset without logs has an empty bloom');
    assert.equal(chain.store.bloom(9), undefined, 'no tipset there');
    assert.deepEqual(chain.store.eventsAt(3), [{ messageIndex: 0, address: second!.address, topics: second!.topics, data: second!.data }]);
  });

  it('of heights above the head or of null rounds after evm_revert are not answered', async () => {
    const chain = await chainWithLogs(new MemoryBlockstore(), new MemoryKv(), 3);
    chain.store.resetHead(chain.store.atHeight(2)!);
    assert.deepEqual([...chain.store.logsBetween(0, 100)].map((s) => s.height), [2]);
    await chain.seal([], { timestamp: T0 + 10, height: 4 }); // 3 is a null round now, 4 has no logs
    assert.deepEqual([...chain.store.logsBetween(0, 100)].map((s) => s.height), [2]);
    assert.equal(chain.store.logsAt(3), undefined);
    assert.equal(chain.store.bloom(3), undefined);
  });

  it('of a data folder of the earlier layout read the same once it is opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-logs-layout-'));
    try {
      let env = LmdbEnvironment.open(dir);
      const chain = await chainWithLogs(new LmdbBlockstore(env), new LmdbKv(env), 3, (signed) => (signed.message.sequence === 2n ? new Uint8Array(32).fill(7) : undefined));
      const top = chain.head().height;
      const before = logsView(chain.store, top);
      toEarlierLayout(new LmdbKv(env), chain.store, top);
      await env.close();
      env = LmdbEnvironment.open(dir);
      const reopened = openChain({ blocks: new LmdbBlockstore(env), kv: new LmdbKv(env), accounts: 1, genesisTimestamp: T0 }).chain;
      assert.deepEqual(logsView(reopened.store, top), before);
      const kv = new LmdbKv(env);
      assert.equal([...kv.table('events').range(new Uint8Array(0), new Uint8Array(13).fill(0xff))].length, 0, 'the old rows are gone');
      await env.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop the node when the store is marked with a layout this code does not read', () => {
    const kv = new MemoryKv();
    kv.table('meta').put(new TextEncoder().encode('logs-layout'), u64(2));
    assert.throws(() => new ChainStore(new MemoryBlockstore(), kv), (e: Error) => e instanceof FatalError && /layout 2/.test(e.message));
  });
});

/** Rewrites a store's logs as the earlier layout kept them: a CBOR row per event and a bloom per tipset. */
function toEarlierLayout(kv: KvStore, store: ChainStore, top: number): void {
  const events = kv.table('events');
  const blooms = kv.table('blooms');
  const logs = kv.table('tipset-logs');
  kv.transaction(() => {
    for (let h = 0; h <= top; h++) {
      const bloom = store.bloom(h);
      if (bloom) blooms.put(u64(h), bloom);
      for (const log of store.logsAt(h)?.logs() ?? []) {
        const key = new Uint8Array(12);
        key.set(u64(h));
        new DataView(key.buffer).setUint32(8, log.logIndex);
        events.put(key, encodeCbor([log.messageIndex, log.address, log.topics, log.data]));
      }
    }
    for (const [key] of [...logs.range(new Uint8Array(0), new Uint8Array(9).fill(0xff))]) logs.delete(key);
    kv.table('meta').delete(new TextEncoder().encode('logs-layout'));
  });
}
