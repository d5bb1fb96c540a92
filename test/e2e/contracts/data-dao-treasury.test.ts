// contracts/DataDaoTreasury.sol on the devnet over HTTP with ethers: members propose paying for a
// dataset (piece CID), vote, and once the quorum is reached the FIL goes to an f1 wallet or an f410
// address through call_actor; everything else (outsiders, double votes, early or repeated execution,
// an empty treasury, a closed vote) reverts with its reason.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { concat, parseEther } from 'ethers';
import { compileExample, deploy, examplePieceCid, newF1Wallet, startExampleDevnet, walletBalance, type ExampleDevnet } from './contract-devnet.ts';

const DAO = compileExample('DataDaoTreasury.sol');
const HOUR = 3600;

describe('DataDaoTreasury: members vote FIL to datasets', () => {
  let net: ExampleDevnet;
  let dao: Awaited<ReturnType<typeof deploy>>;
  let treasury: string;
  const as = (i: number) => dao.connect(net.wallets[i]!) as typeof dao;
  const reason = (text: string) => (e: Error & { reason?: string }) => e.reason === text;
  async function propose(payee: string, amount: bigint, votingPeriod = HOUR): Promise<bigint> {
    const receipt = await (await as(0).propose(examplePieceCid(`dataset-${payee}-${amount}`).bytes, payee, amount, votingPeriod)).wait();
    return dao.interface.parseLog(receipt!.logs[0]!)!.args.id as bigint;
  }

  before(async () => {
    net = await startExampleDevnet(4);
    dao = await deploy(DAO, net.wallets[0]!, net.wallets.slice(0, 3).map((w) => w.address), 2);
    treasury = await dao.getAddress();
    const receipt = await (await net.wallets[3]!.sendTransaction({ to: treasury, value: parseEther('10') })).wait();
    assert.equal(dao.interface.parseLog(receipt!.logs[0]!)!.name, 'Funded');
  });
  after(() => net.close());

  it('pays a fresh f1 wallet once two of three members approve, and only once', async () => {
    const preparer = newF1Wallet();
    const id = await propose(preparer.bytes, parseEther('3'));
    await (await as(0).vote(id)).wait();
    await assert.rejects(as(3).execute(id), reason('DataDao: quorum not reached'));
    const voted = await (await as(1).vote(id)).wait();
    assert.equal(dao.interface.parseLog(voted!.logs[0]!)!.args.approvals, 2n);
    const executed = await (await as(3).execute(id)).wait(); // an outsider may execute what the members approved
    const event = dao.interface.parseLog(executed!.logs[0]!)!;
    assert.deepEqual([event.name, ...event.args], ['Executed', id, preparer.bytes, parseEther('3')]);
    assert.equal(await walletBalance(net, preparer.text), parseEther('3'));
    assert.equal(await net.provider.getBalance(treasury), parseEther('7'));
    await assert.rejects(as(3).execute(id), reason('DataDao: already executed'));
  });

  it("pays an f410 address (an Ethereum account's Filecoin form) through call_actor", async () => {
    const payee = net.wallets[3]!.address;
    const id = await propose(concat(['0x040a', payee]), parseEther('1'));
    await (await as(1).vote(id)).wait();
    await (await as(2).vote(id)).wait();
    const before = await net.provider.getBalance(payee);
    await (await as(0).execute(id)).wait();
    assert.equal(await net.provider.getBalance(payee), before + parseEther('1'));
    assert.equal(await net.provider.getBalance(treasury), parseEther('6'));
  });

  it('refuses outsiders, a second vote, and a proposal larger than the treasury', async () => {
    await assert.rejects(as(3).propose(examplePieceCid('x').bytes, newF1Wallet().bytes, 1n, HOUR), reason('DataDao: not a member'));
    const id = await propose(newF1Wallet().bytes, parseEther('100'));
    await assert.rejects(as(3).vote(id), reason('DataDao: not a member'));
    await (await as(0).vote(id)).wait();
    await assert.rejects(as(0).vote(id), reason('DataDao: already voted'));
    await (await as(2).vote(id)).wait();
    await assert.rejects(as(0).execute(id), reason('DataDao: treasury too small'));
  });

  it('closes the vote at the deadline (evm_increaseTime)', async () => {
    const id = await propose(newF1Wallet().bytes, 1n, HOUR);
    await (await as(0).vote(id)).wait();
    await net.rpc('evm_increaseTime', [HOUR + 600]);
    await assert.rejects(as(1).vote(id), reason('DataDao: voting closed'));
    await assert.rejects(as(1).execute(id), reason('DataDao: quorum not reached'));
  });
});
