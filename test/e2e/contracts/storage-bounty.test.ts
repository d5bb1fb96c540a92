// contracts/StorageBounty.sol on the devnet over HTTP with ethers: a client escrows FIL for a piece CID,
// signs a release once the piece is stored, and the provider is paid at its f1 wallet (call_actor) or
// its Ethereum address; wrong signers, replays and early refunds revert; an expired bounty refunds.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getBytes, parseEther } from 'ethers';
import { compileExample, deploy, examplePieceCid, newF1Wallet, startExampleDevnet, walletBalance, type ExampleDevnet } from './contract-devnet.ts';

const BOUNTY = compileExample('StorageBounty.sol');
const DAY = 24 * 3600;

describe('StorageBounty: FIL escrowed for a piece CID, paid to the provider who stores it', () => {
  let net: ExampleDevnet;
  let bounty: Awaited<ReturnType<typeof deploy>>;

  before(async () => {
    net = await startExampleDevnet(3);
    bounty = await deploy(BOUNTY, net.wallets[0]!);
  });
  after(() => net.close());

  const reason = (text: string) => (e: Error & { reason?: string }) => e.reason === text;
  const now = async () => (await net.provider.getBlock('latest'))!.timestamp;
  /** Posts a bounty from the client (wallet 0) and answers its id. */
  async function post(piece: string, reward: bigint, expiresIn = DAY): Promise<bigint> {
    const receipt = await (await bounty.post(piece, (await now()) + expiresIn, { value: reward })).wait();
    return bounty.interface.parseLog(receipt!.logs[0]!)!.args.id as bigint;
  }
  const sign = async (signer: (typeof net.wallets)[0], id: bigint, payee: string) => signer.signMessage(getBytes(await bounty.claimDigest(id, payee)));

  it('posting escrows the FIL and records the piece CID', async () => {
    const piece = examplePieceCid('dataset-1');
    assert.match(piece.text, /^baga6ea4sea/);
    const id = await post(piece.bytes, parseEther('3'));
    const [client, pieceCid, reward, , open] = await bounty.bounties(id);
    assert.deepEqual([client, pieceCid, reward, open], [net.wallets[0]!.address, piece.bytes, parseEther('3'), true]);
    assert.equal(await net.provider.getBalance(await bounty.getAddress()), parseEther('3'));
  });

  it("the client's signature releases the FIL to the provider's fresh f1 wallet", async () => {
    const id = await post(examplePieceCid('dataset-2').bytes, parseEther('2'));
    const provider = newF1Wallet();
    const asProvider = bounty.connect(net.wallets[1]!) as typeof bounty; // anyone may submit the claim
    const receipt = await (await asProvider.claim(id, provider.bytes, await sign(net.wallets[0]!, id, provider.bytes))).wait();
    const claimed = bounty.interface.parseLog(receipt!.logs[0]!)!;
    assert.deepEqual([claimed.name, ...claimed.args], ['BountyClaimed', id, provider.bytes, parseEther('2')]);
    assert.equal(await walletBalance(net, provider.text), parseEther('2'));
    await assert.rejects(asProvider.claim(id, provider.bytes, await sign(net.wallets[0]!, id, provider.bytes)), reason('StorageBounty: not open'));
  });

  it('pays an Ethereum address given as 20 bytes', async () => {
    const id = await post(examplePieceCid('dataset-3').bytes, parseEther('1'));
    const payee = net.wallets[2]!.address;
    const before = await net.provider.getBalance(payee);
    await (await bounty.claim(id, payee, await sign(net.wallets[0]!, id, payee))).wait();
    assert.equal(await net.provider.getBalance(payee), before + parseEther('1'));
  });

  it('refuses a signature from anyone but the client, or one made for another payee', async () => {
    const id = await post(examplePieceCid('dataset-4').bytes, parseEther('1'));
    const provider = newF1Wallet();
    await assert.rejects(bounty.claim(id, provider.bytes, await sign(net.wallets[1]!, id, provider.bytes)), reason('StorageBounty: not signed by the client'));
    const forSomeoneElse = await sign(net.wallets[0]!, id, newF1Wallet().bytes);
    await assert.rejects(bounty.claim(id, provider.bytes, forSomeoneElse), reason('StorageBounty: not signed by the client'));
    await assert.rejects(bounty.claim(id, provider.bytes, '0x1234'), reason('StorageBounty: bad signature length'));
    assert.equal(await walletBalance(net, provider.text), 0n);
  });

  it('the client gets the FIL back only once expired (evm_setNextBlockTimestamp to the expiry)', async () => {
    const client = net.wallets[0]!;
    const id = await post(examplePieceCid('dataset-5').bytes, parseEther('4'), DAY);
    await assert.rejects(bounty.cancel(id), reason('StorageBounty: not expired'));
    await assert.rejects((bounty.connect(net.wallets[1]!) as typeof bounty).cancel(id), reason('StorageBounty: not the client'));
    const [, , , expiresAt] = await bounty.bounties(id);
    await net.rpc('evm_setNextBlockTimestamp', [Number(expiresAt)]);
    const before = await net.provider.getBalance(client.address);
    const receipt = await (await bounty.cancel(id)).wait();
    const refunded = (await net.provider.getBalance(client.address)) - before;
    assert.ok(refunded > parseEther('4') - parseEther('0.01') && refunded < parseEther('4'), 'four FIL back, less gas');
    assert.equal(bounty.interface.parseLog(receipt!.logs[0]!)!.name, 'BountyCancelled');
  });
});
