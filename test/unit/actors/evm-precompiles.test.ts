// The precompiles a contract reaches on FEVM (FEVM-FACTS §5), called from a contract with inputs built
// by hand from the spec: Ethereum's 0x01-0x09, 0x0a absent, BLS12-381 G1ADD (0x0b), P256VERIFY (0x100),
// and the Filecoin ones at 0xfe00…: resolve_address, lookup_delegated_address, call_actor and
// call_actor_id (DELEGATECALL only), get_randomness, and the empty slots (04, 07+).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { p256 } from '@noble/curves/nist.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { SigningKey, sha256 as ethersSha256 } from 'ethers';
import { ATTO_PER_FIL, Address, ExitCode, bytesToHex, concatBytes, hexToBytes, uintToFixedBytes } from '../../../src/primitives/index.ts';
import { ActorType } from '../../../src/vm/index.ts';
import { decodeCbor, encodeCbor } from '../../../src/ipld/index.ts';
import { ETH_A, F1_KEY, createHarness, f410 } from '../../helpers/fvm-harness.ts';
import { compileFixture, deployContract, mustCall, type Deployed } from '../../helpers/evm-contracts.ts';

const C = compileFixture('CallTree.sol');
const hex = bytesToHex;
const word = (n: bigint | number) => uintToFixedBytes(BigInt(n));
const fvm = (slot: number) => `0xfe${'00'.repeat(18)}${slot.toString(16).padStart(2, '0')}`;
const eth = (slot: number) => `0x${'00'.repeat(18)}${slot.toString(16).padStart(4, '0')}`;

async function setup() {
  const h = createHarness();
  const caller = await deployContract(h, C.Caller!);
  await h.apply({ from: f410(ETH_A), to: Address.newId(caller.id), value: 10n * ATTO_PER_FIL });
  return { h, caller };
}

async function call(h: ReturnType<typeof createHarness>, caller: Deployed, kind: 'callRaw' | 'delegate' | 'staticRaw', to: string, input: Uint8Array) {
  const [ok, data] = await mustCall(h, caller, kind, [to, hex(input)]);
  return { ok: ok as boolean, data: hexToBytes(data as string) };
}

// EIP-2537's maps are the hash-to-curve maps with the cofactor cleared: @noble/curves' mapToCurve (its
// declared types say affine points; it answers projective ones).
type Projective<F> = { toAffine(): { x: F; y: F } };
const mapToG1 = (u: bigint) => (bls12_381.G1.mapToCurve as unknown as (u: bigint) => Projective<bigint>)(u).toAffine();
const mapToG2 = (c0: bigint, c1: bigint) => (bls12_381.G2.mapToCurve as unknown as (u: bigint[]) => Projective<{ c0: bigint; c1: bigint }>)([c0, c1]).toAffine();

/** call_actor's input: method, value, flags, codec, params offset, address offset; then params and address. */
function callActorInput(method: bigint, value: bigint, flags: bigint, codec: bigint, params: Uint8Array, target: Uint8Array | bigint): Uint8Array {
  const pad = (b: Uint8Array) => concatBytes(b, new Uint8Array((32 - (b.length % 32)) % 32));
  const paramsAt = 6 * 32;
  const head = [word(method), word(value), word(flags), word(codec), word(paramsAt)];
  const paramsPart = concatBytes(word(params.length), pad(params));
  if (typeof target === 'bigint') return concatBytes(...head, word(target), paramsPart);
  const addressAt = paramsAt + paramsPart.length;
  return concatBytes(...head, word(addressAt), paramsPart, word(target.length), pad(target));
}

