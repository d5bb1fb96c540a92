// The in-process devnet of the `fevm-devnet/hardhat` plugin: a network whose url is
// `configVariable('FEVM_DEVNET_IN_PROCESS')` gets a fresh devnet (`createDevnet({ memory: true,
// port: 0 })` on 127.0.0.1) the first time Hardhat resolves that url, which is when a connection to
// the network is made. It prints the contracts' console.log output on stdout and knows the ABIs of
// the project's artifacts folder as it is then. One devnet per Hardhat process, its chain in memory
// only; it closes when the process has nothing else to do (`beforeExit`), so `hardhat test` and
// `hardhat run` end as they would with the in-process Hardhat network. With the environment variable FEVM_DEVNET_IN_PROCESS
// set, its value is used as the url instead and no devnet starts.
import { existsSync } from 'node:fs';

/** The name of the configuration variable that the plugin answers with an in-process devnet's url. */
export const IN_PROCESS_VARIABLE = 'FEVM_DEVNET_IN_PROCESS';

/** @type {Promise<{ url: string, close(): Promise<void> }> | undefined} */
let started;

/**
 * Starts the devnet of this process (once) and answers it.
 * @param {string} [artifacts] the project's artifacts folder, read at start when it exists
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function inProcessDevnet(artifacts) {
  started ??= start(artifacts);
  return started;
}

/** @param {string | undefined} artifacts */
async function start(artifacts) {
  let createDevnet;
  try {
    // dist/ when it is built and current (always so in a package installed under node_modules), else
    // the TypeScript in src/, whose types Node strips outside node_modules only (bin/sources.js).
    const { sourceModule } = await import('../bin/sources.js');
    ({ createDevnet } = await import(sourceModule('cli/devnet').url));
  } catch (error) {
    throw new Error(
      'fevm-devnet/hardhat: could not load the devnet to run it inside Hardhat ' +
        `(${error instanceof Error ? error.message : String(error)}). ` +
        'Run it in its own process instead (`npx fevm-devnet start`) and use an http network with its url.',
      { cause: error },
    );
  }
  // unref: the devnet's server must not keep Hardhat's process alive once Hardhat is done with it.
  const devnet = await createDevnet({
    memory: true,
    host: '127.0.0.1',
    port: 0,
    unref: true,
    // Solidity's console.log lines on stdout, as Hardhat's own in-process network prints them.
    consoleLog: (line) => console.log(line),
    // What `hardhat test` and `hardhat run` compiled first: eth_call and eth_estimateGas errors then
    // name the contract and decode its custom errors (docs/debugging.md).
    artifacts: artifacts && existsSync(artifacts) ? [artifacts] : [],
  });
  let closing;
  process.on('beforeExit', () => {
    closing ??= devnet.close();
  });
  return devnet;
}
