// Ethereum transactions as Filecoin messages: real transactions signed by ethers become the messages of
// FEVM-FACTS §6.4 with the delegated signatures of §6.2, verify back, and fail on any tampering; the
// transaction kinds Filecoin refuses are refused with a reason.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Transaction, Wallet } from 'ethers';
import { decodeCbor } from '../../../src/ipld/index.ts';
import { Address, bytesToHex, ethAddressToFilecoinAddress, hexToBytes, keccak256, maskedIdEthAddress } from '../../../src/primitives/index.ts';
import { SignatureError, ethTransactionToSignedMessage, verifyDelegatedMessage } from '../../../src/vm/index.ts';

const CHAIN = 31415926;
const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const TO = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const base = { to: TO, nonce: 3, gasLimit: 2_000_000, value: 12345n, data: '0xa9059cbb' };

async function raw(tx: Record<string, unknown>): Promise<Uint8Array> {
  return hexToBytes(await wallet.signTransaction(tx));
}

describe('Ethereum transactions → Filecoin messages', () => {
  it('an EIP-1559 call becomes InvokeContract to the f410 with CBOR calldata and a 65-byte signature', async () => {
    const bytes = await raw({ ...base, type: 2, chainId: CHAIN, maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n });
    const { signed, txHash, sender, type } = ethTransactionToSignedMessage(bytes, CHAIN);
    const m = signed.message;
    assert.equal(type, 'eip1559');
    assert.equal(bytesToHex(sender), wallet.address.toLowerCase());
    assert.ok(m.from.equals(ethAddressToFilecoinAddress(sender)));
    assert.ok(m.to.equals(ethAddressToFilecoinAddress(hexToBytes(TO))));
    assert.equal(m.method, 3844450837);
    assert.deepEqual(decodeCbor(m.params), hexToBytes('0xa9059cbb'));
    assert.equal(m.sequence, 3n);
    assert.equal(m.value, 12345n);
    assert.equal(m.gasLimit, 2_000_000);
    assert.equal(m.gasFeeCap, 2000n);
    assert.equal(m.gasPremium, 300n);
    assert.equal(signed.signature.data.length, 65);
    assert.equal(bytesToHex(txHash), bytesToHex(keccak256(bytes)));
    assert.equal(bytesToHex(txHash), Transaction.from(bytesToHex(bytes)).hash);
    assert.equal(bytesToHex(verifyDelegatedMessage(signed, CHAIN)), bytesToHex(sender));
  });

  it('a legacy EIP-155 transaction carries 0x02 ‖ r ‖ s ‖ v: 69 bytes on chain 31415926', async () => {
    const bytes = await raw({ ...base, type: 0, chainId: CHAIN, gasPrice: 1500n });
    const { signed, type } = ethTransactionToSignedMessage(bytes, CHAIN);
    assert.equal(type, 'legacy-eip155');
    assert.equal(signed.signature.data.length, 69);
    assert.equal(signed.signature.data[0], 0x02);
    assert.equal(signed.message.gasFeeCap, 1500n);
    assert.equal(signed.message.gasPremium, 1500n);
    verifyDelegatedMessage(signed, CHAIN);
  });

  it('a legacy Homestead transaction carries 0x01 ‖ r ‖ s ‖ v (27 or 28): 66 bytes', async () => {
    const tx = Transaction.from({ ...base, type: 0, gasPrice: 1500n, chainId: 0 });
    tx.signature = wallet.signingKey.sign(tx.unsignedHash);
    const { signed, type } = ethTransactionToSignedMessage(hexToBytes(tx.serialized), CHAIN);
    assert.equal(type, 'legacy-homestead');
    assert.equal(signed.signature.data.length, 66);
    assert.equal(signed.signature.data[0], 0x01);
    assert.ok([27, 28].includes(signed.signature.data[65]!));
    verifyDelegatedMessage(signed, CHAIN);
  });

  it('a deployment goes to f010 method 4 with the initcode as a CBOR byte string', async () => {
    const bytes = await raw({ type: 2, chainId: CHAIN, nonce: 0, gasLimit: 5_000_000, maxFeePerGas: 2000n, maxPriorityFeePerGas: 100n, data: '0x6080604052' });
    const { signed } = ethTransactionToSignedMessage(bytes, CHAIN);
    assert.ok(signed.message.to.equals(Address.newId(10)));
    assert.equal(signed.message.method, 4);
    assert.deepEqual(decodeCbor(signed.message.params), hexToBytes('0x6080604052'));
    verifyDelegatedMessage(signed, CHAIN);
  });

  it('a plain transfer has no params at all; a masked-ID recipient becomes an f0 address', async () => {
    const masked = bytesToHex(maskedIdEthAddress(1234));
    const { signed } = ethTransactionToSignedMessage(await raw({ type: 2, chainId: CHAIN, nonce: 0, to: masked, value: 1n, gasLimit: 1_000_000, maxFeePerGas: 200n, maxPriorityFeePerGas: 100n }), CHAIN);
    assert.equal(signed.message.params.length, 0);
    assert.ok(signed.message.to.equals(Address.newId(1234)));
    verifyDelegatedMessage(signed, CHAIN);
  });

  it('tampering with any field breaks the signature', async () => {
    const { signed } = ethTransactionToSignedMessage(await raw({ ...base, type: 2, chainId: CHAIN, maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n }), CHAIN);
    const m = signed.message;
    const tampered = [
      { ...m, value: m.value + 1n },
      { ...m, sequence: m.sequence + 1n },
      { ...m, gasLimit: m.gasLimit + 1 },
      { ...m, gasPremium: m.gasPremium + 1n },
      { ...m, to: ethAddressToFilecoinAddress(new Uint8Array(20).fill(5)) },
      { ...m, params: new Uint8Array([0x44, 1, 2, 3, 4]) },
    ];
    for (const message of tampered) assert.throws(() => verifyDelegatedMessage({ ...signed, message }, CHAIN), SignatureError);
    assert.throws(() => verifyDelegatedMessage({ ...signed, message: { ...m, method: 0 } }, CHAIN), /only contract calls/);
  });

  it('refuses what Filecoin refuses, saying why', async () => {
    const wrongChain = await raw({ ...base, type: 2, chainId: 1, maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n });
    assert.throws(() => ethTransactionToSignedMessage(wrongChain, CHAIN), /chain id 1 does not match this network's 31415926/);
    const accessList = await raw({ ...base, type: 2, chainId: CHAIN, maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n, accessList: [{ address: TO, storageKeys: [] }] });
    assert.throws(() => ethTransactionToSignedMessage(accessList, CHAIN), /access lists are not supported/);
    const type1 = await raw({ ...base, type: 1, chainId: CHAIN, gasPrice: 1000n });
    assert.throws(() => ethTransactionToSignedMessage(type1, CHAIN), /EIP-2930/);
    assert.throws(() => ethTransactionToSignedMessage(Uint8Array.of(0x04, 0xc0), CHAIN), /type 4 is not supported/);
    assert.throws(() => ethTransactionToSignedMessage(Uint8Array.of(0xde, 0xad), CHAIN), SignatureError);
    assert.throws(() => ethTransactionToSignedMessage(new Uint8Array(0), CHAIN), /empty transaction/);
    const good = await raw({ ...base, type: 2, chainId: CHAIN, maxFeePerGas: 2000n, maxPriorityFeePerGas: 300n });
    const badSig = Uint8Array.from(good);
    badSig[badSig.length - 5]! ^= 0xff;
    // A damaged signature either does not recover or recovers someone else: never the wallet.
    let recovered: string | undefined;
    try {
      recovered = bytesToHex(ethTransactionToSignedMessage(badSig, CHAIN).sender);
    } catch (error) {
      assert.ok(error instanceof SignatureError);
    }
    assert.notEqual(recovered, wallet.address.toLowerCase());
  });
});
