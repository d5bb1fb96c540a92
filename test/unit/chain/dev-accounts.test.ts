// Development accounts: the same addresses and keys Hardhat and anvil give for the test mnemonic.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MNEMONIC, deriveDevAccounts, deriveFromMnemonic } from '../../../src/chain/dev-accounts.ts';
import { Protocol, bytesToHex } from '../../../src/primitives/index.ts';

describe('development accounts', () => {
  it('index 0 and 1 of the test mnemonic are the well-known Hardhat/anvil accounts', () => {
    const { eth } = deriveDevAccounts({ count: 2 });
    assert.equal(eth[0]!.checksumAddress, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    assert.equal(bytesToHex(eth[0]!.privateKey), '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    assert.equal(eth[1]!.checksumAddress, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    assert.equal(eth[0]!.f410.toString('t').slice(0, 5), 't410f');
  });

  it('derives ten accounts by default, and one native f1 account', () => {
    const accounts = deriveDevAccounts();
    assert.equal(accounts.eth.length, 10);
    assert.equal(accounts.filecoin.address.protocol, Protocol.SECP256K1);
    assert.notEqual(bytesToHex(accounts.filecoin.privateKey), bytesToHex(accounts.eth[0]!.privateKey));
  });

  it('the default mnemonic\'s table holds what BIP-32 derives, and more accounts than it holds are derived', () => {
    const shown = (a: ReturnType<typeof deriveDevAccounts>) => ({
      eth: a.eth.map((e) => [e.index, bytesToHex(e.privateKey), e.checksumAddress, bytesToHex(e.ethAddress), e.f410.toString('f')]),
      filecoin: [bytesToHex(a.filecoin.privateKey), a.filecoin.address.toString('f')],
    });
    const derived = deriveFromMnemonic(DEFAULT_MNEMONIC, 21);
    assert.deepEqual(shown(deriveDevAccounts({ count: 20 })), shown({ ...derived, eth: derived.eth.slice(0, 20) }));
    assert.deepEqual(shown(deriveDevAccounts({ count: 21 })), shown(derived));
  });

  it('another mnemonic gives other accounts', () => {
    const other = deriveDevAccounts({ mnemonic: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', count: 1 });
    assert.equal(other.eth[0]!.checksumAddress, '0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
  });
});
