// The one rewrite of the `fevm-devnet/hardhat` plugin, kept apart so that it is testable without Hardhat.
// The node's own answer stays inside the new one: tools that log the client still see what it is.

/** What fevm-devnet answers to web3_clientVersion starts with this (src/gateway/dev-methods.ts CLIENT_NAME). */
export const FEVM_DEVNET_CLIENT_NAME = 'fevm-devnet';

/**
 * Whether a web3_clientVersion answer comes from fevm-devnet.
 * @param {unknown} clientVersion
 * @returns {clientVersion is string}
 */
export function isFevmDevnetClientVersion(clientVersion) {
  return typeof clientVersion === 'string' && clientVersion.startsWith(`${FEVM_DEVNET_CLIENT_NAME}/`);
}

/**
 * The answer the plugin gives instead: `hardhat-compatible (fevm-devnet/0.1.0)`. It starts with
 * `hardhat` because the network helpers of Hardhat 3 call only hardhat_* and evm_* methods, which
 * fevm-devnet serves under those names.
 * @param {string} clientVersion
 * @returns {string}
 */
export function developmentClientVersion(clientVersion) {
  return `hardhat-compatible (${clientVersion})`;
}
