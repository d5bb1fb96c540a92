// Delegated-signature messages back to the Ethereum transactions they came from: transactions signed by
// ethers (type 2, legacy EIP-155, Homestead), turned into Filecoin messages by the vm, come back with
// every field and the exact hash eth_sendRawTransaction answered (keccak256 of the raw bytes).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Transaction, Wallet } from 'ethers';
import { EthTranslationError, ethTransactionFromMessage, serializeEthTransaction, type EthTransaction } from '../../../src/eth/index.ts';
import { encodeCbor } from '../../../src/ipld/index.ts';
import { Address, bytesToHex, hexToBytes, keccak256, maskedIdEthAddress } from '../../../src/primitives/index.ts';
import { ethTransactionToSignedMessage } from '../../../src/vm/index.ts';

const CHAIN = 31415926;
const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const TO = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const base = { to: TO, nonce: 7, gasLimit: 2_500_000, value: 10n ** 18n + 5n, data: '0xa9059cbb0000000000000000000000000000000000000000000000000000000000000001' };
const noLookup = (): never => assert.fail('a delegated message needs no address lookup');

/** raw → Filecoin message (vm) → Ethereum transaction (eth), checked against ethers' reading of raw. */
function roundTrip(rawHex: string, chainId = CHAIN): EthTransaction {
  const raw = hexToBytes(rawHex);
  const { signed } = ethTransactionToSignedMessage(raw, chainId);
  const tx = ethTransactionFromMessage(signed, chainId, noLookup);
  const expected = Transaction.from(rawHex);
  assert.equal(bytesToHex(tx.hash), bytesToHex(keccak256(raw)));
  assert.equal(bytesToHex(tx.hash), expected.hash);
  assert.equal(bytesToHex(serializeEthTransaction(tx)), rawHex);
  assert.equal(bytesToHex(tx.from), wallet.address.toLowerCase());
  assert.equal(tx.to && bytesToHex(tx.to), expected.to?.toLowerCase() ?? null);
  assert.equal(tx.nonce, BigInt(expected.nonce));
  assert.equal(tx.value, expected.value);
  assert.equal(BigInt(tx.gas), expected.gasLimit);
  assert.equal(bytesToHex(tx.input), expected.data);
  assert.equal(tx.r, BigInt(expected.signature!.r));
  assert.equal(tx.s, BigInt(expected.signature!.s));
  return tx;
}

async function sign(tx: Record<string, unknown>): Promise<string> {
  return wallet.signTransaction(tx);
}

