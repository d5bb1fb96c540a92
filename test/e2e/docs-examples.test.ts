// The programs of docs/ethers-viem.md (docs/examples/*.ts) run against a devnet on a free port and
// print what the page says they do, and the page shows each program exactly as it is on disk.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';

const run = promisify(execFile);
const DOCS = join(import.meta.dirname, '..', '..', 'docs');

describe('docs/ethers-viem.md examples', () => {
  let devnet: Devnet;
  const example = (name: string) => run(process.execPath, [join(DOCS, 'examples', name)], { env: { ...process.env, FEVM_RPC_URL: devnet.url }, timeout: 60_000 });

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
  });

  after(async () => {
    await devnet.close();
  });

  it('the page shows each example program verbatim', () => {
    const page = readFileSync(join(DOCS, 'ethers-viem.md'), 'utf8');
    for (const name of ['ethers.ts', 'viem.ts']) {
      const program = readFileSync(join(DOCS, 'examples', name), 'utf8').trimEnd();
      assert.ok(page.includes(`\`\`\`ts\n${program}\n\`\`\``), `docs/ethers-viem.md shows docs/examples/${name} as it is`);
    }
  });

  it('the ethers program sends FIL, deploys, stores 42 and reads its event', async () => {
    const { stdout } = await example('ethers.ts');
    assert.match(stdout, /^chain id 31415926n$/m);
    assert.match(stdout, /^bob has 1\.5 tFIL$/m);
    assert.match(stdout, /^bob on Filecoin is t410f[a-z2-7]+$/m);
    assert.match(stdout, /^stored 42n at 0x[0-9a-fA-F]{40}$/m);
    assert.match(stdout, /^event 42n$/m);
  });

  it('the viem program sends FIL, deploys, stores 7 and finds its event', async () => {
    const { stdout } = await example('viem.ts');
    assert.match(stdout, /^bob has 2 tFIL$/m);
    assert.match(stdout, /^stored 7n at 0x[0-9a-fA-F]{40}$/m);
    assert.match(stdout, /^events \[ 7n \]$/m);
  });
});
