// The secret API tokens are signed with (server/auth-token.ts): 32 random bytes in the data folder's
// `token-secret`, written with mode 0600 the first time it is needed, read after that, so tokens made by
// `fevm-devnet token create` keep working across restarts until the file is removed. A devnet in
// memory (--memory) has no folder: it makes a secret for the run, which dies with it (start prints
// an admin token then).

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_SECRET_FILE = 'token-secret';
const SECRET_BYTES = 32;

/** The data folder's secret, made (mode 0600) if there is none yet. */
export function loadTokenSecret(dataDir: string): Uint8Array {
  const path = join(dataDir, TOKEN_SECRET_FILE);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(SECRET_BYTES).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^([0-9a-f]{2}){16,}$/i.test(hex)) throw new Error(`${path} does not hold a token secret (hex); remove it to make a new one`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** A secret for a devnet without a data folder. */
export function ephemeralTokenSecret(): Uint8Array {
  return new Uint8Array(randomBytes(SECRET_BYTES));
}
