// contracts/ReplicationPolicyRegistry.sol on the devnet over HTTP with ethers: an owner records what
// replication a piece needs; a replication worker follows it only through events — an eth_newFilter it
// polls, eth_getLogs by policy id, and the same events as Filecoin actor events (GetActorEventsRaw) —
// and reports replicas by the providers' Filecoin addresses (resolved to actor ids) until satisfied.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Result, concat, toBeHex, zeroPadValue, type Log } from 'ethers';
import { Address, bytesToHex } from '../../../src/primitives/index.ts';
import { compileExample, deploy, examplePieceCid, newF1Wallet, startExampleDevnet, type ExampleDevnet } from './contract-devnet.ts';

const REGISTRY = compileExample('ReplicationPolicyRegistry.sol');

describe('ReplicationPolicyRegistry: policies a replication worker follows by their events', () => {
  let net: ExampleDevnet;
  let registry: Awaited<ReturnType<typeof deploy>>;
  let address: string;
  let filterId: string;
  const as = (i: number) => registry.connect(net.wallets[i]!) as typeof registry;
  const reason = (text: string) => (e: Error & { reason?: string }) => e.reason === text;
  const plain = (v: unknown): unknown => (v instanceof Result ? [...v].map(plain) : v);
  const decode = (logs: Log[]) =>
    logs.map((log) => registry.interface.parseLog(log)!).map((e) => ({ name: e.name, args: Object.fromEntries(e.fragment.inputs.map((input, i) => [input.name, plain(e.args[i])])) }));

  before(async () => {
    net = await startExampleDevnet(3);
    registry = await deploy(REGISTRY, net.wallets[0]!);
    address = await registry.getAddress();
    // The worker starts following before anything is registered.
    filterId = await net.rpc<string>('eth_newFilter', [{ address, fromBlock: 'latest' }]);
  });
  after(() => net.close());

  it('the worker sees policies created, updated and retired, in order, through its filter', async () => {
    const a = examplePieceCid('archive-a');
    const b = examplePieceCid('archive-b');
    await (await as(0).create(a.bytes, 3, ['eu-west', 'us-east'], 1000n)).wait();
    await (await as(1).create(b.bytes, 2, ['ap-south'], 500n)).wait();
    await (await as(0).update(0n, 4, ['eu-west', 'us-east', 'ap-south'], 1200n)).wait();
    await (await as(1).retire(1n)).wait();
    const changes = await net.rpc<Log[]>('eth_getFilterChanges', [filterId]);
    assert.deepEqual(decode(changes), [
      { name: 'PolicyCreated', args: { id: 0n, owner: net.wallets[0]!.address, pieceCid: a.bytes, copies: 3n, regions: ['eu-west', 'us-east'], maxPricePerGiBEpoch: 1000n } },
      { name: 'PolicyCreated', args: { id: 1n, owner: net.wallets[1]!.address, pieceCid: b.bytes, copies: 2n, regions: ['ap-south'], maxPricePerGiBEpoch: 500n } },
      { name: 'PolicyUpdated', args: { id: 0n, copies: 4n, regions: ['eu-west', 'us-east', 'ap-south'], maxPricePerGiBEpoch: 1200n } },
      { name: 'PolicyRetired', args: { id: 1n } },
    ]);
    assert.deepEqual(await net.rpc('eth_getFilterChanges', [filterId]), [], 'nothing new since the last poll');
    assert.deepEqual([...(await registry.regions(0n))], ['eu-west', 'us-east', 'ap-south']);
    await assert.rejects(as(1).update(0n, 1, [], 1n), reason('Replication: not the owner'));
    await assert.rejects(as(1).retire(1n), reason('Replication: retired'));
  });

  it('replicas reported by the named worker satisfy the policy; eth_getLogs by policy id shows its history', async () => {
    const f0 = (id: bigint) => bytesToHex(Address.newId(id).bytes);
    await assert.rejects(as(2).reportReplica(0n, f0(1000n)), reason('Replication: not the worker'));
    await (await as(0).setWorker(0n, net.wallets[2]!.address)).wait();
    // Providers named by f0 (f01000…f01002) and one by its f410 (an account here, standing in for a miner).
    const f410 = await net.rpc<string>('Filecoin.EthAddressToFilecoinAddress', [net.wallets[1]!.address]);
    const f410Id = BigInt((await net.rpc<string>('Filecoin.StateLookupID', [f410])).slice(2));
    const providers = [f0(1000n), f0(1001n), f0(1002n), concat(['0x040a', net.wallets[1]!.address])];
    for (const provider of providers) await (await as(2).reportReplica(0n, provider)).wait();
    await assert.rejects(as(2).reportReplica(0n, f0(f410Id)), reason('Replication: already reported'), 'the same actor by its f0');
    await assert.rejects(as(2).reportReplica(0n, newF1Wallet().bytes), reason('Replication: unknown provider'));
    assert.equal(await registry.storesReplica(0n, 1002n), true);
    assert.equal(await registry.storesReplica(0n, f410Id), true, 'kept by actor id (resolve_address)');
    const history = await net.provider.getLogs({ address, fromBlock: 0, topics: [null, zeroPadValue(toBeHex(0), 32)] });
    assert.deepEqual(decode(history).map((e) => e.name), ['PolicyCreated', 'PolicyUpdated', 'WorkerSet', 'ReplicaReported', 'ReplicaReported', 'ReplicaReported', 'ReplicaReported', 'PolicySatisfied']);
    const satisfied = await registry.queryFilter(registry.filters.PolicySatisfied!());
    assert.equal(satisfied.length, 1);
    assert.equal((await registry.policies(0n)).replicas, 4n);
  });

  it('the same events are Filecoin actor events of the contract (Filecoin.GetActorEventsRaw)', async () => {
    const f410 = await net.rpc<string>('Filecoin.EthAddressToFilecoinAddress', [address]);
    const f0 = await net.rpc<string>('Filecoin.StateLookupID', [f410]);
    const events = await net.rpc<{ emitter: string; entries: { Key: string; Codec: number; Value: string }[] }[]>('Filecoin.GetActorEventsRaw', [{ addresses: [f410], fromHeight: 0 }]);
    const logs = await net.provider.getLogs({ address, fromBlock: 0 });
    assert.equal(events.length, logs.length, 'one actor event per log');
    const topic = (hex: string) => Buffer.from(hex.slice(2), 'hex').toString('base64');
    for (const [i, event] of events.entries()) {
      assert.equal(event.emitter, f0);
      const log = logs[i]!;
      const expected = log.topics.map((t, k) => ({ Key: `t${k + 1}`, Codec: 0x55, Value: topic(t) }));
      if (log.data !== '0x') expected.push({ Key: 'd', Codec: 0x55, Value: topic(log.data) });
      assert.deepEqual(event.entries.map(({ Key, Codec, Value }) => ({ Key, Codec, Value })), expected);
    }
  });
});
