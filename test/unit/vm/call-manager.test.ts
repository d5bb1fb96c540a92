// The call manager through a test actor: call depth 1024, READ_ONLY sends, events kept only for calls
// that succeed, gas limits of sub-calls, the f2 address of created actors, FIL moved by nested sends.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { Amt, decodeCbor, encodeCbor } from '../../../src/ipld/index.ts';
import { receiptToIpld } from '../../../src/vm/index.ts';
import { Address, ExitCode, bytesToHex, blake2b160 } from '../../../src/primitives/index.ts';
import { ETH_A, f410 } from '../../helpers/fvm-harness.ts';
import { M_EMIT, M_F2, M_FORWARD, M_LIMITED, M_STATIC_WRITE, PROBE_ID, call, harness } from '../../helpers/probe-actor.ts';

/** Runs the 1024-deep recursion in a worker with a 64 MiB stack, as the node runs the VM. */
function deepestCall(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../helpers/deep-call-worker.ts', import.meta.url), { resourceLimits: { stackSizeMb: 64 } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('call manager', () => {
  it('stops at call depth 1024: the 1025th send is refused', async () => {
    // The probe answers the depth of the send that was refused: frames 1..1024 ran, the 1025th did not.
    assert.deepEqual(await deepestCall(), { exitCode: ExitCode.OK, depth: 1025 });
  });

  it('keeps the events of a call that succeeds and drops those of one that aborts', async () => {
    const h = harness();
    const ok = await call(h, M_EMIT, false);
    assert.equal(ok.events.length, 1);
    assert.equal(ok.events[0]!.emitter, PROBE_ID);
    assert.ok(ok.receipt.eventsRoot);
    // The receipt is [exit, return, gas, events root]; the root is an AMT of [emitter, [[flags, key, codec, value]]].
    const receipt = receiptToIpld(ok.receipt);
    assert.deepEqual(receipt.slice(0, 2), [0, new Uint8Array(0)]);
    const events = Amt.load(h.store, ok.receipt.eventsRoot!);
    assert.equal(events.bitWidth, 5);
    assert.deepEqual(events.get(0), [Number(PROBE_ID), [[3, 't1', 0x55, new Uint8Array(32).fill(7)]]]);
    const failed = await call(h, M_EMIT, true);
    assert.equal(failed.receipt.exitCode, ExitCode.USR_ILLEGAL_STATE);
    assert.equal(failed.events.length, 0);
    assert.equal(failed.receipt.eventsRoot, null);
  });

  it('a read-only send cannot change state: the callee exits USR_READ_ONLY', async () => {
    const h = harness();
    const r = await call(h, M_STATIC_WRITE, undefined);
    assert.equal(decodeCbor(r.receipt.returnData), ExitCode.USR_READ_ONLY);
  });

  it('a sub-call that exhausts its own gas limit fails with SYS_OUT_OF_GAS while the caller goes on', async () => {
    const h = harness();
    const r = await call(h, M_LIMITED, undefined);
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    assert.deepEqual(decodeCbor(r.receipt.returnData), [ExitCode.SYS_OUT_OF_GAS, true]);
  });

  it('derives f2 addresses from the origin address, its nonce and the actors created so far', async () => {
    const h = harness();
    const r = await call(h, M_F2, undefined);
    const origin = encodeCbor(f410(ETH_A).bytes);
    const expected = Uint8Array.from([...origin, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(bytesToHex(Address.fromBytes(decodeCbor(r.receipt.returnData) as Uint8Array).payload), bytesToHex(blake2b160(expected)));
  });

  it('nested sends move FIL; a send to an unknown f0 is refused with NotFound', async () => {
    const h = harness();
    const ok = await call(h, M_FORWARD, [f410(ETH_A).bytes, 400]);
    assert.equal(decodeCbor(ok.receipt.returnData), ExitCode.OK);
    assert.equal(h.balance(PROBE_ID), 600n);
    const missing = await call(h, M_FORWARD, [Address.newId(777_777).bytes, 1]);
    assert.equal(decodeCbor(missing.receipt.returnData), -6);
    const tooMuch = await call(h, M_FORWARD, [f410(ETH_A).bytes, 10_000]);
    assert.equal(decodeCbor(tooMuch.receipt.returnData), -5);
  });

  it('unknown methods of builtin actors are unhandled', async () => {
    const h = harness();
    const r = await h.apply({ from: f410(ETH_A), to: f410(ETH_A), method: 77 });
    assert.equal(r.receipt.exitCode, ExitCode.USR_UNHANDLED_MESSAGE);
  });
});
