// Pure pieces of the EVM actor, checked against the layouts of FEVM-FACTS §4.2-4.6 built by hand:
// handle_filecoin_method in and out, LOG → actor event, calldata and return encodings, EXTCODE* answers.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extCode, extCodeHash, extCodeKindOf, extCodeSize } from '../../../src/actors/evm/ext-code.ts';
import { handleFilecoinMethodInput, handleFilecoinMethodOutput } from '../../../src/actors/evm/filecoin-method-abi.ts';
import { decodeInvokeParams, encodeInvokeReturn, revertError, unwrapReturnData } from '../../../src/actors/evm/invoke-encoding.ts';
import { logToActorEvent } from '../../../src/actors/evm/log-event.ts';
import { encodeCbor } from '../../../src/ipld/index.ts';
import { ExitCode, bytesToHex, concatBytes, hexToBytes, keccak256, uintToFixedBytes } from '../../../src/primitives/index.ts';
import { ActorError, ActorType, CBOR, IPLD_RAW } from '../../../src/vm/index.ts';

const word = (n: number | bigint) => uintToFixedBytes(BigInt(n));

describe('handle_filecoin_method', () => {
  it('builds selector ‖ method ‖ codec ‖ offset 96 ‖ length ‖ params padded to 32', () => {
    const input = handleFilecoinMethodInput(3000n, 0x51n, Uint8Array.of(1, 2, 3));
    const expected = concatBytes(hexToBytes('0x868e10c4'), word(3000), word(0x51), word(96), word(3), concatBytes(Uint8Array.of(1, 2, 3), new Uint8Array(29)));
    assert.equal(bytesToHex(input), bytesToHex(expected));
    assert.equal(handleFilecoinMethodInput(1024n, 0n, new Uint8Array(0)).length, 4 + 4 * 32);
  });

  it('reads (uint32 exit, uint64 codec, bytes data): CBOR data, empty, and exit codes', () => {
    const ok = concatBytes(word(0), word(0x51), word(96), word(2), concatBytes(Uint8Array.of(0x82, 0x01), new Uint8Array(30)));
    assert.deepEqual(handleFilecoinMethodOutput(ok), { codec: CBOR, data: Uint8Array.of(0x82, 0x01) });
    assert.equal(handleFilecoinMethodOutput(concatBytes(word(0), word(0), word(96), word(0))), null);
    assert.equal(handleFilecoinMethodOutput(new Uint8Array(0)), null);
    assert.throws(() => handleFilecoinMethodOutput(concatBytes(word(17), word(0), word(96), word(0))), (e: ActorError) => e.exitCode === 17);
  });

  it('refuses codec 0 with data, unknown codecs and values that do not fit', () => {
    const serialization = (e: ActorError) => e.exitCode === ExitCode.USR_SERIALIZATION;
    assert.throws(() => handleFilecoinMethodOutput(concatBytes(word(0), word(0), word(96), word(1), new Uint8Array(32))), serialization);
    assert.throws(() => handleFilecoinMethodOutput(concatBytes(word(0), word(0x71), word(96), word(0))), serialization);
    assert.throws(() => handleFilecoinMethodOutput(concatBytes(word(1n << 32n), word(0), word(96), word(0))), serialization);
  });
});

describe('LOG as actor events', () => {
  it('topics become t1..t4, data becomes d only when non-empty, all flags 3 codec 0x55', () => {
    const t = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];
    assert.deepEqual(logToActorEvent(t, Uint8Array.of(9)).map((e) => [e.flags, e.key, e.codec]), [[3, 't1', 0x55], [3, 't2', 0x55], [3, 'd', 0x55]]);
    assert.deepEqual(logToActorEvent([], new Uint8Array(0)), []);
    assert.deepEqual(logToActorEvent(t, new Uint8Array(0)).map((e) => e.key), ['t1', 't2']);
  });
});

describe('calldata and return data', () => {
  it('takes a CBOR byte string from messages, a raw block from contracts, nothing as empty', () => {
    assert.deepEqual(decodeInvokeParams({ codec: CBOR, data: encodeCbor(Uint8Array.of(0xa9, 0x05)) }), Uint8Array.of(0xa9, 0x05));
    assert.deepEqual(decodeInvokeParams({ codec: IPLD_RAW, data: Uint8Array.of(1, 2) }), Uint8Array.of(1, 2));
    assert.deepEqual(decodeInvokeParams(null), new Uint8Array(0));
    assert.throws(() => decodeInvokeParams({ codec: CBOR, data: encodeCbor([1]) }), (e: ActorError) => e.exitCode === ExitCode.USR_SERIALIZATION);
  });

  it('returns a CBOR byte string; a revert is exit 33 with the revert data; callers unwrap', () => {
    const ret = encodeInvokeReturn(Uint8Array.of(7));
    assert.deepEqual(unwrapReturnData(ret), Uint8Array.of(7));
    const revert = revertError(Uint8Array.of(0x08, 0xc3, 0x79, 0xa0));
    assert.equal(revert.exitCode, 33);
    assert.deepEqual(unwrapReturnData(revert.data), Uint8Array.of(0x08, 0xc3, 0x79, 0xa0));
    assert.deepEqual(unwrapReturnData({ codec: IPLD_RAW, data: Uint8Array.of(0xff) }), Uint8Array.of(0xff));
  });
});

describe('EXTCODESIZE / EXTCODEHASH / EXTCODECOPY', () => {
  it('answer per kind of target', () => {
    const code = Uint8Array.of(0x60, 0x00);
    const evm = { kind: 'evm' as const, code, codeHash: keccak256(code) };
    assert.equal(extCodeSize(evm), 2);
    assert.deepEqual(extCode(evm), code);
    for (const type of [ActorType.Account, ActorType.EthAccount, ActorType.Placeholder]) {
      const target = { kind: extCodeKindOf(type) };
      assert.equal(extCodeSize(target), 0);
      assert.equal(bytesToHex(extCodeHash(target)), bytesToHex(keccak256(new Uint8Array(0))));
    }
    const miner = { kind: extCodeKindOf(ActorType.Miner) };
    assert.equal(extCodeSize(miner), 1);
    assert.deepEqual(extCode(miner), Uint8Array.of(0xfe));
    assert.equal(bytesToHex(extCodeHash(miner)), bytesToHex(keccak256(Uint8Array.of(0xfe))));
    const missing = { kind: extCodeKindOf(undefined) };
    assert.equal(bytesToHex(extCodeHash(missing)), bytesToHex(new Uint8Array(32)));
    assert.equal(extCodeSize({ kind: 'precompile' }), 0);
  });
});
