// contracts/RetrievalEscrow.sol on the devnet over HTTP with ethers: a client's payment for a retrieval
// is locked until the deadline (evm_setNextBlockTimestamp / evm_increaseTime), then the provider's f1
// wallet is paid through call_actor; an early release, a dispute and the arbiter's refund move FIL too.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEther } from 'ethers';
import { compileExample, deploy, examplePieceCid, newF1Wallet, startExampleDevnet, walletBalance, type ExampleDevnet } from './contract-devnet.ts';

const ESCROW = compileExample('RetrievalEscrow.sol');
const HOUR = 3600;

describe('RetrievalEscrow: retrieval payments released at a deadline', () => {
  let net: ExampleDevnet;
  let escrow: Awaited<ReturnType<typeof deploy>>;
  const as = (i: number) => escrow.connect(net.wallets[i]!) as typeof escrow;
  const reason = (text: string) => (e: Error & { reason?: string }) => e.reason === text;
  const arbiter = () => net.wallets[2]!.address;

  before(async () => {
    net = await startExampleDevnet(3);
    escrow = await deploy(ESCROW, net.wallets[0]!);
  });
  after(() => net.close());

  /** The client (wallet 0) opens an escrow for `provider`, due in `seconds`; answers its id and deadline. */
  async function open(provider: string, amount: bigint, seconds = HOUR) {
    const deadline = (await net.provider.getBlock('latest'))!.timestamp + seconds;
    const receipt = await (await as(0).open(provider, examplePieceCid(`retrieval-${provider}`).bytes, deadline, arbiter(), { value: amount })).wait();
    return { id: escrow.interface.parseLog(receipt!.logs[0]!)!.args.id as bigint, deadline };
  }

  it('the provider cannot claim before the deadline; from the deadline on its f1 wallet is paid', async () => {
    const provider = newF1Wallet();
    const { id, deadline } = await open(provider.bytes, parseEther('2'));
    await assert.rejects(as(1).claim(id), reason('Retrieval: deadline not reached'));
    await net.rpc('evm_setNextBlockTimestamp', [deadline]);
    const receipt = await (await as(1).claim(id)).wait();
    assert.equal((await net.provider.getBlock(receipt!.blockNumber))!.timestamp, deadline, 'claimed in the tipset at the deadline');
    const paid = escrow.interface.parseLog(receipt!.logs[0]!)!;
    assert.deepEqual([paid.name, ...paid.args], ['Paid', id, provider.bytes, parseEther('2')]);
    assert.equal(await walletBalance(net, provider.text), parseEther('2'));
    await assert.rejects(as(1).claim(id), reason('Retrieval: not locked'));
  });

  it('the client may release early; nobody else may', async () => {
    const provider = net.wallets[1]!.address;
    const { id } = await open(provider, parseEther('1'));
    await assert.rejects(as(1).release(id), reason('Retrieval: not the client'));
    const before = await net.provider.getBalance(provider);
    await (await as(0).release(id)).wait();
    assert.equal(await net.provider.getBalance(provider), before + parseEther('1'));
  });

  it('a dispute before the deadline freezes the payment until the arbiter refunds the client', async () => {
    const provider = newF1Wallet();
    const { id } = await open(provider.bytes, parseEther('3'));
    await (await as(0).dispute(id)).wait();
    await net.rpc('evm_increaseTime', [2 * HOUR]);
    await assert.rejects(as(1).claim(id), reason('Retrieval: not locked'), 'a disputed payment is not released at the deadline');
    await assert.rejects(as(1).resolve(id, true), reason('Retrieval: not the arbiter'));
    const client = net.wallets[0]!.address;
    const before = await net.provider.getBalance(client);
    await (await as(2).resolve(id, false)).wait();
    assert.equal(await net.provider.getBalance(client), before + parseEther('3'), 'the arbiter paid the gas, the client got it all back');
    assert.equal(await walletBalance(net, provider.text), 0n);
  });

  it('no dispute once the deadline has passed (evm_increaseTime)', async () => {
    const { id } = await open(newF1Wallet().bytes, 1n, HOUR);
    await net.rpc('evm_increaseTime', [HOUR + 600]);
    await assert.rejects(as(0).dispute(id), reason('Retrieval: deadline passed'));
    await (await as(2).claim(id)).wait();
    assert.equal((await escrow.escrows(id)).state, 3n, 'Paid');
  });
});
