// The `fevm-devnet` command line: dispatches sub-commands (`start`, the devnet; `address`; `token`; `verify`).

import { addressCommand, type CommandOutput } from './address-command.ts';
import { startCommand } from './start-command.ts';
import { tokenCommand } from './token-command.ts';
import { verifyCommand } from './verify-command.ts';

const USAGE = `usage: fevm-devnet <command>

commands:
  start              run the devnet on 127.0.0.1:1234 (start --help for options)
  address <addr>     print every form of a Filecoin or Ethereum address
  token create       print an API token (token create --help)
  verify             re-execute a data folder's chain and check every state root (verify --help)`;

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
      return startCommand(args, io);
    case 'token':
      return tokenCommand(args, io);
    case 'verify':
      return verifyCommand(args, io);
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