describe('Ethereum precompiles on FEVM', () => {
  it('ecrecover (0x01), sha256 (0x02) and identity (0x04) answer as on Ethereum', async () => {
    const { h, caller } = await setup();
    const key = new SigningKey(`0x${'11'.repeat(32)}`);
    const digest = hexToBytes(ethersSha256('0x1234'));
    const sig = key.sign(digest);
    const recovered = await call(h, caller, 'staticRaw', eth(1), concatBytes(digest, word(sig.v), hexToBytes(sig.r), hexToBytes(sig.s)));
    assert.equal(recovered.ok, true);
    assert.equal(hex(recovered.data.subarray(12)), new (await import('ethers')).Wallet(`0x${'11'.repeat(32)}`).address.toLowerCase());
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(2), hexToBytes('0x1234'))).data), ethersSha256('0x1234'));
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(4), hexToBytes('0xc0ffee'))).data), '0xc0ffee');
  });

  it('ripemd160 (0x03), modexp (0x05) and blake2f (0x09, EIP-152; wrong length fails)', async () => {
    const { h, caller } = await setup();
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(3), new Uint8Array(0))).data), `0x${'00'.repeat(12)}9c1185a5c5e9fc54612808977ee8f548b2258d31`);
    // 3^5 mod 7 = 5: lengths 1, 1, 1, then base, exponent, modulus.
    const modexp = concatBytes(word(1), word(1), word(1), Uint8Array.of(3, 5, 7));
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(5), modexp)).data), '0x05');
    // BLAKE2b-512("abc") as one compression: 12 rounds, IV ^ parameter block, message "abc", t = 3, final.
    const state = hexToBytes('0x48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b');
    const message = new Uint8Array(128);
    message.set([0x61, 0x62, 0x63]);
    const input = concatBytes(Uint8Array.of(0, 0, 0, 12), state, message, Uint8Array.of(3, 0, 0, 0, 0, 0, 0, 0), new Uint8Array(8), Uint8Array.of(1));
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(9), input)).data), hex(blake2b(new TextEncoder().encode('abc'))));
    assert.equal((await call(h, caller, 'staticRaw', eth(9), input.subarray(1))).ok, false);
  });

  it('bn254 add (0x06), mul (0x07) and pairing (0x08): G + G = 2·G, an empty pairing holds', async () => {
    const { h, caller } = await setup();
    const g = concatBytes(word(1), word(2));
    const twoG = concatBytes(
      word(0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3n),
      word(0x15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4n),
    );
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(6), concatBytes(g, g))).data), hex(twoG));
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(7), concatBytes(g, word(2)))).data), hex(twoG));
    assert.deepEqual(await call(h, caller, 'staticRaw', eth(8), new Uint8Array(0)), { ok: true, data: word(1) });
    assert.equal((await call(h, caller, 'staticRaw', eth(6), concatBytes(word(1), word(3), g))).ok, false, '(1, 3) is not on the curve');
  });

  it('0x0a (KZG point evaluation) is not there: an empty success', async () => {
    const { h, caller } = await setup();
    const r = await call(h, caller, 'staticRaw', eth(0x0a), new Uint8Array(192));
    assert.deepEqual(r, { ok: true, data: new Uint8Array(0) });
  });

  it('BLS12-381 G1ADD (0x0b): G + infinity = G; a point off the curve fails the call', async () => {
    const { h, caller } = await setup();
    const g1x = hexToBytes('0x17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb');
    const g1y = hexToBytes('0x08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1');
    const g = concatBytes(new Uint8Array(16), g1x, new Uint8Array(16), g1y);
    const r = await call(h, caller, 'staticRaw', eth(0x0b), concatBytes(g, new Uint8Array(128)));
    assert.equal(r.ok, true);
    assert.equal(hex(r.data), hex(g));
    const bad = concatBytes(new Uint8Array(16), g1x, new Uint8Array(16), g1x);
    assert.equal((await call(h, caller, 'staticRaw', eth(0x0b), concatBytes(bad, new Uint8Array(128)))).ok, false);
    // G1MSM (0x0c): 1·G = G; PAIRING_CHECK (0x0f) refuses an empty input.
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(0x0c), concatBytes(g, word(1)))).data), hex(g));
    assert.equal((await call(h, caller, 'staticRaw', eth(0x0f), new Uint8Array(0))).ok, false);
  });

  it('BLS12-381 G2ADD (0x0d), G2MSM (0x0e), MAP_FP_TO_G1 (0x10) and MAP_FP2_TO_G2 (0x11), with their refusals', async () => {
    const { h, caller } = await setup();
    const fp = (v: bigint) => concatBytes(new Uint8Array(16), uintToFixedBytes(v, 48));
    const g2 = bls12_381.G2.Point.BASE.toAffine();
    const g2Bytes = concatBytes(fp(g2.x.c0), fp(g2.x.c1), fp(g2.y.c0), fp(g2.y.c1));
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(0x0d), concatBytes(g2Bytes, new Uint8Array(256)))).data), hex(g2Bytes), 'G2 + infinity');
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(0x0e), concatBytes(g2Bytes, word(1)))).data), hex(g2Bytes), '1·G2');
    assert.equal((await call(h, caller, 'staticRaw', eth(0x0d), g2Bytes)).ok, false, 'one point is not enough');
    const mapped1 = mapToG1(7n);
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(0x10), fp(7n))).data), hex(concatBytes(fp(mapped1.x), fp(mapped1.y))));
    const p = bls12_381.fields.Fp.ORDER;
    assert.equal((await call(h, caller, 'staticRaw', eth(0x10), fp(p))).ok, false, 'an element ≥ p is refused');
    const mapped2 = mapToG2(7n, 9n);
    const expected2 = concatBytes(fp(mapped2.x.c0), fp(mapped2.x.c1), fp(mapped2.y.c0), fp(mapped2.y.c1));
    assert.equal(hex((await call(h, caller, 'staticRaw', eth(0x11), concatBytes(fp(7n), fp(9n)))).data), hex(expected2));
    assert.equal((await call(h, caller, 'staticRaw', eth(0x11), fp(7n))).ok, false, 'one element is not an Fp2');
  });

  it('P256VERIFY (0x100): a valid signature answers the word 1, an invalid one nothing', async () => {
    const { h, caller } = await setup();
    const secret = hexToBytes(`0x${'42'.repeat(32)}`);
    const digest = hexToBytes(ethersSha256('0xabcd'));
    const signature = p256.sign(digest, secret, { prehash: false });
    const publicKey = p256.getPublicKey(secret, false).subarray(1);
    const valid = await call(h, caller, 'staticRaw', eth(0x100), concatBytes(digest, signature, publicKey));
    assert.deepEqual(valid, { ok: true, data: word(1) });
    const tampered = digest.slice();
    tampered[0]! ^= 1;
    assert.deepEqual(await call(h, caller, 'staticRaw', eth(0x100), concatBytes(tampered, signature, publicKey)), { ok: true, data: new Uint8Array(0) });
  });
});

