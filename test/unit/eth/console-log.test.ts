// console.log decoding and formatting: every overload Hardhat 3 knows (its own generated table, from
// the hardhat package) with the same argument types, console.sol's early uint/int spellings, and the
// lines Hardhat prints: %s/%d/%i/%o substitution, extra arguments joined, numbers of any size.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Interface, getBytes } from 'ethers';
import { consoleLogSignatures, decodeConsoleLogArguments, formatConsoleLog } from '../../../src/eth/console-log.ts';

const consoleAbi = new Interface([
  'function log()',
  'function log(string)',
  'function log(string,uint256)',
  'function log(string,address,bool)',
  'function log(uint256,string)',
  'function log(int256)',
  'function log(bytes)',
  'function log(bytes4)',
  'function log(bytes32)',
  'function log(string,string,string,string)',
  'function log(uint)',
]);
const call = (signature: string, args: unknown[]) => getBytes(consoleAbi.encodeFunctionData(signature, args));

describe('console.log', () => {
  it('knows every overload Hardhat knows, with the same argument types', async () => {
    const hardhat = join(dirname(createRequire(import.meta.url).resolve('hardhat/console.sol')), 'dist/src/internal/builtin-plugins/network-manager/edr/utils/console-log-signatures.js');
    const { CONSOLE_LOG_SIGNATURES } = (await import(pathToFileURL(hardhat).href)) as { CONSOLE_LOG_SIGNATURES: Record<string, string[]> };
    const theirs = Object.entries(CONSOLE_LOG_SIGNATURES);
    assert.equal(theirs.length, 375);
    const ours = consoleLogSignatures();
    for (const [selector, types] of theirs) {
      // Hardhat names the types Uint256, String, Bytes4…
      assert.deepEqual(ours.get(Number(selector))?.map((t) => t[0]!.toUpperCase() + t.slice(1)), types, `selector ${Number(selector).toString(16)}`);
    }
  });

  it('formats as Hardhat does', () => {
    assert.equal(formatConsoleLog(call('log()', [])), '');
    assert.equal(formatConsoleLog(call('log(string)', ['hello'])), 'hello');
    assert.equal(formatConsoleLog(call('log(string,uint256)', ['balance %d', 2n ** 255n])), `balance ${2n ** 255n}`, '%d keeps every digit');
    assert.equal(formatConsoleLog(call('log(string,uint256)', ['balance %i and %s', 7n])), 'balance 7 and %s');
    assert.equal(formatConsoleLog(call('log(string,uint256)', ['100%% of', 7n])), '100% of 7');
    assert.equal(formatConsoleLog(call('log(string,address,bool)', ['%s is %o', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', true])), "0x70997970c51812dc3a010c7d01b50e0d17dc79c8 is 'true'");
    assert.equal(formatConsoleLog(call('log(uint256,string)', [5n, 'apples'])), '5 apples');
    assert.equal(formatConsoleLog(call('log(int256)', [-5n])), '-5');
    assert.equal(formatConsoleLog(call('log(bytes)', ['0xDEADbeef'])), '0xdeadbeef');
    assert.equal(formatConsoleLog(call('log(bytes4)', ['0x12345678'])), '0x12345678');
    assert.equal(formatConsoleLog(call('log(bytes32)', [`0x${'ab'.repeat(32)}`])), `0x${'ab'.repeat(32)}`);
    assert.equal(formatConsoleLog(call('log(string,string,string,string)', ['a', 'b', 'c', 'd'])), 'a b c d');
  });

  it("reads console.sol's first spelling, log(uint)", () => {
    const legacy = call('log(uint)', [42n]);
    assert.notDeepEqual(legacy.subarray(0, 4), call('log(int256)', [1n]).subarray(0, 4));
    assert.deepEqual(decodeConsoleLogArguments(legacy), ['42']);
  });

  it('shows what it cannot decode as hex', () => {
    assert.equal(decodeConsoleLogArguments(new Uint8Array([1, 2, 3, 4])), undefined);
    assert.equal(formatConsoleLog(new Uint8Array([0xde, 0xad, 0xbe, 0xef])), '(undecodable console.log call 0xdeadbeef)');
    const truncated = call('log(string)', ['hello']).subarray(0, 40);
    assert.equal(formatConsoleLog(truncated).startsWith('(undecodable console.log call 0x41304fac'), true);
  });
});
