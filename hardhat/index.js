// `fevm-devnet/hardhat`: a Hardhat 3 plugin for projects that test against a running fevm-devnet.
// It owns one thing: on a connection to fevm-devnet, web3_clientVersion answers
// `hardhat-compatible (fevm-devnet/<release>)` instead of `fevm-devnet/<release>`, so that
// @nomicfoundation/hardhat-network-helpers (which only runs where the answer starts with `hardhat`,
// `anvil` or `zksync`, and then calls hardhat_* and evm_* methods) works. Every other request, every
// other node, and a devnet started with `--no-dev-methods` are left alone. It adds no methods:
// the node serves them (docs/hardhat.md).
// And one more: a network whose url is `configVariable('FEVM_DEVNET_IN_PROCESS')` runs against a
// devnet started inside the Hardhat process when the connection is made (in-process.js), so that
// `hardhat test` needs no second terminal.
// Plain JavaScript on purpose: Node does not strip types under node_modules, where users install it.

/** @type {import('hardhat/types/plugins').HardhatPlugin} */
const fevmDevnetPlugin = {
  id: 'fevm-devnet',
  npmPackage: 'fevm-devnet',
  hookHandlers: {
    network: () => import('./network-hooks.js'),
    configurationVariables: () => import('./configuration-variable-hooks.js'),
  },
};

export default fevmDevnetPlugin;
export { developmentClientVersion, isFevmDevnetClientVersion } from './client-version.js';
export { IN_PROCESS_VARIABLE } from './in-process.js';
