// The Hardhat 3 project of test/e2e/hardhat-network-helpers.test.ts, copied into a temporary folder
// and run with `hardhat test nodejs`. The devnet's URL comes from FEVM_DEVNET_URL; `fevm-inprocess`
// is the plugin's devnet inside Hardhat. Solidity compiles
// offline with the npm package `solc`'s soljson.js (the compiler `path` option).
import { createRequire } from 'node:module';
import hardhatEthers from '@nomicfoundation/hardhat-ethers';
import hardhatNetworkHelpers from '@nomicfoundation/hardhat-network-helpers';
import hardhatNodeTestRunner from '@nomicfoundation/hardhat-node-test-runner';
import { configVariable } from 'hardhat/config';
import fevmDevnet from 'fevm-devnet/hardhat';

const require = createRequire(import.meta.url);

export default {
  plugins: [hardhatEthers, hardhatNetworkHelpers, hardhatNodeTestRunner, fevmDevnet],
  solidity: {
    version: '0.8.37',
    path: require.resolve('solc/soljson.js'),
    settings: { evmVersion: 'cancun' },
  },
  networks: {
    fevm: { type: 'http', url: process.env.FEVM_DEVNET_URL, chainId: 31415926 },
    'fevm-inprocess': { type: 'http', url: configVariable('FEVM_DEVNET_IN_PROCESS'), chainId: 31415926 },
  },
};
