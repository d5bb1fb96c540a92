// Native (secp and BLS) messages as Ethereum transactions, as Lotus shows them (FEVM-FACTS §7.3): type 2,
// hash = the message CID's digest, input = handle_filecoin_method(method, codec, params) except for
// contract calls (the calldata) and EAM deployments (to null, the initcode), v/r/s zero.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Interface, id } from 'ethers';
import {
  HANDLE_FILECOIN_METHOD_SELECTOR,
  REVERTED_ETH_ADDRESS,
  EthTranslationError,
  encodeFilecoinParamsAsAbi,
  ethTransactionFromMessage,
  nativeMessageAsEthTransaction,
} from '../../../src/eth/index.ts';
import { encodeCbor, encodeMessage, encodeSignedMessage } from '../../../src/ipld/index.ts';
import {
  Address,
  SignatureType,
  blake2b256,
  bytesToHex,
  hexToBytes,
  maskedIdEthAddress,
  type Message,
  type SignedMessage,
} from '../../../src/primitives/index.ts';

const CHAIN = 314159;
const SENDER = Address.newSecp256k1(Uint8Array.from({ length: 65 }, (_, i) => i));
const SENDER_ID = 1001n;
const RECIPIENT = Address.newId(1002);
const abi = new Interface(['function handle_filecoin_method(uint64 method, uint64 codec, bytes params)']);

/** Lotus's lookupEthAddress over a two-actor state: both have only masked-ID addresses. */
function lookup(a: Address): Uint8Array | null {
  if (a.equals(SENDER)) return maskedIdEthAddress(SENDER_ID);
  if (a.equals(RECIPIENT)) return maskedIdEthAddress(1002);
  return null;
}

function message(fields: Partial<Message>): Message {
  return { version: 0, to: RECIPIENT, from: SENDER, sequence: 4n, value: 99n, gasLimit: 3_000_000, gasFeeCap: 500n, gasPremium: 50n, method: 0, params: new Uint8Array(0), ...fields };
}

function secp(m: Message): SignedMessage {
  return { message: m, signature: { type: SignatureType.SECP256K1, data: new Uint8Array(65).fill(7) } };
}

