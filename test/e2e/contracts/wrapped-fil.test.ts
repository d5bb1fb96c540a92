// contracts/WrappedFil.sol on the devnet over HTTP with ethers: FIL in mints WFIL, WFIL burnt sends the
// FIL back — to the caller, to a fresh f1 wallet or to an f0 address through call_actor — and the
// ERC-20 moves (transfer, approve, transferFrom) with their events and revert reasons.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEther, type TransactionReceipt } from 'ethers';
import { Address } from '../../../src/primitives/index.ts';
import { compileExample, deploy, newF1Wallet, startExampleDevnet, walletBalance, type ExampleDevnet } from './contract-devnet.ts';

const WFIL = compileExample('WrappedFil.sol');

describe('WrappedFil: a FIL-backed ERC-20', () => {
  let net: ExampleDevnet;
  let wfil: Awaited<ReturnType<typeof deploy>>;
  let address: string;

  before(async () => {
    net = await startExampleDevnet(3);
    wfil = await deploy(WFIL, net.wallets[0]!);
    address = await wfil.getAddress();
  });
  after(() => net.close());

  const events = (receipt: TransactionReceipt | null) =>
    receipt!.logs.map((log) => wfil.interface.parseLog(log)!).map((e) => ({ name: e.name, args: [...e.args] }));

  it('deposit mints WFIL one to one and holds the FIL; a plain FIL transfer to the contract deposits too', async () => {
    const alice = net.wallets[0]!;
    const receipt = await (await wfil.deposit({ value: parseEther('5') })).wait();
    assert.deepEqual(events(receipt), [
      { name: 'Deposit', args: [alice.address, parseEther('5')] },
      { name: 'Transfer', args: ['0x0000000000000000000000000000000000000000', alice.address, parseEther('5')] },
    ]);
    await (await alice.sendTransaction({ to: address, value: parseEther('1') })).wait();
    assert.equal(await wfil.balanceOf(alice.address), parseEther('6'));
    assert.equal(await wfil.totalSupply(), parseEther('6'));
    assert.equal(await net.provider.getBalance(address), parseEther('6'));
  });

  it('withdraw burns WFIL and sends the FIL back to the caller', async () => {
    const alice = net.wallets[0]!;
    const before = await net.provider.getBalance(alice.address);
    const receipt = await (await wfil.withdraw(parseEther('2'))).wait();
    const after = await net.provider.getBalance(alice.address);
    // Two FIL back, less the gas. effectiveGasPrice is Lotus's total cost / gasUsed, rounded down, so
    // receipt.fee (gasUsed × effectiveGasPrice) can be short of what was paid by less than gasUsed.
    const paid = parseEther('2') - (after - before);
    assert.ok(paid >= receipt!.fee && paid < receipt!.fee + receipt!.gasUsed, `gas paid ${paid}, receipt says ${receipt!.fee}`);
    assert.equal(await wfil.balanceOf(alice.address), parseEther('4'));
    assert.equal(await net.provider.getBalance(address), parseEther('4'));
  });

  it('withdrawTo a fresh f1 address: call_actor method 0 creates its account with the FIL', async () => {
    const f1 = newF1Wallet();
    assert.equal(await walletBalance(net, f1.text), 0n);
    const receipt = await (await wfil.withdrawTo(f1.bytes, parseEther('1.5'))).wait();
    assert.deepEqual(events(receipt).at(-1), { name: 'Withdrawal', args: [net.wallets[0]!.address, f1.bytes, parseEther('1.5')] });
    assert.equal(await walletBalance(net, f1.text), parseEther('1.5'));
    assert.match(await net.rpc<string>('Filecoin.StateLookupID', [f1.text]), /^t0\d+$/, 'the f1 is an actor now');
    assert.equal(await wfil.totalSupply(), parseEther('2.5'));
  });

  it('withdrawTo an f0 address pays the actor behind it (here an Ethereum account, seen through eth_getBalance)', async () => {
    const bob = net.wallets[1]!;
    const id = await net.rpc<string>('Filecoin.StateLookupID', [await net.rpc<string>('Filecoin.EthAddressToFilecoinAddress', [bob.address])]);
    const f0 = Address.newId(BigInt(id.slice(2)));
    const before = await net.provider.getBalance(bob.address);
    await (await wfil.withdrawTo(f0.bytes, parseEther('0.5'))).wait();
    assert.equal(await net.provider.getBalance(bob.address), before + parseEther('0.5'));
  });

  it('reverts with reasons: burning more than the balance, an unparsable Filecoin address', async () => {
    await assert.rejects(wfil.withdraw(parseEther('100')), (e: Error & { reason?: string }) => e.reason === 'WFIL: balance too low');
    await assert.rejects(wfil.withdrawTo('0x09ff', 1n), (e: Error & { reason?: string }) => e.reason === 'FilecoinPrecompiles: call_actor refused');
    assert.equal(await wfil.totalSupply(), parseEther('2'), 'nothing moved');
  });

  it('transfer, approve and transferFrom move WFIL with their events; an allowance is enforced', async () => {
    const [alice, bob, carol] = net.wallets as [typeof net.wallets[0], typeof net.wallets[0], typeof net.wallets[0]];
    await (await wfil.transfer(bob.address, parseEther('1'))).wait();
    const asBob = wfil.connect(bob) as typeof wfil;
    await (await asBob.approve(carol.address, parseEther('0.25'))).wait();
    const asCarol = wfil.connect(carol) as typeof wfil;
    await (await asCarol.transferFrom(bob.address, carol.address, parseEther('0.25'))).wait();
    await assert.rejects(asCarol.transferFrom(bob.address, carol.address, 1n), (e: Error & { reason?: string }) => e.reason === 'WFIL: allowance exceeded');
    assert.equal(await wfil.balanceOf(alice.address), parseEther('1'));
    assert.equal(await wfil.balanceOf(bob.address), parseEther('0.75'));
    assert.equal(await wfil.balanceOf(carol.address), parseEther('0.25'));
    const transfers = await net.provider.getLogs({ address, fromBlock: 0, topics: [wfil.interface.getEvent('Transfer')!.topicHash] });
    assert.equal(transfers.length, 7, 'two mints, two burns to alice and the f1, one to the f0, a transfer, a transferFrom');
  });
});
