// Filecoin precompile inputs and outputs, built by hand from the layouts of FEVM-FACTS §5, with their
// error cases (each makes the CALL return 0 with no data).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PrecompileInputError,
  encodeCallActorOutput,
  encodeResolvedId,
  isReservedPrecompileAddress,
  parseActorIdWord,
  parseCallActorInput,
  parseEpochWord,
  parseResolveAddressInput,
} from '../../../src/actors/evm/precompiles/fvm-precompile-io.ts';
import { Address, bytesToHex, concatBytes, hexToBytes, uintToFixedBytes } from '../../../src/primitives/index.ts';
import { CBOR } from '../../../src/vm/index.ts';

const word = (n: number | bigint) => uintToFixedBytes(BigInt(n));
const padTo32 = (b: Uint8Array) => concatBytes(b, new Uint8Array((32 - (b.length % 32)) % 32));

function callActorInput(o: { method: number | bigint; value?: bigint; flags?: number; codec: number; params: Uint8Array; address: Uint8Array }): Uint8Array {
  // head: 6 words; params at 192: length word + data; address after the params.
  const paramsAt = 6 * 32;
  const addressAt = paramsAt + 32 + padTo32(o.params).length;
  return concatBytes(
    word(o.method), word(o.value ?? 0n), word(o.flags ?? 0), word(o.codec), word(paramsAt), word(addressAt),
    word(o.params.length), padTo32(o.params),
    word(o.address.length), padTo32(o.address),
  );
}

describe('resolve_address and lookup_delegated_address', () => {
  it('take raw address bytes / an id word, answer an id word or nothing', () => {
    assert.ok(parseResolveAddressInput(Address.newId(1234).bytes).equals(Address.newId(1234)));
    assert.throws(() => parseResolveAddressInput(Uint8Array.of(9, 9)), PrecompileInputError);
    assert.equal(bytesToHex(encodeResolvedId(1234n)), bytesToHex(word(1234)));
    assert.equal(encodeResolvedId(undefined).length, 0);
    assert.equal(parseActorIdWord(word(77)), 77n);
    assert.throws(() => parseActorIdWord(word(1n << 64n)), PrecompileInputError);
  });
});

describe('call_actor', () => {
  it('reads method, value, flags, codec, params and the target address', () => {
    const target = Address.newId(5);
    const req = parseCallActorInput(callActorInput({ method: 3844450837, value: 7n, flags: 1, codec: 0x51, params: Uint8Array.of(0x41, 0xaa), address: target.bytes }), false);
    assert.equal(req.method, 3844450837);
    assert.equal(req.value, 7n);
    assert.equal(req.readOnly, true);
    assert.deepEqual(req.params, { codec: CBOR, data: Uint8Array.of(0x41, 0xaa) });
    assert.ok(req.target.equals(target));
  });

  it('call_actor_id takes the actor id in place of the address offset', () => {
    const input = concatBytes(word(0), word(1), word(0), word(0), word(192), word(1001), word(0));
    const req = parseCallActorInput(input, true);
    assert.ok(req.target.equals(Address.newId(1001)));
    assert.equal(req.method, 0);
    assert.equal(req.params, null);
  });

  it('refuses reserved methods, bad codecs, unknown flags and unparsable addresses', () => {
    const base = { codec: 0, params: new Uint8Array(0), address: Address.newId(5).bytes };
    assert.throws(() => parseCallActorInput(callActorInput({ ...base, method: 2 }), false), /reserved/);
    assert.throws(() => parseCallActorInput(callActorInput({ ...base, method: 1024, codec: 0x71 }), false), /codec/);
    assert.throws(() => parseCallActorInput(callActorInput({ ...base, method: 1024, params: Uint8Array.of(1) }), false), /codec 0/);
    assert.throws(() => parseCallActorInput(callActorInput({ ...base, method: 1024, flags: 2 }), false), /flags/);
    assert.throws(() => parseCallActorInput(callActorInput({ ...base, method: 1024, address: Uint8Array.of(7) }), false), /not a Filecoin address/);
  });

  it('answers (int256 exit, uint64 codec, bytes data), a syscall error as the negative errno', () => {
    const ok = encodeCallActorOutput({ exitCode: 0, returnData: { codec: CBOR, data: Uint8Array.of(1, 2, 3) } });
    assert.equal(bytesToHex(ok), bytesToHex(concatBytes(word(0), word(0x51), word(96), word(3), padTo32(Uint8Array.of(1, 2, 3)))));
    const failed = encodeCallActorOutput({ errno: 6 });
    assert.equal(bytesToHex(failed.subarray(0, 32)), `0x${'f'.repeat(62)}fa`);
    assert.equal(failed.length, 128);
  });
});

describe('get_randomness and reserved addresses', () => {
  it('takes a non-negative epoch word', () => {
    assert.equal(parseEpochWord(word(123)), 123);
    assert.throws(() => parseEpochWord(word(1n << 63n)), PrecompileInputError);
  });

  it('knows which addresses are precompiles', () => {
    assert.ok(isReservedPrecompileAddress(hexToBytes('0x0000000000000000000000000000000000000001')));
    assert.ok(isReservedPrecompileAddress(hexToBytes('0xfe00000000000000000000000000000000000003')));
    assert.ok(isReservedPrecompileAddress(hexToBytes('0x0000000000000000000000000000000000000100')));
    assert.ok(!isReservedPrecompileAddress(hexToBytes('0x0000000000000000000000000000000000000000')));
    assert.ok(!isReservedPrecompileAddress(hexToBytes('0xff00000000000000000000000000000000000001')));
    assert.ok(!isReservedPrecompileAddress(hexToBytes('0x0000000000000000000000000000000000010001')));
  });
});
