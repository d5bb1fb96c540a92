// contracts/StorageBounty.sol through Hardhat 3: a client escrows FIL for a piece CID and signs the
// release (personal_sign by the devnet's account) for the provider, who is paid; an unclaimed bounty
// goes back to the client only after its expiry (time.increaseTo from the network helpers).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';
import type {} from '../../hardhat.config.ts'; // for tsc: the plugins' types (connection.ethers, …)

const { ethers, networkHelpers } = await network.getOrCreate();

/** A deployed ethers Contract, its ABI functions called by name: untyped, as there is no typechain here. */
type Contract = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const PIECE_CID = ethers.toUtf8Bytes('baga6ea4seaq-example-piece');
const DAY = 24 * 3600;

async function deployBounty() {
  const [client, provider] = await ethers.getSigners();
  const bounty = (await ethers.deployContract('StorageBounty')) as Contract;
  await bounty.waitForDeployment();
  return { bounty, client: client!, provider: provider! };
}

async function post(bounty: Contract, reward: bigint): Promise<{ id: bigint; expiresAt: number }> {
  const expiresAt = (await networkHelpers.time.latest()) + DAY;
  const receipt = await (await bounty.post(PIECE_CID, expiresAt, { value: reward })).wait();
  return { id: bounty.interface.parseLog(receipt!.logs[0]!)!.args.id as bigint, expiresAt };
}

describe('StorageBounty on fevm-devnet', () => {
  it("pays the provider on the client's signature, once", async () => {
    const { bounty, client, provider } = await networkHelpers.loadFixture(deployBounty);
    const { id } = await post(bounty, ethers.parseEther('1'));
    const signature = await client.signMessage(ethers.getBytes(await bounty.claimDigest(id, provider.address)));
    const before = await ethers.provider.getBalance(provider.address);
    await (await bounty.claim(id, provider.address, signature)).wait(); // the client submits it: the provider pays no gas
    assert.equal(await ethers.provider.getBalance(provider.address), before + ethers.parseEther('1'));
    await assert.rejects(bounty.claim(id, provider.address, signature));
  });

  it('refunds the client only after the expiry', async () => {
    const { bounty } = await networkHelpers.loadFixture(deployBounty);
    const { id, expiresAt } = await post(bounty, ethers.parseEther('1'));
    await assert.rejects(bounty.cancel(id));
    await networkHelpers.time.increaseTo(expiresAt);
    await (await bounty.cancel(id)).wait();
    assert.equal(await ethers.provider.getBalance(await bounty.getAddress()), 0n);
  });
});
