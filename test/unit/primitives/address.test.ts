// Filecoin addresses: every vector of FEVM-FACTS §1 and its appendix, go-address's vectors, and the
// errors a person sees for each kind of bad input.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Address,
  AddressError,
  Protocol,
  bytesToHex,
  ethAddressToFilecoinAddress,
  ethAddressToHex,
  filecoinAddressToEthAddress,
  hexToBytes,
  isEthAddress,
  isMaskedIdEthAddress,
  maskedIdEthAddress,
  maskedIdToId,
  parseAddress,
  parseEthAddress,
  type AddressErrorReason,
} from '../../../src/primitives/index.ts';
import { actorVectors, blsVectors, idVectors, secpVectors } from './address-vectors.ts';

function expectReason(fn: () => unknown, reason: AddressErrorReason): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AddressError, `expected AddressError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    return true;
  });
}

describe('FEVM-FACTS address vectors', () => {
  it('eth 0x0 is f410faaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaonc6iji with binary 040a‖20×00', () => {
    const address = ethAddressToFilecoinAddress(new Uint8Array(20));
    assert.equal(address.toString(), 'f410faaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaonc6iji');
    assert.equal(bytesToHex(address.bytes), `0x040a${'00'.repeat(20)}`);
  });

  it('eth 0x11…11 is f410fceirceirceirceirceirceirceirceirvj62oxy (t410f… on testnets)', () => {
    const address = ethAddressToFilecoinAddress(new Uint8Array(20).fill(0x11));
    assert.equal(address.toString('f'), 'f410fceirceirceirceirceirceirceirceirvj62oxy');
    assert.equal(address.toString('t'), 't410fceirceirceirceirceirceirceirceirvj62oxy');
    assert.ok(parseAddress('t410fceirceirceirceirceirceirceirceirvj62oxy').address.equals(address));
  });

  it('f1 with an all-zero payload is f1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaahaui6xa', () => {
    const address = Address.fromBytes(new Uint8Array(21).fill(0, 0).map((_, i) => (i === 0 ? 1 : 0)));
    assert.equal(address.toString(), 'f1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaahaui6xa');
  });

  it('id 1234 is f01234, binary 00d209, masked 0xff00…04d2, and back', () => {
    const address = Address.newId(1234);
    assert.equal(address.toString(), 'f01234');
    assert.equal(bytesToHex(address.bytes), '0x00d209');
    const eth = filecoinAddressToEthAddress(address);
    assert.equal(ethAddressToHex(eth), '0xff000000000000000000000000000000000004d2');
    assert.ok(isMaskedIdEthAddress(eth));
    assert.equal(maskedIdToId(eth), 1234n);
    assert.ok(ethAddressToFilecoinAddress(eth).equals(address));
  });
});

describe('go-address vectors', () => {
  for (const [id, text] of idVectors) {
    it(`id ${id} ⇄ ${text}`, () => {
      const address = Address.newId(id);
      assert.equal(address.toString('t'), text);
      const parsed = parseAddress(text);
      assert.equal(parsed.network, 't');
      assert.equal(parsed.address.id, id);
      assert.ok(Address.fromBytes(address.bytes).equals(address));
    });
  }
  for (const { publicKey, testnet } of secpVectors) {
    it(`secp256k1 key → ${testnet}`, () => {
      const address = Address.newSecp256k1(Uint8Array.from(publicKey));
      assert.equal(address.toString('t'), testnet);
      assert.equal(address.toString('f'), `f${testnet.slice(1)}`);
      assert.ok(parseAddress(testnet).address.equals(address));
      assert.equal(address.protocol, Protocol.SECP256K1);
    });
  }
  for (const { data, testnet } of actorVectors) {
    it(`actor data → ${testnet}`, () => {
      const address = Address.newActor(Uint8Array.from(data));
      assert.equal(address.toString('t'), testnet);
      assert.ok(parseAddress(`f${testnet.slice(1)}`).address.equals(address));
    });
  }
  for (const { publicKey, testnet } of blsVectors) {
    it(`BLS key → ${testnet.slice(0, 20)}…`, () => {
      const address = Address.newBls(Uint8Array.from(publicKey));
      assert.equal(address.toString('t'), testnet);
      assert.deepEqual(parseAddress(testnet).address.payload, Uint8Array.from(publicKey));
    });
  }
});

describe('text parsing names what is wrong', () => {
  const cases: [string, AddressErrorReason][] = [
    ['', 'empty'],
    ['t2', 'bad-length'],
    ['Q2gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr23y', 'unknown-network'],
    ['t5gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr23y', 'unknown-protocol'],
    ['t2gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr24y', 'bad-checksum'],
    ['t2gfvuyh7v2sx3patm1k23wdzmhyhtmqctasbr24y', 'bad-base32'],
    ['t2gfvuyh7v2sx3paTm5k23wdzmhyhtmqctasbr23y', 'bad-base32'],
    ['t0banananananannnnnnn', 'bad-id'],
    ['f0007', 'bad-id'],
    ['t09223372036854775808', 'id-too-large'],
    ['f0999999999999999999999', 'id-too-large'],
    ['f410', 'bad-namespace'],
    ['f4xfaaaa', 'bad-namespace'],
    ['f1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaahaui6xb', 'bad-base32'],
    ['f1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaahaui6xa', 'bad-length'],
  ];
  for (const [text, reason] of cases) {
    it(`"${text}" → ${reason}`, () => {
      expectReason(() => parseAddress(text), reason);
    });
  }

  it('a wrong character in an f410 address is a checksum error, not a different address', () => {
    expectReason(() => parseAddress('f410fceirdeirceirceirceirceirceirceirvj62oxy'), 'bad-checksum');
  });
});

describe('binary form', () => {
  const cases: [string, AddressErrorReason][] = [
    ['0x', 'empty'],
    ['0x050404', 'unknown-protocol'],
    ['0x00', 'bad-payload'],
    ['0x0080', 'bad-payload'],
    ['0x008000', 'bad-payload'],
    ['0x00ffffffffffffffffff02', 'bad-payload'],
    ['0x00ffffffffffffffffff01', 'id-too-large'],
    ['0x0080808080808080808001', 'id-too-large'],
    ['0x00d20900', 'bad-length'],
    [`0x01${'00'.repeat(19)}`, 'bad-length'],
    [`0x01${'00'.repeat(21)}`, 'bad-length'],
    [`0x02${'00'.repeat(19)}`, 'bad-length'],
    [`0x03${'00'.repeat(47)}`, 'bad-length'],
    [`0x03${'00'.repeat(49)}`, 'bad-length'],
    [`0x040a${'00'.repeat(55)}`, 'bad-length'],
  ];
  for (const [hex, reason] of cases) {
    it(`${hex.length > 24 ? `${hex.slice(0, 24)}…` : hex} → ${reason}`, () => {
      expectReason(() => Address.fromBytes(hexToBytes(hex)), reason);
    });
  }

  it('f4 allows subaddresses of 0 to 54 bytes in any namespace', () => {
    for (const len of [0, 1, 20, 54]) {
      const address = Address.newDelegated(32, new Uint8Array(len).fill(7));
      const back = parseAddress(address.toString()).address;
      assert.ok(back.equals(address));
      assert.equal(back.namespace, 32n);
      assert.equal(back.subaddress.length, len);
    }
  });

  it('every address round-trips through text and bytes (property)', () => {
    const arbAddress = fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }).map((id) => Address.newId(id)),
      fc.uint8Array({ minLength: 20, maxLength: 20 }).map((d) => Address.fromBytes(Uint8Array.from([1, ...d]))),
      fc.uint8Array({ minLength: 20, maxLength: 20 }).map((d) => Address.fromBytes(Uint8Array.from([2, ...d]))),
      fc.uint8Array({ minLength: 48, maxLength: 48 }).map((d) => Address.newBls(d)),
      fc
        .tuple(fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), fc.uint8Array({ maxLength: 54 }))
        .map(([ns, sub]) => Address.newDelegated(ns, sub)),
    );
    fc.assert(
      fc.property(arbAddress, fc.constantFrom<'f' | 't'>('f', 't'), (address, network) => {
        const parsed = parseAddress(address.toString(network));
        assert.equal(parsed.network, network);
        assert.ok(parsed.address.equals(address));
        assert.ok(Address.fromBytes(address.bytes).equals(address));
      }),
      { numRuns: 500 },
    );
  });
});

describe('Ethereum views', () => {
  it('refuses f410 addresses whose payload is masked-ID', () => {
    const masked = maskedIdEthAddress(5);
    const f410 = Address.newDelegated(10, masked);
    expectReason(() => filecoinAddressToEthAddress(f410), 'masked-id-in-f410');
    assert.equal(isEthAddress(f410), false);
  });

  it('f1/f2/f3 and other namespaces have no Ethereum address', () => {
    expectReason(() => filecoinAddressToEthAddress(parseAddress('f1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaahaui6xa').address), 'not-eth-address');
    expectReason(() => filecoinAddressToEthAddress(Address.newDelegated(32, new Uint8Array(20))), 'not-eth-address');
  });

  it('precompile-shaped and null addresses map to f410, not f0', () => {
    const precompile = hexToBytes('0xfe00000000000000000000000000000000000001');
    assert.equal(ethAddressToFilecoinAddress(precompile).protocol, Protocol.DELEGATED);
    assert.equal(isMaskedIdEthAddress(precompile), false);
  });

  it('masked-ID covers the whole u63 range', () => {
    const max = (1n << 63n) - 1n;
    assert.equal(ethAddressToHex(maskedIdEthAddress(max)), '0xff00000000000000000000007fffffffffffffff');
    assert.equal(maskedIdToId(maskedIdEthAddress(max)), max);
  });

  it('parses 0x addresses in any case and refuses other lengths', () => {
    assert.equal(ethAddressToHex(parseEthAddress('0xABCDEFabcdefABCDEFabcdefABCDEFabcdefABCD')), '0xabcdefabcdefabcdefabcdefabcdefabcdefabcd');
    expectReason(() => parseEthAddress('0x1234'), 'bad-length');
  });
});