describe('nativeMessageAsEthTransaction', () => {
  it('a method call becomes handle_filecoin_method(method, 0x51, params), ABI-encoded as solc would', () => {
    const params = encodeCbor([1n, 'hello', new Uint8Array(40).fill(0xab)]);
    const signed = secp(message({ method: 2, params }));
    const tx = nativeMessageAsEthTransaction(signed, CHAIN, lookup);
    assert.equal(bytesToHex(HANDLE_FILECOIN_METHOD_SELECTOR), id('handle_filecoin_method(uint64,uint64,bytes)').slice(0, 10));
    assert.equal(bytesToHex(HANDLE_FILECOIN_METHOD_SELECTOR), '0x868e10c4');
    assert.equal(bytesToHex(tx.input), abi.encodeFunctionData('handle_filecoin_method', [2, 0x51, params]));
    assert.equal(tx.input.length, 4 + 32 * 4 + Math.ceil(params.length / 32) * 32);
    assert.deepEqual(
      { type: tx.type, chainId: tx.chainId, nonce: tx.nonce, value: tx.value, gas: tx.gas, maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas, v: tx.v, r: tx.r, s: tx.s },
      { type: 2, chainId: CHAIN, nonce: 4n, value: 99n, gas: 3_000_000, maxFeePerGas: 500n, maxPriorityFeePerGas: 50n, v: 0n, r: 0n, s: 0n },
    );
    assert.equal(bytesToHex(tx.from), '0xff000000000000000000000000000000000003e9');
    assert.equal(bytesToHex(tx.to!), '0xff000000000000000000000000000000000003ea');
  });

  it('a plain send has codec 0 and no data: 4 + 128 bytes, hand-checked', () => {
    const tx = nativeMessageAsEthTransaction(secp(message({ method: 0 })), CHAIN, lookup);
    const word = (n: number): string => n.toString(16).padStart(64, '0');
    assert.equal(bytesToHex(tx.input), `0x868e10c4${word(0)}${word(0)}${word(96)}${word(0)}`);
    assert.equal(bytesToHex(encodeFilecoinParamsAsAbi(5, 0x51, Uint8Array.of(1))), `0x868e10c4${word(5)}${word(0x51)}${word(96)}${word(1)}01${'00'.repeat(31)}`);
  });

  it('the hash is the digest of the signed message CID (secp) or of the bare message CID (BLS)', () => {
    const m = message({ method: 0 });
    const signed = secp(m);
    assert.equal(bytesToHex(nativeMessageAsEthTransaction(signed, CHAIN, lookup).hash), bytesToHex(blake2b256(encodeSignedMessage(signed))));
    const bls: SignedMessage = { message: m, signature: { type: SignatureType.BLS, data: new Uint8Array(96) } };
    assert.equal(bytesToHex(nativeMessageAsEthTransaction(bls, CHAIN, lookup).hash), bytesToHex(blake2b256(encodeMessage(m))));
  });

  it('InvokeContract shows its calldata, or nothing when it has no params', () => {
    const calldata = hexToBytes('0xa9059cbb00ff');
    assert.equal(bytesToHex(nativeMessageAsEthTransaction(secp(message({ method: 3844450837, params: encodeCbor(calldata) })), CHAIN, lookup).input), '0xa9059cbb00ff');
    assert.equal(nativeMessageAsEthTransaction(secp(message({ method: 3844450837 })), CHAIN, lookup).input.length, 0);
    // Params that are not one CBOR byte string stay in the ABI form, as Lotus leaves them.
    const odd = encodeCbor([1]);
    assert.equal(bytesToHex(nativeMessageAsEthTransaction(secp(message({ method: 3844450837, params: odd })), CHAIN, lookup).input), abi.encodeFunctionData('handle_filecoin_method', [3844450837, 0x51, odd]));
  });

  it('CreateExternal on f010 is a deployment: to null, input = initcode', () => {
    const eam = Address.newId(10);
    const resolve = (a: Address): Uint8Array | null => (a.equals(eam) ? maskedIdEthAddress(10) : lookup(a));
    const tx = nativeMessageAsEthTransaction(secp(message({ to: eam, method: 4, params: encodeCbor(hexToBytes('0x6080')) })), CHAIN, resolve);
    assert.equal(tx.to, null);
    assert.equal(bytesToHex(tx.input), '0x6080');
    // Other EAM methods are ordinary native calls.
    const create2 = nativeMessageAsEthTransaction(secp(message({ to: eam, method: 3, params: encodeCbor([hexToBytes('0x6080'), new Uint8Array(32)]) })), CHAIN, resolve);
    assert.equal(bytesToHex(create2.to!), bytesToHex(maskedIdEthAddress(10)));
    assert.equal(bytesToHex(create2.input.subarray(0, 4)), '0x868e10c4');
  });

  it('an unknown recipient becomes 0xff0000000000000000000000ffffffffffffffff; an unknown sender is refused', () => {
    const nowhere = Address.newId(5555);
    assert.equal(bytesToHex(REVERTED_ETH_ADDRESS), '0xff0000000000000000000000ffffffffffffffff');
    assert.equal(bytesToHex(nativeMessageAsEthTransaction(secp(message({ to: nowhere })), CHAIN, lookup).to!), '0xff0000000000000000000000ffffffffffffffff');
    assert.throws(() => nativeMessageAsEthTransaction(secp(message({ from: nowhere })), CHAIN, lookup), EthTranslationError);
  });

  it('ethTransactionFromMessage renders secp and BLS messages this way', () => {
    const signed = secp(message({ method: 2, params: encodeCbor(1) }));
    assert.deepEqual(ethTransactionFromMessage(signed, CHAIN, lookup), nativeMessageAsEthTransaction(signed, CHAIN, lookup));
  });
});
