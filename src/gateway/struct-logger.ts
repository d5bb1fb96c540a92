// geth's default tracer, the struct (opcode) logger (go-ethereum eth/tracers/logger/logger.go, legacy
// JSON), over FEVM's EVM steps: one entry per opcode with pc, op, gas (left before it), gasCost (all it
// costs; for a CALL the gas it forwards too, as geth counts it), depth (1 for the outermost EVM frame;
// a contract reached through a native send counts the frames between), refund when not zero, the stack
// (bottom first, unless disableStack), memory as 32-byte words (only with enableMemory), the storage
// the contract touched so far on SLOAD/SSTORE (unless disableStorage), returnData (with
// enableReturnData), and the error on the step that failed. `limit` caps the number of entries. Gas is
// the EVM's as FEVM's interpreter counts it: Filecoin gas units (docs/tracing.md).

import { bytesToHex, uintToFixedBytes } from '../primitives/index.ts';
import type { TraceConfig } from '../rpc/index.ts';
import type { StepListener, TracedFrame } from '../vm/index.ts';

const SLOAD = 0x54;
const SSTORE = 0x55;
/** The calls whose cost geth counts with the gas they forward (not CREATE/CREATE2: theirs is taken as they run). */
const FORWARDING_CALLS = new Set([0xf1, 0xf2, 0xf4, 0xfa]);
const WORD = 32;

interface Entry {
  json: Record<string, unknown>;
  frame: TracedFrame;
}

export interface StructLogger {
  onStep: StepListener;
  /** The entries, each failing frame's error on its last step (`errorOf` words it; undefined: no error). */
  structLogs(errorOf: (frame: TracedFrame) => string | undefined): Record<string, unknown>[];
}

export function createStructLogger(config: TraceConfig): StructLogger {
  const entries: Entry[] = [];
  /** Storage each contract touched so far, as geth keeps it (address → slot → value). */
  const storage = new Map<string, Map<string, string>>();
  /** An SLOAD waits for the next step, whose stack top is the value it read. */
  let pendingLoad: { entry: Entry | undefined; slots: Map<string, string>; slot: string; depth: number } | undefined;
  /** A CALL waits for its frame to appear, whose gas is part of the CALL's cost in geth's logs. */
  let pendingCall: { entry: Entry; frame: TracedFrame; calls: number } | undefined;

  const slotsOf = (address: Uint8Array) => {
    const key = bytesToHex(address);
    let slots = storage.get(key);
    if (!slots) storage.set(key, (slots = new Map()));
    return slots;
  };

  const onStep: StepListener = (step, depth, frame) => {
    if (pendingLoad) {
      if (pendingLoad.depth === depth && step.stack.length > 0) {
        pendingLoad.slots.set(pendingLoad.slot, word(step.stack[step.stack.length - 1]!));
        if (pendingLoad.entry) pendingLoad.entry.json.storage = Object.fromEntries(pendingLoad.slots);
      }
      pendingLoad = undefined;
    }
    if (pendingCall) {
      const child = pendingCall.frame.calls[pendingCall.calls];
      if (child?.kind === 'evm') pendingCall.entry.json.gasCost = (pendingCall.entry.json.gasCost as number) + Number(child.gas);
      pendingCall = undefined;
    }
    const full = config.limit > 0 && entries.length >= config.limit;
    const op = step.opcode.code;
    let entry: Entry | undefined;
    if (!full) {
      const json: Record<string, unknown> = { pc: step.pc, op: step.opcode.name, gas: Number(step.gasLeft), gasCost: Number(step.opcode.dynamicFee ?? 0n), depth };
      if (!config.disableStack) json.stack = step.stack.map((v) => `0x${v.toString(16)}`);
      if (config.enableReturnData) {
        const returned = lastReturnData(frame);
        if (returned.length > 0) json.returnData = bytesToHex(returned);
      }
      if (config.enableMemory && step.memory.length > 0) json.memory = memoryWords(step.memory);
      if (step.gasRefund > 0n) json.refund = Number(step.gasRefund);
      entry = { json, frame };
      entries.push(entry);
      if (FORWARDING_CALLS.has(op)) pendingCall = { entry, frame, calls: frame.calls.length };
    }
    if (config.disableStorage || (op !== SLOAD && op !== SSTORE)) return;
    const stack = step.stack;
    const slots = slotsOf(step.address.bytes);
    if (op === SLOAD && stack.length >= 1) {
      pendingLoad = { entry, slots, slot: word(stack[stack.length - 1]!), depth };
    } else if (op === SSTORE && stack.length >= 2) {
      slots.set(word(stack[stack.length - 1]!), word(stack[stack.length - 2]!));
      if (entry) entry.json.storage = Object.fromEntries(slots);
    }
  };

  return {
    onStep,
    structLogs(errorOf) {
      const last = new Map<TracedFrame, Entry>();
      for (const entry of entries) last.set(entry.frame, entry);
      for (const [frame, entry] of last) {
        const error = errorOf(frame);
        if (error !== undefined) entry.json.error = error;
      }
      return entries.map((e) => orderedEntry(e.json));
    },
  };
}

/** geth's key order: pc, op, gas, gasCost, depth, error, stack, returnData, memory, storage, refund. */
function orderedEntry(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { pc: json.pc, op: json.op, gas: json.gas, gasCost: json.gasCost, depth: json.depth };
  for (const key of ['error', 'stack', 'returnData', 'memory', 'storage', 'refund']) if (json[key] !== undefined) out[key] = json[key];
  return out;
}

function word(value: bigint): string {
  return bytesToHex(uintToFixedBytes(value));
}

function memoryWords(memory: Uint8Array): string[] {
  const words: string[] = [];
  for (let i = 0; i < memory.length; i += WORD) {
    const chunk = new Uint8Array(WORD);
    chunk.set(memory.subarray(i, i + WORD));
    words.push(bytesToHex(chunk));
  }
  return words;
}

/** The return data buffer at a step: what the frame's latest call returned (a successful create: nothing). */
function lastReturnData(frame: TracedFrame): Uint8Array {
  const last = frame.calls[frame.calls.length - 1];
  if (!last || last.kind !== 'evm') return new Uint8Array(0);
  if ((last.type === 'CREATE' || last.type === 'CREATE2') && last.exitCode === 0) return new Uint8Array(0);
  return last.output;
}
