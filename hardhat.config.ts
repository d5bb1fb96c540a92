// Hardhat 3 for this repository's example contracts (contracts/): compile offline with the npm package
// `solc`, test them (test/hardhat/) and deploy them with Ignition (ignition/modules/) on the devnet, or
// on Filecoin's calibration testnet and mainnet. docs/hardhat.md describes it;
// test/e2e/hardhat-project.test.ts runs it.
import { createRequire } from 'node:module';
import hardhatEthers from '@nomicfoundation/hardhat-ethers';
import hardhatIgnitionEthers from '@nomicfoundation/hardhat-ignition-ethers';
import hardhatNetworkHelpers from '@nomicfoundation/hardhat-network-helpers';
import hardhatNodeTestRunner from '@nomicfoundation/hardhat-node-test-runner';
import { configVariable, type HardhatUserConfig } from 'hardhat/config';
import fevmDevnet from 'fevm-devnet/hardhat';

const require = createRequire(import.meta.url);

/** The devnet's chain id (src/chain/genesis.ts DEFAULT_CHAIN_ID). */
const FEVM_DEVNET_CHAIN_ID = 31415926;

export default {
  plugins: [hardhatEthers, hardhatIgnitionEthers, hardhatNetworkHelpers, hardhatNodeTestRunner, fevmDevnet],
  solidity: {
    version: '0.8.37',
    path: require.resolve('solc/soljson.js'), // offline: solc-js from the npm package `solc`
    settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 } }, // cancun: FEVM's opcode set
  },
  paths: {
    sources: 'contracts',
    // Hardhat's default for both is test/, where this repository keeps its own (non-Hardhat) tests.
    tests: { nodejs: 'test/hardhat', solidity: 'test/hardhat/solidity' },
  },
  networks: {
    // `npm start` in another terminal. The devnet signs for its development accounts (eth_accounts),
    // so `accounts` stays `remote`. FEVM_RPC_URL points it at another devnet.
    fevm: {
      type: 'http',
      url: process.env.FEVM_RPC_URL ?? 'http://127.0.0.1:1234/rpc/v1',
      chainId: FEVM_DEVNET_CHAIN_ID,
    },
    // A devnet started inside the Hardhat process by the fevm-devnet/hardhat plugin when a connection
    // is made (chain in memory, gone when Hardhat exits): no second terminal.
    'fevm-inprocess': {
      type: 'http',
      url: configVariable('FEVM_DEVNET_IN_PROCESS'),
      chainId: FEVM_DEVNET_CHAIN_ID,
    },
    // Filecoin's testnet and mainnet: url and key from the environment (or `npx hardhat keystore set`).
    calibration: {
      type: 'http',
      url: configVariable('FILECOIN_CALIBRATION_RPC_URL'),
      chainId: 314159,
      accounts: [configVariable('FILECOIN_CALIBRATION_PRIVATE_KEY')],
    },
    mainnet: {
      type: 'http',
      url: configVariable('FILECOIN_MAINNET_RPC_URL'),
      chainId: 314,
      accounts: [configVariable('FILECOIN_MAINNET_PRIVATE_KEY')],
    },
  },
} satisfies HardhatUserConfig;