describe('Filecoin precompiles', () => {
  it('resolve_address (0xfe..01): id of an f1, an f410 and an f0; empty for unknown; garbage fails', async () => {
    const { h, caller } = await setup();
    assert.deepEqual(await call(h, caller, 'staticRaw', fvm(1), F1_KEY.bytes), { ok: true, data: word(h.ids.f1) });
    assert.deepEqual(await call(h, caller, 'staticRaw', fvm(1), f410(ETH_A).bytes), { ok: true, data: word(h.ids.a) });
    assert.deepEqual(await call(h, caller, 'staticRaw', fvm(1), Address.newId(1234n).bytes), { ok: true, data: word(1234n) });
    assert.deepEqual(await call(h, caller, 'staticRaw', fvm(1), f410(new Uint8Array(20).fill(9)).bytes), { ok: true, data: new Uint8Array(0) });
    assert.equal((await call(h, caller, 'staticRaw', fvm(1), hexToBytes('0x09ff'))).ok, false);
  });

  it('lookup_delegated_address (0xfe..02): the f410 of an Ethereum account; empty for an f1 account; a too-wide id fails', async () => {
    const { h, caller } = await setup();
    assert.deepEqual(await call(h, caller, 'staticRaw', fvm(2), word(h.ids.a)), { ok: true, data: f410(ETH_A).bytes });
    assert.deepEqual(await call(h, caller, 'staticRaw', fvm(2), word(h.ids.f1)), { ok: true, data: new Uint8Array(0) });
    assert.equal((await call(h, caller, 'staticRaw', fvm(2), word(1n << 64n))).ok, false);
  });

  it('call_actor (0xfe..03) by DELEGATECALL sends FIL from the contract to a new f1 address, which becomes an account', async () => {
    const { h, caller } = await setup();
    const f1 = Address.newSecp256k1(Uint8Array.from([4, ...new Uint8Array(64).fill(3)]));
    const r = await call(h, caller, 'delegate', fvm(3), callActorInput(0n, ATTO_PER_FIL, 0n, 0n, new Uint8Array(0), f1.bytes));
    assert.equal(r.ok, true);
    assert.equal(hex(r.data), hex(concatBytes(word(0), word(0), word(96), word(0))), 'exit 0, codec 0, no data');
    assert.equal(h.balance(f1), ATTO_PER_FIL);
    assert.equal(h.registry.typeOf(h.tree.getActor(f1)!.code), ActorType.Account);
    assert.equal(h.balance(caller.id), 9n * ATTO_PER_FIL, 'the contract paid');
  });

  it('call_actor only works through DELEGATECALL, refuses reserved methods, and reports a failed send as a negative errno', async () => {
    const { h, caller } = await setup();
    const send = (value: bigint, method = 0n) => callActorInput(method, value, 0n, 0n, new Uint8Array(0), F1_KEY.bytes);
    assert.equal((await call(h, caller, 'callRaw', fvm(3), send(1n))).ok, false, 'CALL');
    assert.equal((await call(h, caller, 'delegate', fvm(3), send(1n, 5n))).ok, false, 'method 5 is reserved');
    const poor = await call(h, caller, 'delegate', fvm(3), send(1000n * ATTO_PER_FIL));
    assert.equal(poor.ok, true);
    assert.equal(hex(poor.data.subarray(0, 32)), hex(word((1n << 256n) - 5n)), 'InsufficientFunds is errno 5, encoded as -5');
  });

  it('call_actor_id (0xfe..05) addresses the target by id; a failing method reports its exit code', async () => {
    const { h, caller } = await setup();
    const r = await call(h, caller, 'delegate', fvm(5), callActorInput(0n, 7n, 0n, 0n, new Uint8Array(0), h.ids.b));
    assert.equal(r.ok, true);
    assert.equal(hex(r.data.subarray(0, 32)), hex(word(0)));
    const refused = await call(h, caller, 'delegate', fvm(5), callActorInput(1025n, 0n, 0n, 0n, new Uint8Array(0), 0n));
    assert.equal(hex(refused.data.subarray(0, 32)), hex(word(ExitCode.USR_UNHANDLED_MESSAGE)), 'the system actor does not handle method 1025');
  });

  it('call_actor into a contract (InvokeContract) runs it in the same message: its storage and answer come back', async () => {
    const { h, caller } = await setup();
    const counter = await deployContract(h, C.Counter!);
    const calldata = hexToBytes(counter.iface.encodeFunctionData('bump'));
    const input = callActorInput(3844450837n, 0n, 0n, 0x51n, encodeCbor(calldata), f410(counter.eth).bytes);
    const r = await call(h, caller, 'delegate', fvm(3), input);
    assert.equal(r.ok, true);
    assert.equal(hex(r.data.subarray(0, 64)), hex(concatBytes(word(0), word(0x51))), 'exit 0, CBOR');
    const length = Number(BigInt(hex(r.data.subarray(96, 128))));
    assert.deepEqual(decodeCbor(r.data.subarray(128, 128 + length)), word(1));
    assert.equal((await mustCall(h, counter, 'count'))[0], 1n);
  });

  it('get_randomness (0xfe..06): the beacon of a past or current epoch; a future epoch fails', async () => {
    const { h, caller } = await setup();
    const r = await call(h, caller, 'staticRaw', fvm(6), word(h.context.epoch));
    assert.deepEqual(r, { ok: true, data: h.context.beaconRandomness(0, h.context.epoch, new Uint8Array(0)) });
    assert.equal((await call(h, caller, 'staticRaw', fvm(6), word(h.context.epoch + 1))).ok, false);
  });

  it('empty slots (0xfe..04, get_actor_type disabled; 0xfe..07) succeed with nothing', async () => {
    const { h, caller } = await setup();
    assert.deepEqual(await call(h, caller, 'staticRaw', fvm(4), word(1)), { ok: true, data: new Uint8Array(0) });
    assert.deepEqual(await call(h, caller, 'callRaw', fvm(7), new Uint8Array(0)), { ok: true, data: new Uint8Array(0) });
  });
});
