// An EVM session: the state manager (and its storage overlay) shared by every EVM run of one outermost
// EVM actor invocation, including runs re-entered through native sends (call_actor), so that they all
// see the same pending storage. The overlay follows the state tree's transactions while the session
// is open and is written into the KAMTs when the outermost invocation returns. Transient storage
// (TSTORE) lives as long as the message, across sessions.

import type { EVM } from '@ethereumjs/evm';
import type { Runtime } from '../../vm/index.ts';
import { WorldStateManager } from './world-state-manager.ts';

interface MessageSlot {
  active: EvmSession | undefined;
  transient: EVM['transientStorage'] | undefined;
}

export class EvmSession {
  readonly sm: WorldStateManager;
  private readonly slot: MessageSlot;

  constructor(sm: WorldStateManager, slot: MessageSlot) {
    this.sm = sm;
    this.slot = slot;
  }

  /** Gives `evm` the message's transient storage (a fresh one for the message's first run). */
  shareTransientStorage(evm: EVM): void {
    type Transient = EVM['transientStorage'];
    this.slot.transient ??= new (evm.transientStorage.constructor as new () => Transient)();
    (evm as { transientStorage: Transient }).transientStorage = this.slot.transient;
  }
}

/** Runs `fn` in the message's open EVM session, or in a new one that is flushed when `fn` returns. */
export async function withEvmSession<T>(rt: Runtime, fn: (session: EvmSession) => Promise<T>): Promise<T> {
  const world = rt.evmWorld();
  const slot = world.messageLocal<MessageSlot>('evm.session', () => ({ active: undefined, transient: undefined }));
  if (slot.active) return fn(slot.active);
  const session = new EvmSession(new WorldStateManager(world, rt, { origin: rt.origin, nonce: rt.nonce }), slot);
  slot.active = session;
  const detach = world.attach(session.sm.overlay);
  try {
    const result = await fn(session);
    session.sm.flush();
    return result;
  } finally {
    detach();
    slot.active = undefined;
  }
}
