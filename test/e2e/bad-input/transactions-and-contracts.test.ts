// Bad transactions and hostile contracts over real HTTP, and many subscriptions over one WebSocket:
// bad RLP, bad signatures, wrong chain id, nonces too low and too far ahead, insufficient funds, gas
// limits 0 and over 10 billion, fee caps under the floor; contracts (hand-assembled) that recurse to the
// depth limit, loop until out of gas, expand memory to gigabytes or emit oversized logs. Each answer is
// a JSON-RPC error of the right code with geth's words where the node has them, the node still answers,
// and the head's state root does not move when nothing was accepted.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Transaction, Wallet } from 'ethers';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { bytesToHex } from '../../../src/primitives/index.ts';
import { assertRpcError, post, type ExpectedError } from './bad-input-helpers.ts';

const CHAIN_ID = 31415926;
const SERVER = -32000;
const INVALID_PARAMS = -32602;
const TO = `0x${'11'.repeat(20)}`;

const wallet = new Wallet(bytesToHex(deriveDevAccounts({ count: 1 }).eth[0]!.privateKey));
const poor = new Wallet(`0x${'42'.repeat(32)}`);
const base = { type: 2, chainId: CHAIN_ID, nonce: 1, to: TO, value: 1n, gasLimit: 3_000_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 10n ** 9n };
const sign = (fields: object, who: Wallet = wallet) => who.signTransaction({ ...base, ...fields } as never);

/** Flips one byte of a hex string, counted from its end. */
function flipFromEnd(hex: string, byteFromEnd: number): string {
  const at = hex.length - 2 * byteFromEnd;
  const byte = parseInt(hex.slice(at, at + 2), 16) ^ 0xff;
  return hex.slice(0, at) + byte.toString(16).padStart(2, '0') + hex.slice(at + 2);
}

interface TxCase {
  name: string;
  raw: () => Promise<string> | string;
  expect: ExpectedError;
}

const TX_CASES: TxCase[] = [
  { name: 'not RLP', raw: () => '0xdeadbeef', expect: { code: SERVER, message: 'not valid RLP' } },
  { name: 'empty bytes', raw: () => '0x', expect: { code: SERVER, message: 'empty transaction' } },
  { name: 'RLP empty list', raw: () => '0xc0', expect: { code: SERVER, message: 'legacy transaction has 9 fields' } },
  { name: 'type 2 with an empty list', raw: () => '0x02c0', expect: { code: SERVER, message: 'EIP-1559 transaction has 12 fields' } },
  { name: 'type 1 (access list)', raw: () => '0x01c0', expect: { code: SERVER, message: 'not supported on Filecoin' } },
  { name: 'type 3 (blob)', raw: () => '0x03c0', expect: { code: SERVER, message: 'not supported on Filecoin' } },
  { name: 'type 4 (set code)', raw: () => '0x04c0', expect: { code: SERVER, message: 'not supported' } },
  { name: 'unknown type 0x7f', raw: () => '0x7fc0', expect: { code: SERVER, message: 'transaction' } },
  { name: 'odd-length hex', raw: () => '0x02c', expect: { code: INVALID_PARAMS, message: 'even number of digits' } },
  { name: 'truncated signed transaction', raw: async () => (await sign({})).slice(0, -10), expect: { code: SERVER, message: 'not valid RLP' } },
  { name: 'signed transaction with a trailing byte', raw: async () => `${await sign({})}00`, expect: { code: SERVER, message: 'not valid RLP' } },
  { name: 'unsigned legacy transaction', raw: () => Transaction.from({ type: 0, nonce: 1, to: TO, gasLimit: 3_000_000n, gasPrice: 10n ** 10n }).unsignedSerialized, expect: { code: SERVER, message: 'legacy transaction has 9 fields' } },
  { name: 'signature s flipped (another sender, unfunded)', raw: async () => flipFromEnd(await sign({}), 3), expect: { code: SERVER, message: /insufficient funds|signature|invalid/i } },
  { name: 'signature r zero', raw: async () => { const t = Transaction.from(await sign({})); const u = Transaction.from({ ...t.toJSON(), signature: null }); const raw = u.unsignedSerialized; return `${raw.slice(0, 4)}${raw.slice(4)}`; }, expect: { code: SERVER, message: 'EIP-1559 transaction has 12 fields' } },
  { name: 'wrong chain id 1', raw: () => sign({ chainId: 1 }), expect: { code: SERVER, message: "chain id 1 does not match this network's 31415926" } },
  { name: 'wrong chain id 314 (mainnet)', raw: () => sign({ chainId: 314 }), expect: { code: SERVER, message: 'does not match' } },
  { name: 'legacy with wrong chain id (EIP-155)', raw: () => sign({ type: 0, chainId: 5, gasPrice: 10n ** 10n, maxFeePerGas: undefined, maxPriorityFeePerGas: undefined }), expect: { code: SERVER, message: 'does not match' } },
  { name: 'nonce too low', raw: () => sign({ nonce: 0 }), expect: { code: SERVER, message: 'nonce too low' } },
  { name: 'nonce too far ahead', raw: () => sign({ nonce: 100 }), expect: { code: SERVER, message: 'nonce gap too large' } },
  { name: 'nonce 2^64-1', raw: () => sign({ nonce: 2 ** 53 - 1 }), expect: { code: SERVER, message: 'nonce' } },
  { name: 'insufficient funds (unfunded sender)', raw: () => sign({ nonce: 0 }, poor), expect: { code: SERVER, message: 'insufficient funds for gas * price + value' } },
  { name: 'insufficient funds (value over the balance)', raw: () => sign({ value: 10n ** 30n }), expect: { code: SERVER, message: 'insufficient funds' } },
  { name: 'gas limit 0', raw: () => sign({ gasLimit: 0n }), expect: { code: SERVER, message: 'gas limit out of range' } },
  { name: 'gas limit 1', raw: () => sign({ gasLimit: 1n }), expect: { code: SERVER, message: /intrinsic gas too low|gas limit/ } },
  { name: 'gas limit 10 billion + 1', raw: () => sign({ gasLimit: 10_000_000_001n }), expect: { code: SERVER, message: 'at most 10000000000' } },
  { name: 'gas limit 2^64-1', raw: () => sign({ gasLimit: 2n ** 64n - 1n }), expect: { code: SERVER, message: 'gas limit' } },
  { name: 'fee cap under 100 attoFIL', raw: () => sign({ maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }), expect: { code: SERVER, message: 'gas fee cap too low' } },
  { name: 'legacy gas price under 100 attoFIL', raw: () => sign({ type: 0, gasPrice: 1n, maxFeePerGas: undefined, maxPriorityFeePerGas: undefined }), expect: { code: SERVER, message: 'gas fee cap too low' } },
];

