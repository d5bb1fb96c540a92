// The `fevm-devnet` command line: dispatches sub-commands. `start` (the node) arrives with the gateway
// issue; until then it says so and fails, so that `npm start` never pretends to run a devnet.

import { addressCommand, type CommandOutput } from './address-command.ts';

const USAGE = `usage: fevm-devnet <command>

commands:
  start              run the devnet on 127.0.0.1:1234 (not there yet)
  address <addr>     print every form of a Filecoin or Ethereum address`;

const consoleOutput: CommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs one command; answers the process exit code. */
export async function main(argv: string[], io: CommandOutput = consoleOutput): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'address':
      return addressCommand(args, io);
    case 'start':
      io.err('fevm-devnet: the devnet node is not there yet (it arrives with the JSON-RPC gateway); nothing was started.');
      return 1;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.err(`fevm-devnet: unknown command "${command}"\n${USAGE}`);
      return 1;
  }
}