describe('ethTransactionFromMessage: delegated signatures', () => {
  it('an EIP-1559 call comes back as type 2 with its fees, chain id and v ∈ {0, 1}', async () => {
    const tx = roundTrip(await sign({ ...base, type: 2, chainId: CHAIN, maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 300_000n }));
    assert.equal(tx.type, 2);
    assert.equal(tx.chainId, CHAIN);
    assert.equal(tx.maxFeePerGas, 2_000_000_000n);
    assert.equal(tx.maxPriorityFeePerGas, 300_000n);
    assert.equal(tx.gasPrice, undefined);
    assert.ok(tx.v === 0n || tx.v === 1n);
  });

  it('a legacy EIP-155 transaction comes back as type 0 with v = chainId × 2 + 35/36', async () => {
    const tx = roundTrip(await sign({ ...base, type: 0, chainId: CHAIN, gasPrice: 1500n }));
    assert.equal(tx.type, 0);
    assert.equal(tx.chainId, CHAIN);
    assert.equal(tx.gasPrice, 1500n);
    assert.equal(tx.maxFeePerGas, undefined);
    assert.ok(tx.v === 62831887n || tx.v === 62831888n);
  });

  it('on a small chain id the EIP-155 signature is 66 bytes like Homestead; its 0x02 prefix tells them apart', async () => {
    const tx = roundTrip(await sign({ ...base, type: 0, chainId: 1, gasPrice: 1500n }), 1);
    assert.equal(tx.chainId, 1);
    assert.ok(tx.v === 37n || tx.v === 38n);
  });

  it('a Homestead transaction (no chain id) comes back as type 0, chain id 0, v 27/28', () => {
    const unsigned = Transaction.from({ ...base, type: 0, gasPrice: 1500n, chainId: 0 });
    unsigned.signature = wallet.signingKey.sign(unsigned.unsignedHash);
    const tx = roundTrip(unsigned.serialized);
    assert.equal(tx.type, 0);
    assert.equal(tx.chainId, 0);
    assert.ok(tx.v === 27n || tx.v === 28n);
  });

  it('a deployment (EAM CreateExternal) comes back with to null and the initcode as input', async () => {
    const tx = roundTrip(await sign({ type: 2, chainId: CHAIN, nonce: 0, gasLimit: 5_000_000, maxFeePerGas: 2000n, maxPriorityFeePerGas: 100n, data: '0x6080604052' }));
    assert.equal(tx.to, null);
    assert.equal(bytesToHex(tx.input), '0x6080604052');
  });

  it('a plain transfer to a masked-ID address keeps the masked-ID recipient and empty input', async () => {
    const masked = bytesToHex(maskedIdEthAddress(1234));
    const tx = roundTrip(await sign({ type: 0, chainId: CHAIN, nonce: 0, to: masked, value: 1n, gasLimit: 1_000_000, gasPrice: 200n }));
    assert.equal(bytesToHex(tx.to!), masked);
    assert.equal(tx.input.length, 0);
  });

  it('signatures whose r or s start with zero bytes keep their minimal RLP form', async () => {
    let found = 0;
    for (let nonce = 0; found < 2 && nonce < 3000; nonce++) {
      const raw = await sign({ ...base, nonce, type: nonce % 2 ? 0 : 2, chainId: CHAIN, gasPrice: nonce % 2 ? 9n : undefined, maxFeePerGas: nonce % 2 ? undefined : 9n, maxPriorityFeePerGas: nonce % 2 ? undefined : 1n });
      const sig = Transaction.from(raw).signature!;
      if (BigInt(sig.r) >= 1n << 248n && BigInt(sig.s) >= 1n << 248n) continue;
      roundTrip(raw);
      found++;
    }
    assert.equal(found, 2);
  });

  it('any nonce, value, gas, fees and calldata give back the submitted hash (property)', async () => {
    const arbitraryTx = fc.record({
      legacy: fc.boolean(),
      nonce: fc.integer({ min: 0, max: 2 ** 40 }),
      value: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
      gasLimit: fc.integer({ min: 21_000, max: 10_000_000_000 }),
      fee: fc.bigInt({ min: 100n, max: 1n << 80n }),
      tip: fc.bigInt({ min: 0n, max: 100n }),
      data: fc.uint8Array({ maxLength: 80 }),
      create: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(arbitraryTx, async (t) => {
        const data = t.create && t.data.length === 0 ? '0x00' : bytesToHex(t.data);
        const common = { chainId: CHAIN, nonce: t.nonce, value: t.value, gasLimit: t.gasLimit, data, to: t.create ? null : TO };
        const fees = t.legacy ? { type: 0, gasPrice: t.fee } : { type: 2, maxFeePerGas: t.fee, maxPriorityFeePerGas: t.tip };
        roundTrip(await sign({ ...common, ...fees }));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses messages no Ethereum transaction produces, saying why', async () => {
    const { signed } = ethTransactionToSignedMessage(hexToBytes(await sign({ ...base, type: 2, chainId: CHAIN, maxFeePerGas: 2000n, maxPriorityFeePerGas: 1n })), CHAIN);
    const m = signed.message;
    const cases: [typeof signed, RegExp][] = [
      [{ ...signed, message: { ...m, method: 2 } }, /not method 2/],
      [{ ...signed, message: { ...m, params: encodeCbor([1, 2]) } }, /one CBOR byte string/],
      [{ ...signed, message: { ...m, params: Uint8Array.of(0xff, 0x00) } }, /not CBOR/],
      [{ ...signed, message: { ...m, from: Address.newId(1001) } }, /not an f410 address/],
      [{ ...signed, message: { ...m, to: Address.newSecp256k1(new Uint8Array(65).fill(4)) } }, /has no Ethereum address/],
      [{ ...signed, signature: { ...signed.signature, data: signed.signature.data.subarray(0, 64) } }, /64 bytes matches no Ethereum transaction type/],
    ];
    for (const [bad, reason] of cases) {
      assert.throws(() => ethTransactionFromMessage(bad, CHAIN, noLookup), (e: unknown) => e instanceof EthTranslationError && reason.test(e.message));
    }
  });
});
