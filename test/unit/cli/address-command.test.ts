// `fevm-devnet address`: what a user sees for each kind of address, and for a wrong one.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { main } from '../../../src/cli/main.ts';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('fevm-devnet address', () => {
  it('shows the f410, t410 and binary forms of a 0x address', async () => {
    const { code, out } = await run(['address', '0x1111111111111111111111111111111111111111']);
    assert.equal(code, 0);
    const text = out.join('\n');
    assert.match(text, /f410fceirceirceirceirceirceirceirceirvj62oxy/);
    assert.match(text, /t410fceirceirceirceirceirceirceirceirvj62oxy/);
    assert.match(text, /0x040a1111111111111111111111111111111111111111/);
  });

  it('shows f0, t0 and the masked-ID form of a masked 0xff… address', async () => {
    const { code, out } = await run(['address', '0xff000000000000000000000000000000000004d2']);
    assert.equal(code, 0);
    const text = out.join('\n');
    assert.match(text, /f01234/);
    assert.match(text, /t01234/);
    assert.match(text, /actor id\s+1234/);
  });

  it('shows the eth form of an f410 address given in testnet text', async () => {
    const { out } = await run(['address', 't410faaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaonc6iji']);
    assert.match(out.join('\n'), /eth\s+0x0000000000000000000000000000000000000000/);
  });

  it('says an f1 address has no Ethereum form without an actor id', async () => {
    const { code, out } = await run(['address', 'f1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaahaui6xa']);
    assert.equal(code, 0);
    assert.match(out.join('\n'), /eth\s+none/);
  });

  it('prints one line saying what is wrong and exits 1', async () => {
    const { code, out, err } = await run(['address', 'f2gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr24y']);
    assert.equal(code, 1);
    assert.deepEqual(out, []);
    assert.equal(err.length, 1);
    assert.match(err[0]!, /checksum/);
  });

  it('works as the installed command, with exit codes', async () => {
    const exec = promisify(execFile);
    const ok = await exec(process.execPath, ['bin/fevm-devnet.js', 'address', 'f01234']);
    assert.match(ok.stdout, /0xff000000000000000000000000000000000004d2/);
    await assert.rejects(exec(process.execPath, ['bin/fevm-devnet.js', 'address', '0x12']), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /40 hex digits/);
      return true;
    });
  });

  it('start refuses an unknown option with its usage', async () => {
    const { code, err } = await run(['start', '--no-such-option']);
    assert.equal(code, 1);
    assert.match(err.join('\n'), /usage: fevm-devnet start/);
  });
});
