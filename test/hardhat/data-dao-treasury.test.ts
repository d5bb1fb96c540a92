// contracts/DataDaoTreasury.sol through Hardhat 3: members propose paying FIL for a dataset, a quorum
// votes, anyone executes; the payee is paid once. Non-members and a missed quorum are refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';
import type {} from '../../hardhat.config.ts'; // for tsc: the plugins' types (connection.ethers, …)

const { ethers, networkHelpers } = await network.getOrCreate();

/** A deployed ethers Contract, its ABI functions called by name: untyped, as there is no typechain here. */
type Contract = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const PIECE_CID = ethers.toUtf8Bytes('baga6ea4seaq-example-dataset');

async function deployTreasury() {
  const [alice, bob, carol, outsider] = await ethers.getSigners();
  const treasury = (await ethers.deployContract('DataDaoTreasury', [[alice!.address, bob!.address, carol!.address], 2])) as Contract;
  await treasury.waitForDeployment();
  await (await alice!.sendTransaction({ to: await treasury.getAddress(), value: ethers.parseEther('5') })).wait();
  return { treasury, alice: alice!, bob: bob!, outsider: outsider! };
}

describe('DataDaoTreasury on fevm-devnet', () => {
  it('pays an approved proposal once a quorum has voted, and only once', async () => {
    const { treasury, alice, bob, outsider } = await networkHelpers.loadFixture(deployTreasury);
    const payee = outsider.address;
    const before = await ethers.provider.getBalance(payee);
    await (await treasury.propose(PIECE_CID, payee, ethers.parseEther('2'), 3600)).wait();
    await (await treasury.vote(0)).wait();
    await assert.rejects(treasury.execute(0)); // one vote of two
    await (await (treasury.connect(bob) as Contract).vote(0)).wait();
    await (await (treasury.connect(outsider) as Contract).execute(0)).wait();
    assert.ok((await ethers.provider.getBalance(payee)) > before + ethers.parseEther('1.9')); // less the gas of execute
    assert.equal(await ethers.provider.getBalance(await treasury.getAddress()), ethers.parseEther('3'));
    await assert.rejects((treasury.connect(alice) as Contract).execute(0));
  });

  it('refuses proposals and votes from non-members, and votes after the deadline', async () => {
    const { treasury, outsider } = await networkHelpers.loadFixture(deployTreasury);
    await assert.rejects((treasury.connect(outsider) as Contract).propose(PIECE_CID, outsider.address, 1n, 3600));
    await (await treasury.propose(PIECE_CID, outsider.address, 1n, 60)).wait();
    await assert.rejects((treasury.connect(outsider) as Contract).vote(0));
    await networkHelpers.time.increase(120);
    await assert.rejects(treasury.vote(0));
  });
});
