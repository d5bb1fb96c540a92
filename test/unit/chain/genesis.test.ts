// The devnet genesis from options: the development accounts funded at their f410 addresses, one f1
// account, a pinned state root for the defaults; an f1-signed native message moves FIL; the account
// actor authenticates messages signed by its key.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBuiltinRegistry } from '../../../src/actors/index.ts';
import { DEFAULT_ACCOUNT_BALANCE, createDevnetGenesis } from '../../../src/chain/genesis.ts';
import { MemoryBlockstore, chainMessageSize, encodeCbor } from '../../../src/ipld/index.ts';
import { ATTO_PER_FIL, ExitCode, blake2b256, frc42MethodNumber, type Message } from '../../../src/primitives/index.ts';
import { StateTree } from '../../../src/state/index.ts';
import { applyMessage, signMessageSecp256k1, signSecp256k1, verifyMessageSignature, type ExecutionContext } from '../../../src/vm/index.ts';

const context: ExecutionContext = {
  epoch: 1, timestamp: 1_700_000_000, baseFee: 100n, chainId: 31415926, networkVersion: 28, miner: 1000n,
  beaconRandomness: (tag, epoch, entropy) => blake2b256(Uint8Array.from([tag, epoch, ...entropy])),
  tipsetCid: () => undefined,
};

describe('devnet genesis', () => {
  it('funds ten development accounts and one f1 account; the default root is pinned', async () => {
    const store = new MemoryBlockstore();
    const g = createDevnetGenesis(store);
    const tree = StateTree.load(store, g.stateRoot);
    assert.equal(g.accountIds.length, 11);
    for (const account of g.accounts.eth) assert.equal(tree.getActor(account.f410)?.balance, DEFAULT_ACCOUNT_BALANCE);
    assert.equal(tree.getActor(g.accounts.filecoin.address)?.balance, DEFAULT_ACCOUNT_BALANCE);
    assert.equal(g.stateRoot.toString(), createDevnetGenesis(new MemoryBlockstore()).stateRoot.toString());
    assert.equal(g.stateRoot.toString(), 'bafy2bzacedbokovo6lhtl3vc62pzrahkhq5f46bhf5thwxuuz5fevfuopzmww');
  });

  it('count, balance, network name and chain id are options', async () => {
    const store = new MemoryBlockstore();
    const g = createDevnetGenesis(store, { accounts: 3, balance: 5n * ATTO_PER_FIL, networkName: 'other', chainId: 314 });
    assert.equal(g.accounts.eth.length, 3);
    assert.equal(g.chainId, 314);
    assert.equal(createDevnetGenesis(new MemoryBlockstore(), { accounts: 1 }).chainId, 31415926);
    assert.equal(StateTree.load(store, g.stateRoot).getActor(g.accounts.eth[2]!.f410)?.balance, 5n * ATTO_PER_FIL);
  });

  it('a native message signed by the f1 account verifies and moves FIL', async () => {
    const store = new MemoryBlockstore();
    const g = createDevnetGenesis(store);
    const tree = StateTree.load(store, g.stateRoot);
    const to = g.accounts.eth[1]!.f410;
    const message: Message = { version: 0, from: g.accounts.filecoin.address, to, sequence: 0n, value: ATTO_PER_FIL, gasLimit: 5_000_000, gasFeeCap: 1000n, gasPremium: 100n, method: 0, params: new Uint8Array(0) };
    const signed = signMessageSecp256k1(message, g.accounts.filecoin.privateKey);
    verifyMessageSignature(signed, g.accounts.filecoin.address, 31415926);
    const r = await applyMessage(tree, createBuiltinRegistry(), context, message, { size: chainMessageSize(signed) });
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    assert.equal(tree.getActor(to)?.balance, DEFAULT_ACCOUNT_BALANCE + ATTO_PER_FIL);
  });

  it('the account actor authenticates messages signed by its key, and refuses others', async () => {
    const store = new MemoryBlockstore();
    const g = createDevnetGenesis(store);
    const tree = StateTree.load(store, g.stateRoot);
    const from = g.accounts.eth[0]!.f410;
    const account = g.accounts.filecoin.address;
    const payload = new TextEncoder().encode('hello filecoin');
    const authenticate = (signature: Uint8Array, sequence: bigint) =>
      applyMessage(tree, createBuiltinRegistry(), context, {
        version: 0, from, to: account, sequence, value: 0n, gasLimit: 50_000_000, gasFeeCap: 1000n, gasPremium: 100n,
        method: frc42MethodNumber('AuthenticateMessage'), params: encodeCbor([signature, payload]),
      }, { size: 200 });
    const good = await authenticate(signSecp256k1(payload, g.accounts.filecoin.privateKey), 0n);
    assert.equal(good.receipt.exitCode, ExitCode.OK);
    assert.deepEqual(good.receipt.returnData, encodeCbor(true));
    const bad = await authenticate(signSecp256k1(payload, g.accounts.eth[0]!.privateKey), 1n);
    assert.equal(bad.receipt.exitCode, ExitCode.USR_ILLEGAL_ARGUMENT);
  });
});
