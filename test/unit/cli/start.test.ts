// `fevm-devnet start`: prints the development accounts, the RPC URL and MetaMask's settings, serves
// JSON-RPC, stops cleanly on SIGINT; a port in use is one clear line and exit code 1.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { JsonRpcProvider, Wallet } from 'ethers';
import { startCommand } from '../../../src/cli/start-command.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('fevm-devnet start', () => {
  it('prints accounts, URL and MetaMask settings, serves JSON-RPC, and stops on SIGINT', async () => {
    const { io, out } = capture();
    const signals = new EventEmitter();
    const running = startCommand(['--memory', '--port', '0', '--accounts', '2'], io, signals);
    await waitFor(() => out.some((l) => l.startsWith('JSON-RPC:')));
    const text = out.join('\n');
    assert.match(text, /0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 {2}t410f/);
    assert.match(text, /private key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80/);
    assert.match(text, /Chain ID: 31415926 {3}Currency symbol: tFIL/);
    const url = /JSON-RPC: (\S+)/.exec(text)![1]!;
    const response = await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }) });
    assert.deepEqual(await response.json(), { jsonrpc: '2.0', id: 1, result: '0x1df5e76' });
    const provider = new JsonRpcProvider(url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
    const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', provider);
    const tx = await wallet.sendTransaction({ to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: 1n });
    await tx.wait();
    provider.destroy();
    assert.ok(out.some((l) => l.startsWith('tipset 1 ')), 'a line for the tipset');
    assert.ok(out.some((l) => l.includes(tx.hash) && l.includes('from 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266') && l.includes('to 0x70997970c51812dc3a010c7d01b50e0d17dc79c8') && l.endsWith('success')), 'a line for the transaction, as anvil prints');
    signals.emit('SIGINT');
    assert.equal(await running, 0);
  });

  it('says so in one line and exits 1 when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { io, err } = capture();
      assert.equal(await startCommand(['--memory', '--port', String(port)], io, new EventEmitter()), 1);
      assert.equal(err.length, 1);
      assert.match(err[0]!, new RegExp(`port ${port} .* is in use`));
    } finally {
      blocker.close();
    }
  });
});
