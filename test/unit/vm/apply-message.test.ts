// Applying messages to a genesis state as the FVM does: transfers, placeholders that become
// EthAccounts, pre-flight refusals with their exact exit codes, fees, and FIL conservation.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCodeCid } from '../../../src/actors/index.ts';
import { encodeSignedMessage } from '../../../src/ipld/index.ts';
import { ATTO_PER_FIL, Address, ExitCode, SignatureType } from '../../../src/primitives/index.ts';
import { ActorType, BURNT_FUNDS_ACTOR_ID, prices } from '../../../src/vm/index.ts';
import { ETH_A, ETH_B, F1_KEY, START_BALANCE, createHarness, f410 } from '../../helpers/fvm-harness.ts';

describe('applying messages', () => {
  it('moves FIL between EthAccounts, bumps the nonce and settles fees', async () => {
    const h = createHarness();
    const r = await h.apply({ from: f410(ETH_A), to: f410(ETH_B), value: ATTO_PER_FIL });
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    assert.equal(h.balance(f410(ETH_B)), START_BALANCE + ATTO_PER_FIL);
    const fees = r.gasOutputs!;
    assert.equal(h.balance(f410(ETH_A)), START_BALANCE - ATTO_PER_FIL - fees.baseFeeBurn - fees.overEstimationBurn - fees.minerTip);
    assert.equal(h.tree.getActor(f410(ETH_A))?.sequence, 1n);
    assert.equal(h.balance(BURNT_FUNDS_ACTOR_ID), fees.baseFeeBurn + fees.overEstimationBurn);
    assert.equal(h.balance(h.ids.miner), fees.minerTip);
    assert.equal(fees.minerTip, 100n * 10_000_000n);
  });

  it('charges a transfer exactly: inclusion (560,663 + 1,300 per byte), value transfer 6,000, receiver update 475,000', async () => {
    const h = createHarness();
    const message = { version: 0, from: f410(ETH_A), to: f410(ETH_B), value: 1n, sequence: 0n, gasLimit: 10_000_000, gasFeeCap: 1_000n, gasPremium: 100n, method: 0, params: new Uint8Array(0) };
    const size = encodeSignedMessage({ message, signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) } }).length;
    const r = await h.apply(message);
    assert.equal(prices.onChainMessage(0), 560_663);
    assert.equal(r.receipt.gasUsed, 560_663 + 1_300 * size + 6_000 + 475_000);
    const again = await h.apply({ from: f410(ETH_A), to: f410(ETH_B), value: 1n });
    assert.equal(again.receipt.gasUsed, r.receipt.gasUsed, 'the same transfer costs the same gas');
  });

  it('creating a Placeholder by a send costs the FVM figures: creation and address assignment 2.7M, lookup, update', async () => {
    const h = createHarness();
    const fresh = f410(new Uint8Array(20).fill(0x47));
    const message = { version: 0, from: f410(ETH_A), to: fresh, value: 1n, sequence: 0n, gasLimit: 10_000_000, gasFeeCap: 1_000n, gasPremium: 100n, method: 0, params: new Uint8Array(0) };
    const size = encodeSignedMessage({ message, signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) } }).length;
    const r = await h.apply(message);
    assert.equal(prices.onCreateActor(true), 650_000 + 1_000_000 + 1_050_000);
    assert.equal(r.receipt.gasUsed, prices.onChainMessage(size) + 2_700_000 + 500_000 + 475_000 + 6_000);
  });

  it('a transfer to a fresh 0x address creates a Placeholder that becomes an EthAccount when it sends', async () => {
    const h = createHarness();
    const fresh = f410(new Uint8Array(20).fill(0x42));
    await h.apply({ from: f410(ETH_A), to: fresh, value: 5n * ATTO_PER_FIL });
    const placeholder = h.tree.getActor(fresh)!;
    assert.ok(placeholder.code.equals(builtinCodeCid(ActorType.Placeholder)));
    assert.ok(placeholder.delegatedAddress?.equals(fresh));
    assert.equal(placeholder.balance, 5n * ATTO_PER_FIL);

    const r = await h.apply({ from: fresh, to: f410(ETH_B), value: ATTO_PER_FIL });
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    assert.ok(h.tree.getActor(fresh)!.code.equals(builtinCodeCid(ActorType.EthAccount)));
  });

  it('a placeholder sender becomes an EthAccount even when its message then fails', async () => {
    const h = createHarness();
    const fresh = f410(new Uint8Array(20).fill(0x43));
    await h.apply({ from: f410(ETH_A), to: fresh, value: ATTO_PER_FIL });
    const r = await h.apply({ from: fresh, to: Address.newId(999_999), value: 1n });
    assert.equal(r.receipt.exitCode, ExitCode.SYS_INVALID_RECEIVER);
    assert.ok(h.tree.getActor(fresh)!.code.equals(builtinCodeCid(ActorType.EthAccount)));
    assert.equal(h.tree.getActor(fresh)!.sequence, 1n);
  });

  it('refuses a wrong nonce and missing funds with SYS_SENDER_STATE_INVALID, changing nothing', async () => {
    const h = createHarness();
    const before = h.tree.getActor(f410(ETH_A));
    const wrongNonce = await h.apply({ from: f410(ETH_A), to: f410(ETH_B), sequence: 5n });
    assert.equal(wrongNonce.receipt.exitCode, ExitCode.SYS_SENDER_STATE_INVALID);
    assert.equal(wrongNonce.receipt.gasUsed, 0);
    const broke = await h.apply({ from: f410(ETH_A), to: f410(ETH_B), gasFeeCap: START_BALANCE });
    assert.equal(broke.receipt.exitCode, ExitCode.SYS_SENDER_STATE_INVALID);
    assert.deepEqual(h.tree.getActor(f410(ETH_A)), before);
  });

  it('refuses unknown and non-account senders with SYS_SENDER_INVALID', async () => {
    const h = createHarness();
    assert.equal((await h.apply({ from: f410(new Uint8Array(20).fill(9)), to: f410(ETH_B) })).receipt.exitCode, ExitCode.SYS_SENDER_INVALID);
    assert.equal((await h.apply({ from: Address.newId(h.ids.miner), to: f410(ETH_B) })).receipt.exitCode, ExitCode.SYS_SENDER_INVALID);
  });

  it('a gas limit below the inclusion cost fails with SYS_OUT_OF_GAS without executing', async () => {
    const h = createHarness();
    const r = await h.apply({ from: f410(ETH_A), to: f410(ETH_B), value: 1n, gasLimit: 500_000 });
    assert.equal(r.receipt.exitCode, ExitCode.SYS_OUT_OF_GAS);
    assert.equal(h.balance(f410(ETH_B)), START_BALANCE);
    assert.equal(h.tree.getActor(f410(ETH_A))?.sequence, 0n);
  });

  it('running out of gas during execution reverts the value but charges the gas', async () => {
    const h = createHarness();
    const fresh = f410(new Uint8Array(20).fill(0x44));
    const r = await h.apply({ from: f410(ETH_A), to: fresh, value: 1n, gasLimit: 1_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.SYS_OUT_OF_GAS);
    assert.equal(r.receipt.gasUsed, 1_000_000);
    assert.equal(h.tree.getActor(fresh), undefined);
    assert.equal(h.tree.getActor(f410(ETH_A))?.sequence, 1n);
  });

  it('sending more than the balance fails with SYS_INSUFFICIENT_FUNDS', async () => {
    const h = createHarness();
    const r = await h.apply({ from: f410(ETH_A), to: f410(ETH_B), value: START_BALANCE });
    assert.equal(r.receipt.exitCode, ExitCode.SYS_INSUFFICIENT_FUNDS);
    assert.equal(h.balance(f410(ETH_B)), START_BALANCE);
  });

  it('a send to an unknown f0 or to an unknown f4 of another namespace fails: the receiver does not exist', async () => {
    const h = createHarness();
    assert.equal((await h.apply({ from: f410(ETH_A), to: Address.newId(5555) })).receipt.exitCode, ExitCode.SYS_INVALID_RECEIVER);
    assert.equal((await h.apply({ from: f410(ETH_A), to: Address.newDelegated(32, new Uint8Array(20)) })).receipt.exitCode, ExitCode.SYS_INVALID_RECEIVER);
  });

  it('a send to an unknown f1 creates an Account actor holding its key address', async () => {
    const h = createHarness();
    const key = Address.newSecp256k1(Uint8Array.from([4, ...new Uint8Array(64).fill(9)]));
    const r = await h.apply({ from: F1_KEY, to: key, value: 3n });
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    const account = h.tree.getActor(key)!;
    assert.ok(account.code.equals(builtinCodeCid(ActorType.Account)));
    assert.equal(account.balance, 3n);
  });

  it('new actors get fresh ids from the init actor, after the genesis ones', async () => {
    const h = createHarness();
    const fresh = f410(new Uint8Array(20).fill(0x45));
    await h.apply({ from: f410(ETH_A), to: fresh, value: 1n });
    assert.equal(h.tree.lookupId(fresh), h.ids.zero + 1n);
  });

  it('conserves the total FIL supply across a mixed workload', async () => {
    const h = createHarness();
    const total = h.total();
    assert.equal(total, 2_000_000_000n * ATTO_PER_FIL);
    const fresh = f410(new Uint8Array(20).fill(0x46));
    await h.apply({ from: f410(ETH_A), to: f410(ETH_B), value: ATTO_PER_FIL });
    await h.apply({ from: f410(ETH_A), to: fresh, value: 7n * ATTO_PER_FIL });
    await h.apply({ from: fresh, to: f410(ETH_A), value: ATTO_PER_FIL, gasLimit: 1_000_000 });
    await h.apply({ from: fresh, to: f410(ETH_A), value: ATTO_PER_FIL });
    await h.apply({ from: f410(ETH_B), to: Address.newId(5555), value: 1n });
    await h.apply({ from: f410(ETH_B), to: f410(ETH_A), value: START_BALANCE * 2n });
    await h.apply({ from: F1_KEY, to: f410(ETH_A), value: 12345n, gasPremium: 5_000n, gasFeeCap: 2_000n });
    h.tree.flush();
    assert.equal(h.total(), total);
  });
});
