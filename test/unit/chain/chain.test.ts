// The chain: a genesis tipset, tipsets sealed with eager execution (tipset N's state and receipts at
// once; N+1's header carries them as Lotus's does), the base fee rule, null rounds, timestamps, the
// block gas limit, the indexes, and a chain that survives closing and reopening its LMDB folder.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openChain } from '../../../src/chain/open-chain.ts';
import { MemoryKv, LmdbKv } from '../../../src/chain/store/kv.ts';
import { INITIAL_BASE_FEE, nextBaseFee } from '../../../src/chain/blocks/base-fee.ts';
import { tipsetKeyCid } from '../../../src/chain/blocks/tipset.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { Amt, LmdbBlockstore, LmdbEnvironment, MemoryBlockstore, decodeCbor, encodeCbor, signedMessageCid } from '../../../src/ipld/index.ts';
import { Interface } from 'ethers';
import { compileFixture } from '../../helpers/evm-contracts.ts';
import { ATTO_PER_FIL, Address, SignatureType, bloomMayContain, bytesToHex, ethAddressToFilecoinAddress, hexToBytes, type Message, type SignedMessage } from '../../../src/primitives/index.ts';
import { StateTree } from '../../../src/state/index.ts';
import { receiptFromIpld } from '../../../src/vm/receipt.ts';

const T0 = 1_700_000_000;
const accounts = deriveDevAccounts({ count: 2 });
const ALICE = ethAddressToFilecoinAddress(accounts.eth[0]!.ethAddress);
const BOB = ethAddressToFilecoinAddress(accounts.eth[1]!.ethAddress);

function memoryChain() {
  return openChain({ blocks: new MemoryBlockstore(), kv: new MemoryKv(), accounts: 2, genesisTimestamp: T0 }).chain;
}

function transfer(sequence: bigint, value = ATTO_PER_FIL, extra: Partial<Message> = {}): SignedMessage {
  const message: Message = { version: 0, to: BOB, from: ALICE, sequence, value, gasLimit: 10_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 1_000n, method: 0, params: new Uint8Array(0), ...extra };
  return { message, signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) } };
}