/** Hand-assembled runtime code. */
const CONTRACTS = {
  // JUMPDEST PUSH0 JUMP: loops until out of gas.
  loop: '0x5b5f56',
  // CALL(gas, ADDRESS, 0, 0, 0, 0, 0) into itself, again and again, to the depth limit or out of gas.
  recurse: '0x5f5f5f5f5f305af100',
  // MSTORE at 1 GiB.
  memory1GiB: '0x5f634000000052' + '00',
  // MSTORE at 2^64-1.
  memoryHuge: '0x5f67ffffffffffffffff5200',
  // LOG0 of 1 GiB.
  log1GiB: '0x63400000005fa000',
  // LOG0 of 64 KiB (over FEVM's 8 KiB of event values).
  log64KiB: '0x620100005fa000',
  // LOG4 of 1 KiB with topics: allowed.
  log1KiB: '0x5f5f5f5f6104005fa400',
} as const;

const address = (i: number) => `0x${(0xc0de00 + i).toString(16).padStart(40, '0')}`;

interface ContractCase {
  name: string;
  method: 'eth_call' | 'eth_estimateGas';
  contract: keyof typeof CONTRACTS;
  gas?: number;
  expect: ExpectedError | 'result';
}

const CONTRACT_CASES: ContractCase[] = [];
for (const method of ['eth_call', 'eth_estimateGas'] as const) {
  CONTRACT_CASES.push(
    { name: `${method}: infinite loop, gas 100 million`, method, contract: 'loop', gas: 100_000_000, expect: { code: SERVER, message: 'out of gas' } },
    { name: `${method}: recursion to the depth limit`, method, contract: 'recurse', expect: 'result' },
    { name: `${method}: memory to 1 GiB`, method, contract: 'memory1GiB', expect: { code: SERVER, message: 'out of gas' } },
    { name: `${method}: memory to 2^64`, method, contract: 'memoryHuge', expect: { code: SERVER, message: 'out of gas' } },
    { name: `${method}: a 1 GiB log`, method, contract: 'log1GiB', expect: { code: SERVER, message: 'out of gas' } },
    { name: `${method}: a 64 KiB log`, method, contract: 'log64KiB', expect: { code: SERVER, message: /limit of 8192 bytes of event values.*exit code USR_ILLEGAL_ARGUMENT/ } },
    { name: `${method}: a 1 KiB log with four topics`, method, contract: 'log1KiB', expect: 'result' },
  );
}

