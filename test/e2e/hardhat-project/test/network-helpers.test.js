// @nomicfoundation/hardhat-network-helpers against fevm-devnet, from a Hardhat 3 test (node:test
// runner): loadFixture, time.increase and time.latest, mine, setBalance, impersonateAccount, with a
// contract deployed and called through hardhat-ethers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';

const { ethers, networkHelpers, provider } = await network.getOrCreate('fevm');

async function deployCounter() {
  const counter = await ethers.deployContract('Counter');
  await counter.waitForDeployment();
  await (await counter.increment()).wait();
  return { counter };
}

describe('network helpers on fevm-devnet', () => {
  it('sees the node as a development network, with its own name kept', async () => {
    const version = await provider.request({ method: 'web3_clientVersion' });
    assert.match(version, /^hardhat-compatible \(fevm-devnet\/\d+\.\d+\.\d+\)$/);
  });

  it('loadFixture deploys once and reverts to the fixture on the second call', async () => {
    const { counter } = await networkHelpers.loadFixture(deployCounter);
    assert.equal(await counter.count(), 1n);
    await (await counter.increment()).wait();
    await (await counter.increment()).wait();
    assert.equal(await counter.count(), 3n);

    const again = await networkHelpers.loadFixture(deployCounter);
    assert.equal(await again.counter.getAddress(), await counter.getAddress());
    assert.equal(await again.counter.count(), 1n);
  });

  it('time.increase moves the next block on, time.latest reads it, contracts see it', async () => {
    const { counter } = await networkHelpers.loadFixture(deployCounter);
    const before = await networkHelpers.time.latest();
    const after = await networkHelpers.time.increase(3600);
    assert.equal(after, before + 3600);
    assert.equal(await networkHelpers.time.latest(), after);

    await (await counter.increment()).wait();
    assert.ok((await counter.touchedAt()) > BigInt(after));
  });

  it('mine adds blocks', async () => {
    const before = await ethers.provider.getBlockNumber();
    await networkHelpers.mine(5);
    assert.equal(await ethers.provider.getBlockNumber(), before + 5);
  });

  it('setBalance and impersonateAccount let an unknown EOA send a transaction', async () => {
    const [dev] = await ethers.getSigners();
    const stranger = '0x5afe00000000000000000000000000000000beef';
    await networkHelpers.setBalance(stranger, 10n ** 21n);
    assert.equal(await ethers.provider.getBalance(stranger), 10n ** 21n);

    await networkHelpers.impersonateAccount(stranger);
    const received = await ethers.provider.getBalance(dev.address);
    const hash = await provider.request({
      method: 'eth_sendTransaction',
      params: [{ from: stranger, to: dev.address, value: '0xde0b6b3a7640000' }],
    });
    const receipt = await ethers.provider.waitForTransaction(hash);
    assert.equal(receipt.status, 1);
    assert.equal(receipt.from.toLowerCase(), stranger);
    assert.equal(await ethers.provider.getBalance(dev.address), received + 10n ** 18n);
    assert.ok((await ethers.provider.getBalance(stranger)) < 10n ** 21n - 10n ** 18n);
    await networkHelpers.stopImpersonatingAccount(stranger);
  });
});
