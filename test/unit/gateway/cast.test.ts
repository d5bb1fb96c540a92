// Foundry's cast (from npm) against the devnet over HTTP: chain id, balance, send (EIP-1559 and
// legacy), send --create, call, receipt.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { compileFixture } from '../../helpers/evm-contracts.ts';

const CAST = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'cast');
const exec = promisify(execFile);
const keys = deriveDevAccounts({ count: 2 }).eth;
const C = compileFixture('CallTree.sol');

describe('cast against the devnet', () => {
  let devnet: Devnet;
  // Options go before `--create` (what follows it is the constructor's input).
  const cast = async (command: string, ...args: string[]) => (await exec(CAST, [command, '--rpc-url', devnet.url, ...args], { env: { ...process.env, FOUNDRY_DISABLE_NIGHTLY_WARNING: '1' } })).stdout.trim();
  const key = bytesToHex(keys[0]!.privateKey);

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
  });

  after(async () => {
    await devnet.close();
  });

  it('cast chain-id and cast balance', async () => {
    assert.equal(await cast('chain-id'), '31415926');
    assert.equal(await cast('balance', keys[0]!.checksumAddress), '10000000000000000000000');
  });

  it('cast send, EIP-1559 and --legacy, and cast receipt', async () => {
    const bob = keys[1]!.checksumAddress;
    const sent = JSON.parse(await cast('send', '--private-key', key, '--json', bob, '--value', '7'));
    assert.equal(sent.status, '0x1');
    const legacy = JSON.parse(await cast('send', '--private-key', key, '--legacy', '--json', bob, '--value', '5'));
    assert.equal(legacy.status, '0x1');
    assert.equal(legacy.type, '0x0');
    const receipt = JSON.parse(await cast('receipt', '--json', sent.transactionHash));
    assert.equal(receipt.blockHash, sent.blockHash);
    assert.equal(await cast('balance', bob), String(10_000n * 10n ** 18n + 12n));
  });

  it('cast send --create deploys, cast call reads, cast send writes', async () => {
    const created = JSON.parse(await cast('send', '--private-key', key, '--json', '--create', C.Counter!.bytecode));
    assert.equal(created.status, '0x1');
    const address = created.contractAddress as string;
    assert.equal(await cast('call', address, 'count()(uint256)'), '0');
    await cast('send', '--private-key', key, address, 'bump()');
    assert.equal(await cast('call', address, 'count()(uint256)'), '1');
  });
});
