// Block production: automine seals as soon as messages wait and batches those that arrive meanwhile;
// interval mode seals every block time, empty tipsets included; manual mode only on request; timestamps
// strictly increase; null rounds at the configured rate.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openChain } from '../../../src/chain/open-chain.ts';
import { BlockProducer, type MessageSource } from '../../../src/chain/producer.ts';
import { MemoryKv } from '../../../src/chain/store/kv.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { MemoryBlockstore, signedMessageCid } from '../../../src/ipld/index.ts';
import { SignatureType, ethAddressToFilecoinAddress, type Message, type SignedMessage } from '../../../src/primitives/index.ts';

const T0 = 1_700_000_000;
const accounts = deriveDevAccounts({ count: 2 });
const ALICE = ethAddressToFilecoinAddress(accounts.eth[0]!.ethAddress);
const BOB = ethAddressToFilecoinAddress(accounts.eth[1]!.ethAddress);

function transfer(sequence: bigint): SignedMessage {
  const message: Message = { version: 0, to: BOB, from: ALICE, sequence, value: 1n, gasLimit: 10_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 1_000n, method: 0, params: new Uint8Array(0) };
  return { message, signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) } };
}

/** A pool in arrival order, enough to drive the producer. */
class ListPool implements MessageSource {
  messages: SignedMessage[] = [];
  private readonly listeners = new Set<(m: SignedMessage) => void>();
  add(m: SignedMessage): void {
    this.messages.push(m);
    for (const fn of this.listeners) fn(m);
  }
  select(): SignedMessage[] {
    return [...this.messages];
  }
  removeIncluded(included: readonly SignedMessage[]): void {
    const gone = new Set(included.map((m) => signedMessageCid(m).toString()));
    this.messages = this.messages.filter((m) => !gone.has(signedMessageCid(m).toString()));
  }
  prune(): void {}
  onPending(fn: (m: SignedMessage) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

function setup(options: Partial<ConstructorParameters<typeof BlockProducer>[2]> = {}) {
  const { chain } = openChain({ blocks: new MemoryBlockstore(), kv: new MemoryKv(), accounts: 2, genesisTimestamp: T0 });
  const pool = new ListPool();
  let clock = T0;
  const producer = new BlockProducer(chain, pool, { mode: { kind: 'automine' }, now: () => clock, ...options });
  return { chain, pool, producer, tick: (s: number) => (clock += s) };
}

describe('block production', () => {
  it('automine: seals at once, and messages that arrive while sealing go into the next tipset together', async () => {
    const { chain, pool, producer } = setup();
    producer.start();
    pool.add(transfer(0n));
    pool.add(transfer(1n));
    pool.add(transfer(2n));
    await producer.idle();
    await producer.idle();
    const heights = [1, 2, 3].map((h) => chain.store.atHeight(h)?.messages.length ?? 0);
    assert.equal(heights.reduce((a, b) => a + b), 3, 'all three are in');
    assert.ok(chain.head().height <= 2, `batched into at most two tipsets (head ${chain.head().height})`);
    assert.equal(pool.messages.length, 0);
    producer.stop();
  });

  it('automine: what other clients send before the seal starts (the same turn of I/O) shares the tipset, and automined() waits for it', async () => {
    const { chain, pool, producer } = setup();
    producer.start();
    pool.add(transfer(0n));
    const second = new Promise<void>((resolve) => setImmediate(() => (pool.add(transfer(1n)), resolve())));
    await second;
    await producer.automined();
    assert.equal(chain.head().height, 1);
    assert.equal(chain.head().messages.length, 2);
    producer.stop();
  });

  it('automine timestamps: max(now, parent + 1), so they always increase', async () => {
    const { chain, producer, tick } = setup();
    const a = await producer.mine();
    const b = await producer.mine();
    assert.equal(a.record.timestamp, T0 + 1);
    assert.equal(b.record.timestamp, T0 + 2);
    tick(100);
    assert.equal((await producer.mine()).record.timestamp, T0 + 100);
    assert.equal(chain.head().height, 3);
  });

  it('manual: nothing is sealed until asked', async () => {
    const { chain, pool, producer } = setup({ mode: { kind: 'manual' } });
    producer.start();
    pool.add(transfer(0n));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(chain.head().height, 0);
    const head = await producer.mine();
    assert.equal(head.messages.length, 1);
    producer.stop();
  });

  it('interval: a tipset every block time, empty ones included, at parent + block time', async () => {
    const { chain, producer } = setup({ mode: { kind: 'interval', blockTime: 0.05 } });
    producer.start();
    await new Promise((r) => setTimeout(r, 230));
    producer.stop();
    await producer.idle();
    const head = chain.head();
    assert.ok(head.height >= 2, `sealed ${head.height}`);
    assert.equal(chain.store.atHeight(1)!.timestamp, T0 + 1, 'whole seconds: a block time under a second counts as one');
  });

  it('null rounds at the configured rate leave heights without a tipset', async () => {
    let i = 0;
    const coin = [0.1, 0.9, 0.9, 0.1, 0.9];
    const { chain, producer } = setup({ mode: { kind: 'manual' }, nullRoundRate: 0.5, random: () => coin[i++ % coin.length]! });
    const first = await producer.mine();
    assert.equal(first.record.height, 2, 'one null round at height 1');
    assert.equal(chain.store.atHeight(1), undefined);
    assert.equal(first.record.timestamp, T0 + 2, 'time advances over the null round');
  });
});
