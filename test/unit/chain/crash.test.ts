// kill -9: a child process sealing tipsets under load is killed at random moments and restarted on the
// same LMDB folder. Every tipset it reported (a receipt was answered for its messages) is there, the
// head's state root is the one re-executing the chain from genesis gives, and new tipsets still work.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { openChain } from '../../../src/chain/open-chain.ts';
import { replayChain } from '../../../src/chain/replay.ts';
import { LmdbKv } from '../../../src/chain/store/kv.ts';
import { LmdbBlockstore, LmdbEnvironment } from '../../../src/ipld/index.ts';

const WRITER = join(import.meta.dirname, '..', '..', 'helpers', 'chain-writer.ts');

interface Reported {
  height: number;
  messages: string[];
}

/** Runs the writer; `ms` after its first reported tipset (so a slow start does not matter), SIGKILLs it. */
function runAndKill(dir: string, ms: number): Promise<Reported[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: Reported[] = [];
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), ms);
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        reported.push(JSON.parse(buffer.slice(0, nl)) as Reported);
        buffer = buffer.slice(nl + 1);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(giveUp);
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself: ${stderr}`));
      else resolve(reported);
    });
  });
}

describe('kill -9', () => {
  it('restarts on the last committed head with every reported tipset, a state that replays, and keeps going', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fevm-crash-'));
    try {
      const reported: Reported[] = [];
      for (const ms of [300 + Math.random() * 400, 100 + Math.random() * 500, 100 + Math.random() * 500]) reported.push(...(await runAndKill(dir, ms)));
      assert.ok(reported.length > 0, 'the writer sealed something before it was killed');
      const env = LmdbEnvironment.open(dir);
      try {
        const { chain, created } = openChain({ blocks: new LmdbBlockstore(env), kv: new LmdbKv(env), accounts: 3, genesisTimestamp: 1_700_000_000 });
        assert.equal(created, false);
        const head = chain.head();
        assert.ok(head.height >= reported.at(-1)!.height, `head ${head.height} is at or past the last reported ${reported.at(-1)!.height}`);
        for (const r of reported) {
          for (const cid of r.messages) assert.equal(chain.store.messageLocation(CID.parse(cid))?.height, r.height, `message ${cid} of tipset ${r.height}`);
        }
        assert.equal(await replayChain(chain), undefined, 'every tipset re-executes to its recorded state root');
        const next = await chain.seal([], { timestamp: head.timestamp + 1 });
        assert.equal(next.record.height, head.height + 1);
      } finally {
        await env.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