describe('bad transactions and hostile contracts over HTTP', () => {
  let devnet: Devnet;
  let rootBefore: string;
  const headRoot = () => `${devnet.node.chain.head().height}:${devnet.node.chain.head().stateRoot.toString()}`;
  const call = async (method: string, params: unknown[]) => {
    const answer = await post(devnet.url, JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }), 60_000);
    assert.equal(answer.status, 200, `${method}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    return answer.json as { id: unknown; result?: unknown; error?: { code: number; message: string } };
  };

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, host: '127.0.0.1', accounts: 2, log: () => {} });
    // One accepted transaction, so that nonce 0 is too low; then the contracts.
    const first = await call('eth_sendRawTransaction', [await sign({ nonce: 0 })]);
    assert.ok(typeof first.result === 'string', JSON.stringify(first));
    for (const [i, code] of Object.values(CONTRACTS).entries()) await call('hardhat_setCode', [address(i), code]);
    rootBefore = headRoot();
  });

  after(async () => {
    await devnet.close();
  });

  describe('eth_sendRawTransaction refusals', () => {
    for (const c of TX_CASES) {
      it(c.name, async () => {
        const answer = await call('eth_sendRawTransaction', [await c.raw()]);
        assertRpcError(answer, c.expect, c.name);
        assert.equal(headRoot(), rootBefore, `${c.name}: the head moved`);
      });
    }
  });

  describe('hostile contracts', () => {
    for (const c of CONTRACT_CASES) {
      it(c.name, async () => {
        const index = Object.keys(CONTRACTS).indexOf(c.contract);
        const request = { to: address(index), ...(c.gas ? { gas: `0x${c.gas.toString(16)}` } : {}) };
        const answer = await call(c.method, c.method === 'eth_call' ? [request, 'latest'] : [request]);
        if (c.expect === 'result') assert.ok(typeof answer.result === 'string', `${c.name}: ${JSON.stringify(answer)}`);
        else assertRpcError(answer, c.expect, c.name);
        assert.equal(headRoot(), rootBefore, `${c.name}: the head moved`);
      });
    }

    it('a deploy whose constructor loops is refused as out of gas', async () => {
      const answer = await call('eth_call', [{ data: CONTRACTS.loop, gas: '0x5f5e100' }, 'latest']);
      assertRpcError(answer, { code: SERVER, message: 'out of gas' }, 'looping constructor');
    });
  });

  describe('WebSocket', () => {
    it('many subscriptions on one connection: each answered, refused past a limit with a readable error, all gone on close', async () => {
      const ws = new WebSocket(devnet.url.replace('http', 'ws'));
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const answers = new Map<number, { result?: string; error?: { code: number; message: string } }>();
      const done = new Promise<void>((resolve) => {
        ws.onmessage = (event) => {
          const msg = JSON.parse(String(event.data)) as { id?: number };
          if (typeof msg.id === 'number') answers.set(msg.id, msg as never);
          if (answers.size === 300) resolve();
        };
      });
      for (let i = 0; i < 300; i++) ws.send(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'eth_subscribe', params: [i % 2 ? 'newHeads' : 'logs'] }));
      await done;
      const results = [...answers.values()].filter((a) => typeof a.result === 'string');
      const errors = [...answers.values()].filter((a) => a.error);
      assert.equal(results.length + errors.length, 300);
      for (const e of errors) assertRpcError({ jsonrpc: '2.0', ...e }, { code: [SERVER, -32005], message: 'subscriptions' }, 'subscription past the limit');
      ws.send('{not json');
      const parse = await new Promise<unknown>((resolve) => (ws.onmessage = (event) => resolve(JSON.parse(String(event.data)))));
      assertRpcError(parse, { code: -32700, message: 'parse error' }, 'malformed WebSocket frame');
      ws.close();
      const chainId = await call('eth_chainId', []);
      assert.equal(chainId.result, '0x1df5e76');
    });

    it('eth_subscribe over HTTP is refused with a reason', async () => {
      assertRpcError(await call('eth_subscribe', ['newHeads']), { code: SERVER, message: 'needs a WebSocket' }, 'eth_subscribe over HTTP');
    });
  });

  it('the node still answers and the head has not moved', async () => {
    assert.equal((await call('eth_chainId', [])).result, '0x1df5e76');
    assert.equal(headRoot(), rootBefore);
  });
});