describe('chain', () => {
  it('starts at a genesis tipset: height 0, base fee 100,000,000, the genesis state', () => {
    const chain = memoryChain();
    const head = chain.head();
    assert.equal(head.height, 0);
    const header = chain.header(head);
    assert.equal(header.parentBaseFee, INITIAL_BASE_FEE);
    assert.ok(header.parentStateRoot.equals(head.stateRoot));
    assert.ok(head.key.equals(tipsetKeyCid(head.blocks)));
    assert.equal(StateTree.load(chain.store.blocks, head.stateRoot).getActor(ALICE)!.balance, 10_000n * ATTO_PER_FIL);
  });

  it('executes a tipset when it is sealed: its receipts and state at once, carried by the next header', async () => {
    const chain = memoryChain();
    const genesis = chain.head();
    const { record, messages } = await chain.seal([transfer(0n)], { timestamp: T0 + 1 });
    assert.equal(record.height, 1);
    assert.equal(messages[0]!.result.receipt.exitCode, 0);
    assert.equal(StateTree.load(chain.store.blocks, record.stateRoot).getActor(BOB)!.balance, 10_001n * ATTO_PER_FIL);
    const receipts = [...Amt.load(chain.store.blocks, record.receipts, { version: 'v0' }).entries()].map(([, r]) => receiptFromIpld(r));
    assert.equal(receipts.length, 1);
    assert.equal(chain.header(record).parentStateRoot.toString(), genesis.stateRoot.toString(), 'header 1 carries the state before its messages');
    const next = await chain.seal([], { timestamp: T0 + 2 });
    assert.ok(chain.header(next.record).parentStateRoot.equals(record.stateRoot));
    assert.ok(chain.header(next.record).parentMessageReceipts.equals(record.receipts));
    assert.deepEqual(chain.store.messageLocation(signedMessageCid(transfer(0n))), { height: 1, index: 0 });
  });

  it('lowers the base fee by an eighth per empty tipset, and raises it under load (FIP-0115)', async () => {
    const chain = memoryChain();
    const afterGenesis = INITIAL_BASE_FEE - INITIAL_BASE_FEE / 8n;
    await chain.seal([], { timestamp: T0 + 1 });
    assert.equal(chain.head().baseFee, afterGenesis, 'the empty genesis already lowers it');
    assert.equal(chain.head().nextBaseFee, afterGenesis - (afterGenesis + 7n) / 8n);
    // 8 billion gas of messages paying a premium of 1 billion: the 20th percentile premium is high.
    const heavy = Array.from({ length: 8 }, (_, i) => transfer(BigInt(i), 1n, { gasLimit: 1_000_000_000, gasPremium: 1_000_000_000n, gasFeeCap: 10_000_000_000n }).message);
    const base = 1_000_000n;
    assert.equal(nextBaseFee(base, heavy), base + (base + 7n) / 8n);
    assert.equal(nextBaseFee(100n, []), 100n, 'never below 100 attoFIL');
  });

  it('raises the base fee by an eighth after a tipset whose messages fill the gas target at a high premium', async () => {
    const chain = memoryChain();
    const heavy = Array.from({ length: 9 }, (_, i) => transfer(BigInt(i), 1n, { gasLimit: 1_000_000_000, gasFeeCap: 200_000_000n, gasPremium: 100_000_000n }));
    const { record, messages } = await chain.seal(heavy, { timestamp: T0 + 1 });
    assert.equal(messages.length, 9);
    assert.equal(record.nextBaseFee, record.baseFee + (record.baseFee + 7n) / 8n);
    const after = await chain.seal([], { timestamp: T0 + 2 });
    assert.equal(after.record.baseFee, record.nextBaseFee);
  });

  it('null rounds: a tipset may skip heights; the base fee carries over', async () => {
    const chain = memoryChain();
    const { record } = await chain.seal([], { timestamp: T0 + 10, height: 4 });
    assert.equal(record.height, 4);
    assert.equal(chain.store.atHeight(2), undefined);
    assert.equal(record.baseFee, chain.store.atHeight(0)!.nextBaseFee, 'as if the null rounds were not there');
    assert.ok(chain.header(record).parents[0]!.equals(chain.store.atHeight(0)!.blocks[0]!));
  });

  it('refuses a timestamp that does not increase', async () => {
    const chain = memoryChain();
    await assert.rejects(chain.seal([], { timestamp: T0 }), RangeError);
  });

  it('leaves out messages that fail pre-validation and keeps within 10 billion gas', async () => {
    const chain = memoryChain();
    const big = (n: bigint) => transfer(n, 1n, { gasLimit: 6_000_000_000 });
    const { messages } = await chain.seal([transfer(5n), big(0n), big(1n)], { timestamp: T0 + 1 });
    assert.deepEqual(messages.map((m) => m.signed.message.sequence), [0n], 'wrong nonce out; the second 6-billion message does not fit');
  });

  it('indexes eth transaction hashes given by the submitter, and the tipset by its eth block hash', async () => {
    const chain = memoryChain();
    const hash = hexToBytes(`0x${'ab'.repeat(32)}`);
    const { record } = await chain.seal([transfer(0n)], { timestamp: T0 + 1, ethTxHash: () => hash });
    assert.ok(chain.store.messageByEthTxHash(hash)!.equals(record.messages[0]!));
    assert.equal(chain.store.byEthHash(record.key.multihash.digest)!.height, 1);
  });

  it('indexes the logs of a tipset by height, with the emitter and topics in the tipset bloom', async () => {
    const chain = memoryChain();
    const C = compileFixture('CallTree.sol');
    const deploy = transfer(0n, 0n, { to: Address.newId(10), method: 4, params: encodeCbor(hexToBytes(C.Counter!.bytecode)), gasLimit: 5_000_000_000 });
    const deployed = await chain.seal([deploy], { timestamp: T0 + 1 });
    const [id, , eth] = decodeCbor<[number, Uint8Array, Uint8Array]>(deployed.messages[0]!.result.receipt.returnData);
    const iface = new Interface(C.Counter!.abi as never);
    const bump = transfer(1n, 0n, { to: Address.newId(id), method: 3844450837, params: encodeCbor(hexToBytes(iface.encodeFunctionData('bump'))), gasLimit: 100_000_000 });
    const { record, logs } = await chain.seal([bump], { timestamp: T0 + 2 });
    const stored = [...chain.store.logsBetween(0, 10)];
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.height, record.height);
    const indexed = stored[0]!.logs.logs();
    assert.equal(indexed.length, 1);
    assert.deepEqual(indexed[0]!.address, eth);
    assert.equal(bytesToHex(indexed[0]!.topics[0]!), iface.getEvent('Bumped')!.topicHash);
    assert.equal(logs.length, 1, 'new-head listeners get the logs');
    const bloom = chain.store.bloom(record.height)!;
    assert.ok(bloomMayContain(bloom, eth) && bloomMayContain(bloom, indexed[0]!.topics[0]!));
    assert.ok(!bloomMayContain(chain.store.bloom(1)!, eth), 'the deploy tipset logged nothing');
  });

  it('reopens from its LMDB folder on the same head, with everything sealed before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-chain-'));
    try {
      let env = LmdbEnvironment.open(dir);
      let chain = openChain({ blocks: new LmdbBlockstore(env), kv: new LmdbKv(env), accounts: 2, genesisTimestamp: T0 }).chain;
      await chain.seal([transfer(0n)], { timestamp: T0 + 1 });
      const head = await chain.seal([transfer(1n)], { timestamp: T0 + 2 });
      await env.close();
      env = LmdbEnvironment.open(dir);
      const reopened = openChain({ blocks: new LmdbBlockstore(env), kv: new LmdbKv(env), accounts: 2, genesisTimestamp: T0 + 100 });
      assert.equal(reopened.created, false);
      chain = reopened.chain;
      assert.equal(chain.head().height, 2);
      assert.ok(chain.head().stateRoot.equals(head.record.stateRoot));
      assert.equal(StateTree.load(chain.store.blocks, chain.head().stateRoot).getActor(ALICE)!.sequence, 2n);
      const third = await chain.seal([transfer(2n)], { timestamp: T0 + 3 });
      assert.equal(third.messages[0]!.result.receipt.exitCode, 0);
      await env.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
