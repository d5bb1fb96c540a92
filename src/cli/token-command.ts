// `fevm-devnet token create --perm read|write|sign|admin [--data DIR]`: prints a Lotus-style API token
// (server/auth-token.ts) signed with the data folder's secret (token-secret.ts), for a node started on
// an address other than loopback or with --require-token: `Authorization: Bearer <token>`.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR } from '../chain/node.ts';
import { isPermission } from '../rpc/index.ts';
import { createToken } from '../server/index.ts';
import type { CommandOutput } from './address-command.ts';
import { loadTokenSecret } from './token-secret.ts';

const HELP = `usage: fevm-devnet token create --perm <read|write|sign|admin> [--data <dir>]
  --perm <p>     what the token allows: read; write (and read); sign (and write, read); admin (all)
  --data <dir>   data folder of the node the token is for (default .fevm-devnet)
Send it as "Authorization: Bearer <token>" (HTTP and the WebSocket upgrade). A devnet started with
--memory has no secret on disk: it prints an admin token when it starts instead.`;

export function tokenCommand(args: string[], io: CommandOutput): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { perm: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`fevm-devnet token: ${(error as Error).message}\n${HELP}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals[0] !== 'create' || positionals.length !== 1) {
    io.err(`fevm-devnet token: want "token create"\n${HELP}`);
    return 1;
  }
  if (!isPermission(values.perm)) {
    io.err(`fevm-devnet token create: --perm takes read, write, sign or admin${values.perm === undefined ? '' : `, not "${values.perm}"`}\n${HELP}`);
    return 1;
  }
  io.out(createToken(loadTokenSecret(resolve(values.data ?? DEFAULT_DATA_DIR)), values.perm));
  return 0;
}
