// A test actor for the call manager: recursion, events, read-only writes, f2 addresses, gas limits and
// nested sends, each selected by method number.

import { encodeCbor, identityCid, putCbor } from '../../src/ipld/index.ts';
import { Address, ExitCode } from '../../src/primitives/index.ts';
import { createActorState } from '../../src/state/index.ts';
import { ActorError, cborBlock, decodeParams, type ActorCode, type Runtime } from '../../src/vm/index.ts';
import { ETH_A, createHarness, f410, withTestActors } from './fvm-harness.ts';

export const PROBE_CODE = identityCid('fil/test/probe');
export const PROBE_ID = 5000n;
export const PROBE = Address.newId(PROBE_ID);

export const M_RECURSE = 2;
export const M_EMIT = 3;
export const M_STATIC_WRITE = 4;
export const M_WRITE = 5;
export const M_F2 = 6;
export const M_BURN_GAS = 7;
export const M_LIMITED = 8;
export const M_FORWARD = 9;

export const probe: ActorCode = {
  name: 'probe',
  type: 14,
  async invoke(rt: Runtime, method, params) {
    switch (method) {
      case M_RECURSE: {
        const depth = decodeParams<number>(params, 'recurse');
        const r = await rt.send(PROBE, M_RECURSE, cborBlock(depth + 1), 0n);
        if (!r.ok) return cborBlock(depth + 1);
        if (r.exitCode !== 0) throw new ActorError(r.exitCode, 'inner failed');
        return r.returnData;
      }
      case M_EMIT: {
        const abort = decodeParams<boolean>(params, 'emit');
        rt.emitEvent([{ flags: 3, key: 't1', codec: 0x55, value: new Uint8Array(32).fill(7) }]);
        if (abort) throw new ActorError(ExitCode.USR_ILLEGAL_STATE, 'abort after event');
        return null;
      }
      case M_STATIC_WRITE: {
        const r = await rt.send(PROBE, M_WRITE, null, 0n, { readOnly: true });
        return cborBlock(r.ok ? r.exitCode : -r.errno);
      }
      case M_WRITE:
        rt.setStateRoot(putCbor(rt.store, ['written']));
        return null;
      case M_F2:
        return cborBlock(rt.newActorAddress().bytes);
      case M_BURN_GAS:
        for (;;) rt.chargeGas('burn', 1_000_000);
      case M_LIMITED: {
        const r = await rt.send(PROBE, M_BURN_GAS, null, 0n, { gasLimit: 5_000_000 });
        return cborBlock([r.ok ? r.exitCode : -1, rt.gasAvailable > 0]);
      }
      case M_FORWARD: {
        const [to, value] = decodeParams<[Uint8Array, number]>(params, 'forward');
        const r = await rt.send(Address.fromBytes(to), 0, null, BigInt(value));
        return cborBlock(r.ok ? r.exitCode : -r.errno);
      }
      default:
        throw new ActorError(ExitCode.USR_UNHANDLED_MESSAGE, 'no such method');
    }
  },
};

export function harness() {
  const h = createHarness((r) => withTestActors(r, [{ code: PROBE_CODE, actor: probe }]));
  h.tree.setActor(PROBE_ID, { ...createActorState(PROBE_CODE), balance: 1000n });
  return h;
}

export async function call(h: ReturnType<typeof harness>, method: number, params: unknown, gasLimit = 10_000_000_000) {
  return await h.apply({ from: f410(ETH_A), to: PROBE, method, params: params === undefined ? new Uint8Array(0) : encodeCbor(params), gasLimit, gasFeeCap: 101n });
}

