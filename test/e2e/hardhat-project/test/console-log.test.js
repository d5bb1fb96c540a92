// Solidity's console.log on the in-process devnet of the fevm-devnet/hardhat plugin (the
// `fevm-inprocess` network): what the contract logs shows in `hardhat test`'s output, as on Hardhat's
// own in-process network. The e2e test reads the output; here the calls only have to succeed. And
// errors name the contract and custom error from the project's artifacts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { network } from 'hardhat';

const { ethers, provider } = await network.getOrCreate('fevm-inprocess');

describe('console.log on the in-process devnet', () => {
  it('logs from a transaction and from a call', async () => {
    const greeter = await ethers.deployContract('Greeter');
    await greeter.waitForDeployment();
    await (await greeter.setGreeting('bonjour')).wait();
    assert.equal(await greeter.shout(3n), 'bonjour');
  });

  it("names the contract, its custom error and the line in a call's error, from the project's artifacts", async () => {
    const greeter = await ethers.deployContract('Greeter');
    await greeter.waitForDeployment();
    const to = (await greeter.getAddress()).toLowerCase();
    const data = greeter.interface.encodeFunctionData('shout', [0n]);
    await assert.rejects(provider.request({ method: 'eth_call', params: [{ to, data }, 'latest'] }), {
      message: `execution reverted: custom error Silent(0) (contract Greeter at ${to}, contracts/Greeter.sol:20, exit code EVM_REVERTED(33))`,
    });
  });
});
