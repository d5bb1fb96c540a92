// contracts/WrappedFil.sol through Hardhat 3 (hardhat-ethers, node:test): deposit mints, transfer and
// transferFrom move WFIL, withdraw burns it and pays the FIL back. Runs on the network given with
// --network: `npx hardhat test nodejs --network fevm` (a running devnet) or `--network fevm-inprocess`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';
import type {} from '../../hardhat.config.ts'; // for tsc: the plugins' types (connection.ethers, …)

const { ethers, networkHelpers } = await network.getOrCreate();

/** A deployed ethers Contract, its ABI functions called by name: untyped, as there is no typechain here. */
type Contract = any; // eslint-disable-line @typescript-eslint/no-explicit-any

async function deployWrappedFil() {
  const [alice, bob] = await ethers.getSigners();
  const wfil = (await ethers.deployContract('WrappedFil')) as Contract;
  await wfil.waitForDeployment();
  return { wfil, alice: alice!, bob: bob! };
}

describe('WrappedFil on fevm-devnet', () => {
  it('deposit mints WFIL one to one and holds the FIL', async () => {
    const { wfil, alice } = await networkHelpers.loadFixture(deployWrappedFil);
    const amount = ethers.parseEther('2');
    const receipt = await (await wfil.deposit({ value: amount })).wait();
    assert.equal(receipt?.status, 1);
    const deposit = receipt!.logs.map((log: import('ethers').Log) => wfil.interface.parseLog(log)).find((event: import('ethers').LogDescription | null) => event?.name === 'Deposit');
    assert.deepEqual([...deposit!.args], [alice.address, amount]);
    assert.equal(await wfil.balanceOf(alice.address), amount);
    assert.equal(await wfil.totalSupply(), amount);
    assert.equal(await ethers.provider.getBalance(await wfil.getAddress()), amount);
  });

  it('transfer and approve + transferFrom move WFIL', async () => {
    const { wfil, alice, bob } = await networkHelpers.loadFixture(deployWrappedFil);
    await (await wfil.deposit({ value: ethers.parseEther('3') })).wait();
    await (await wfil.transfer(bob.address, ethers.parseEther('1'))).wait();
    await (await wfil.approve(bob.address, ethers.parseEther('1'))).wait();
    await (await (wfil.connect(bob) as Contract).transferFrom(alice.address, bob.address, ethers.parseEther('1'))).wait();
    assert.equal(await wfil.balanceOf(alice.address), ethers.parseEther('1'));
    assert.equal(await wfil.balanceOf(bob.address), ethers.parseEther('2'));
    assert.equal(await wfil.allowance(alice.address, bob.address), 0n);
  });

  it('withdraw burns WFIL and pays the FIL back; more than the balance reverts', async () => {
    const { wfil, alice } = await networkHelpers.loadFixture(deployWrappedFil);
    await (await wfil.deposit({ value: ethers.parseEther('1') })).wait();
    await (await wfil.withdraw(ethers.parseEther('1'))).wait();
    assert.equal(await wfil.balanceOf(alice.address), 0n);
    assert.equal(await ethers.provider.getBalance(await wfil.getAddress()), 0n);
    await assert.rejects(wfil.withdraw(1n));
  });
});
