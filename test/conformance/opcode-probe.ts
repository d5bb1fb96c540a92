// Test instrumentation: which opcodes the EVM actor's interpreter executed while a function ran, and
// which of them it refused as undefined instructions. FEVM refuses CALLCODE, BLOBHASH and BLOBBASEFEE as undefined instructions (exit 35,
// FEVM-FACTS §4.3); when that happens in a nested frame the receipt only shows the caller's reaction,
// so the conformance suite asks the interpreter. @ethereumjs/evm maps every undefined byte to its
// INVALID entry (0xfe) and reports each step with its frame depth and pc; the frame's code, kept per
// depth from `runInterpreter`, gives the byte that was really there. Nothing in src/ is changed: the
// probe wraps the EVM class the actor uses and listens only while `probeOpcodes` runs.

import { EVM } from '@ethereumjs/evm';

const INVALID = 0xfe;

interface FrameMessage {
  code?: unknown;
  depth?: number;
}

interface StepEvent {
  pc: number;
  depth: number;
  opcode: { code: number };
}

type RunInterpreter = (this: EVM, message: FrameMessage, opts?: unknown) => Promise<unknown>;

interface Seen {
  executed: Set<number>;
  undefinedOpcodes: number[];
}

let seen: Seen | undefined;
let installed = false;
/** Code of each frame depth, per EVM instance (one instance per EVM actor invocation). */
const frames = new WeakMap<EVM, Map<number, Uint8Array>>();

function install(): void {
  if (installed) return;
  installed = true;
  const proto = EVM.prototype as unknown as { runInterpreter: RunInterpreter };
  const original = proto.runInterpreter;
  proto.runInterpreter = function (message, opts) {
    if (seen) {
      let codes = frames.get(this);
      if (!codes) {
        const byDepth = (codes = new Map());
        frames.set(this, byDepth);
        this.events.on('step', (step: StepEvent) => {
          const byte = byDepth.get(step.depth)?.[step.pc];
          if (!seen || byte === undefined) return;
          seen.executed.add(byte);
          if (step.opcode.code === INVALID && byte !== INVALID) seen.undefinedOpcodes.push(byte);
        });
      }
      if (message.code instanceof Uint8Array) codes.set(message.depth ?? 0, message.code);
    }
    return original.call(this, message, opts);
  };
}

/**
 * Runs `fn`; answers every opcode byte the interpreter executed and, in order, those it treated as
 * undefined instructions.
 */
export async function probeOpcodes<T>(fn: () => Promise<T>): Promise<{ result: T } & Seen> {
  install();
  const current: Seen = { executed: new Set(), undefinedOpcodes: [] };
  seen = current;
  try {
    return { result: await fn(), ...current };
  } finally {
    seen = undefined;
  }
}
