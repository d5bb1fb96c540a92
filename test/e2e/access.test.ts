// Access over real HTTP and WebSocket (docs/security.md): a devnet bound to an address other than
// loopback answers reading methods to anyone, and asks a token (Authorization: Bearer) to write or
// sign; a token made by `fevm-devnet token create` works; loopback serves everything as before unless
// --require-token. The sandbox's non-loopback interface is used when there is one; when binding to it
// fails, the devnet on 127.0.0.1 is told to treat its listener as remote (DevnetOptions.treatAsRemote).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { main } from '../../src/cli/main.ts';
import { connect } from '../unit/server/ws-client.ts';

const DEV0 = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const DEV1 = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

async function rpc(url: string, method: string, params: unknown[] = [], token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return { status: response.status, body: await response.json() };
}

const otherAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal && !i.address.startsWith('127.'))?.address;

/** A devnet reachable as from another machine: on the non-loopback address if it can bind there. */
async function remoteDevnet(options: Parameters<typeof createDevnet>[0]): Promise<Devnet> {
  if (otherAddress) {
    try {
      return await createDevnet({ ...options, host: otherAddress, port: 0 });
    } catch {
      // no such interface to bind in this sandbox: fall through
    }
  }
  return createDevnet({ ...options, host: '127.0.0.1', port: 0, treatAsRemote: true });
}

const transfer = { from: DEV0, to: DEV1, value: '0x1' };

describe('access off loopback', () => {
  let devnet: Devnet;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fevm-access-'));
    devnet = await remoteDevnet({ dataDir });
  });
  after(async () => {
    await devnet.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens where it says and needs tokens', () => {
    assert.equal(devnet.tokensRequired, true);
    if (otherAddress && devnet.url.includes(otherAddress)) assert.ok(devnet.url.startsWith(`http://${otherAddress}:`));
  });

  it('answers reading methods without a token', async () => {
    const { status, body } = await rpc(devnet.url, 'eth_blockNumber');
    assert.equal(status, 200);
    assert.match(body.result, /^0x/);
    assert.deepEqual((await rpc(devnet.url, 'eth_accounts')).body.result.length, 10);
  });

  it('refuses evm_mine and eth_sendTransaction without a token, with HTTP 200 and Lotus\'s sentence', async () => {
    const mine = await rpc(devnet.url, 'evm_mine');
    assert.equal(mine.status, 200);
    assert.equal(mine.body.error.code, -32001);
    assert.match(mine.body.error.message, /^missing permission to invoke 'evm_mine' \(need 'write'\).*fevm-devnet token create --perm write/);
    const send = await rpc(devnet.url, 'eth_sendTransaction', [transfer]);
    assert.match(send.body.error.message, /missing permission to invoke 'eth_sendTransaction' \(need 'sign'\)/);
  });

  it('serves evm_mine with a write token and eth_sendTransaction with a sign token', async () => {
    const height = Number((await rpc(devnet.url, 'eth_blockNumber')).body.result);
    const write = devnet.createToken('write');
    assert.equal((await rpc(devnet.url, 'evm_mine', [], write)).body.result, '0x0');
    assert.equal(Number((await rpc(devnet.url, 'eth_blockNumber')).body.result), height + 1);
    assert.match((await rpc(devnet.url, 'eth_sendTransaction', [transfer], write)).body.error.message, /need 'sign'/);
    const sent = await rpc(devnet.url, 'eth_sendTransaction', [transfer], devnet.createToken('sign'));
    assert.match(sent.body.result, /^0x[0-9a-f]{64}$/);
  });

  it('refuses writes to a read token, and a token of another node with 401', async () => {
    assert.match((await rpc(devnet.url, 'evm_mine', [], devnet.createToken('read'))).body.error.message, /need 'write'/);
    const forged = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJBbGxvdyI6WyJhZG1pbiJdfQ.c2lnbmVkLWVsc2V3aGVyZQ';
    const refused = await rpc(devnet.url, 'eth_blockNumber', [], forged);
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /invalid token: signature does not match/);
  });

  it('checks the WebSocket upgrade\'s token', async () => {
    const ws = await connect(devnet.url.replace('http', 'ws'));
    ws.send({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] });
    assert.match((await ws.next()).result, /^0x/);
    ws.send({ jsonrpc: '2.0', id: 2, method: 'evm_mine', params: [] });
    assert.match((await ws.next()).error.message, /missing permission to invoke 'evm_mine' \(need 'write'\)/);
    ws.close();
    const authorized = await connect(devnet.url.replace('http', 'ws'), { authorization: `Bearer ${devnet.createToken('admin')}` });
    authorized.send({ jsonrpc: '2.0', id: 3, method: 'evm_mine', params: [] });
    assert.equal((await authorized.next()).result, '0x0');
    authorized.close();
  });

  it('takes a token printed by `fevm-devnet token create`, signed with the data folder\'s secret (mode 0600)', async () => {
    const out: string[] = [];
    const code = await main(['token', 'create', '--perm', 'write', '--data', dataDir], { out: (line) => out.push(line), err: (line) => out.push(line) });
    assert.equal(code, 0, out.join('\n'));
    assert.equal(out.length, 1);
    assert.equal(statSync(join(dataDir, 'token-secret')).mode & 0o777, 0o600);
    assert.equal((await rpc(devnet.url, 'evm_mine', [], out[0])).body.result, '0x0');
    const bad = await main(['token', 'create', '--perm', 'root', '--data', dataDir], { out: (line) => out.push(line), err: (line) => out.push(line) });
    assert.equal(bad, 1);
  });
});

describe('access on loopback', () => {
  it('serves every method without a token, as before', async () => {
    const devnet = await createDevnet({ memory: true, port: 0 });
    try {
      assert.equal(devnet.tokensRequired, false);
      assert.equal((await rpc(devnet.url, 'evm_mine')).body.result, '0x0');
    } finally {
      await devnet.close();
    }
  });

  it('asks for tokens with requireToken (--require-token), with a secret for the run in memory', async () => {
    const devnet = await createDevnet({ memory: true, port: 0, requireToken: true });
    try {
      assert.match((await rpc(devnet.url, 'evm_mine')).body.error.message, /need 'write'/);
      assert.equal((await rpc(devnet.url, 'evm_mine', [], devnet.createToken('write'))).body.result, '0x0');
    } finally {
      await devnet.close();
    }
  });
});
