// The parameter parsers: what each accepts, what it turns it into, and that every refusal is an
// InvalidParamsError (-32602) whose message names the parameter.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex } from '../../../src/primitives/index.ts';
import {
  InvalidParamsError,
  address,
  blockRef,
  bool,
  callRequest,
  data,
  hash32,
  logFilter,
  quantity,
  string,
  type ParamParser,
} from '../../../src/rpc/index.ts';

const ADDR = '0x' + 'ab'.repeat(20);
const HASH = '0x' + '11'.repeat(32);
const HASH2 = '0x' + '22'.repeat(32);

function refuses(parse: ParamParser<unknown>, value: unknown, pattern: RegExp = /./): void {
  assert.throws(
    () => parse(value, 'thing'),
    (error: unknown) => {
      assert.ok(error instanceof InvalidParamsError, `expected InvalidParamsError for ${JSON.stringify(value)}`);
      assert.equal(error.code, -32602);
      assert.match(error.message, /thing/, 'the message names the parameter');
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('scalar parameters', () => {
  it('address: 0x and 40 hex digits in any case', () => {
    assert.equal(bytesToHex(address('0x' + 'AbCd'.repeat(10), 'to')), '0x' + 'abcd'.repeat(10));
    for (const bad of ['0x1234', 'ab'.repeat(20), '0x' + 'zz'.repeat(20), '0x' + 'ab'.repeat(21), 12, null]) refuses(address, bad, /address/);
  });

  it('hash32: 0x and 64 hex digits', () => {
    assert.equal(hash32(HASH, 'h').length, 32);
    for (const bad of ['0x11', HASH + '11', ADDR]) refuses(hash32, bad, /32-byte hash/);
  });

  it('data: 0x and an even number of hex digits, empty allowed', () => {
    assert.deepEqual(data('0x', 'd'), new Uint8Array());
    assert.deepEqual(data('0xDEad', 'd'), new Uint8Array([0xde, 0xad]));
    refuses(data, '0x123', /even/);
    for (const bad of ['dead', '0xgg', 5]) refuses(data, bad);
  });

  it('quantity: hex with or without leading zeros, or a non-negative JS integer', () => {
    assert.equal(quantity('0x0', 'q'), 0n);
    assert.equal(quantity('0x1a', 'q'), 26n);
    assert.equal(quantity('0x001a', 'q'), 26n);
    assert.equal(quantity(26, 'q'), 26n);
    assert.equal(quantity('0x' + 'f'.repeat(64), 'q'), (1n << 256n) - 1n);
    for (const bad of ['0x', '26', '0xg', -1, 1.5, '0x1' + '0'.repeat(64), null, true]) refuses(quantity, bad);
  });

  it('bool and string', () => {
    assert.equal(bool(false, 'b'), false);
    refuses(bool, 'true');
    assert.equal(string('x', 's'), 'x');
    refuses(string, 1);
  });
});

describe('blockRef', () => {
  it('takes every tag', () => {
    for (const tag of ['latest', 'pending', 'safe', 'finalized', 'earliest'] as const) {
      assert.deepEqual(blockRef(tag, 'block'), { kind: 'tag', tag });
    }
  });

  it('takes a number as hex or as a JS number', () => {
    assert.deepEqual(blockRef('0x10', 'block'), { kind: 'number', number: 16n });
    assert.deepEqual(blockRef(16, 'block'), { kind: 'number', number: 16n });
  });

  it('takes a bare 32-byte hash as a non-canonical hash reference', () => {
    const ref = blockRef(HASH, 'block');
    assert.equal(ref.kind, 'hash');
    assert.equal(ref.kind === 'hash' && bytesToHex(ref.hash), HASH);
    assert.equal(ref.kind === 'hash' && ref.requireCanonical, false);
  });

  it('takes EIP-1898 objects', () => {
    assert.deepEqual(blockRef({ blockNumber: '0x5' }, 'block'), { kind: 'number', number: 5n });
    assert.deepEqual(blockRef({ blockNumber: 'latest' }, 'block'), { kind: 'tag', tag: 'latest' });
    const byHash = blockRef({ blockHash: HASH, requireCanonical: true }, 'block');
    assert.equal(byHash.kind === 'hash' && byHash.requireCanonical, true);
    const byHashDefault = blockRef({ blockHash: HASH }, 'block');
    assert.equal(byHashDefault.kind === 'hash' && byHashDefault.requireCanonical, false);
  });

  it('refuses anything else, naming the parameter', () => {
    refuses(blockRef, 'newest', /block tag/);
    refuses(blockRef, '0x', /block tag/);
    refuses(blockRef, { blockNumber: '0x1', blockHash: HASH }, /not both/);
    refuses(blockRef, {}, /blockNumber or blockHash/);
    refuses(blockRef, { blockHash: '0x12' }, /thing\.blockHash/);
    refuses(blockRef, { blockHash: HASH, requireCanonical: 'yes' }, /thing\.requireCanonical/);
    refuses(blockRef, '0x' + 'zz'.repeat(32));
    refuses(blockRef, [HASH]);
  });
});

describe('callRequest', () => {
  it('parses every field', () => {
    const request = callRequest(
      {
        from: ADDR,
        to: ADDR,
        gas: '0x5208',
        gasPrice: '0x1',
        maxFeePerGas: '0x2',
        maxPriorityFeePerGas: '0x3',
        value: '0xde0b6b3a7640000',
        input: '0x1234',
        nonce: '0x7',
        accessList: [],
        type: '0x2',
        chainId: '0x13a',
        somethingElse: 'ignored',
      },
      'transaction',
    );
    assert.equal(bytesToHex(request.from!), ADDR);
    assert.equal(request.gas, 21000n);
    assert.equal(request.value, 10n ** 18n);
    assert.equal(bytesToHex(request.data!), '0x1234');
    assert.equal(request.nonce, 7n);
    assert.equal(request.type, 2n);
    assert.equal(request.chainId, 314n);
    assert.deepEqual(request.accessList, []);
    assert.ok(!('somethingElse' in request));
  });

  it('takes input or data, and both when they agree', () => {
    assert.equal(bytesToHex(callRequest({ data: '0xab' }, 'tx').data!), '0xab');
    assert.equal(bytesToHex(callRequest({ input: '0xab' }, 'tx').data!), '0xab');
    assert.equal(bytesToHex(callRequest({ input: '0xab', data: '0xAB' }, 'tx').data!), '0xab');
    refuses(callRequest, { input: '0xab', data: '0xcd' }, /"data" and "input"/);
  });

  it('keeps to: null (a creation) apart from no to', () => {
    assert.equal(callRequest({ to: null }, 'tx').to, null);
    assert.ok(!('to' in callRequest({}, 'tx')));
  });

  it('names the bad field', () => {
    refuses(callRequest, { to: '0x12' }, /thing\.to/);
    refuses(callRequest, { gas: 'lots' }, /thing\.gas/);
    refuses(callRequest, { input: '0x1' }, /thing\.input/);
    refuses(callRequest, { accessList: {} }, /thing\.accessList/);
    refuses(callRequest, 'tx', /transaction object/);
  });
});

describe('logFilter', () => {
  it('defaults to any address and any topics', () => {
    assert.deepEqual(logFilter({}, 'filter'), { address: [], topics: [] });
  });

  it('takes one address or a list', () => {
    assert.equal(logFilter({ address: ADDR }, 'f').address.length, 1);
    assert.equal(logFilter({ address: [ADDR, ADDR] }, 'f').address.length, 2);
    refuses(logFilter, { address: [ADDR, '0x12'] }, /thing\.address\[1\]/);
  });

  it('reads topic positions: null, one hash, a list of hashes', () => {
    const { topics } = logFilter({ topics: [HASH, null, [HASH, HASH2]] }, 'f');
    assert.equal(topics.length, 3);
    assert.deepEqual(topics[0]!.map(bytesToHex), [HASH]);
    assert.equal(topics[1], null);
    assert.deepEqual(topics[2]!.map(bytesToHex), [HASH, HASH2]);
  });

  it('treats an empty list or a list holding null as any topic, as geth does', () => {
    assert.deepEqual(logFilter({ topics: [[], [HASH, null]] }, 'f').topics, [null, null]);
  });

  it('refuses more than four positions and bad hashes', () => {
    refuses(logFilter, { topics: [null, null, null, null, null] }, /at most 4/);
    refuses(logFilter, { topics: ['0x12'] }, /thing\.topics\[0\]/);
    refuses(logFilter, { topics: [[HASH, '0x12']] }, /thing\.topics\[0\]\[1\]/);
    refuses(logFilter, { topics: HASH }, /thing\.topics/);
  });

  it('reads the block range, or a block hash but never both', () => {
    const range = logFilter({ fromBlock: '0x1', toBlock: 'latest' }, 'f');
    assert.deepEqual(range.fromBlock, { kind: 'number', number: 1n });
    assert.deepEqual(range.toBlock, { kind: 'tag', tag: 'latest' });
    assert.equal(bytesToHex(logFilter({ blockHash: HASH }, 'f').blockHash!), HASH);
    refuses(logFilter, { blockHash: HASH, fromBlock: '0x1' }, /blockHash cannot be combined/);
    refuses(logFilter, { fromBlock: 'soon' }, /thing\.fromBlock/);
  });
});
