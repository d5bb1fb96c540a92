// Actor events (FIP-0049; FEVM-FACTS §4.6; FVM:shared/src/event/mod.rs): an event is a list of entries
// `[flags, key, codec, value]`; the VM stamps it with the emitter id and collects the events of one
// message, dropping those of calls that are reverted, and stores them as an AMT (bit width 5) whose root
// goes into the receipt.

import { Amt, type Blockstore, type CID } from '../ipld/index.ts';
import { ExitCode } from '../primitives/index.ts';
import { ActorError } from './errors.ts';

export const EVENT_FLAG_INDEXED_KEY = 0x01;
export const EVENT_FLAG_INDEXED_VALUE = 0x02;
export const EVENTS_AMT_BIT_WIDTH = 5;
export const MAX_EVENT_ENTRIES = 255;
export const MAX_EVENT_KEY_LEN = 31;
export const MAX_EVENT_VALUES_BYTES = 8192;

export interface EventEntry {
  flags: number;
  key: string;
  codec: number;
  value: Uint8Array;
}

export type ActorEvent = EventEntry[];

export interface StampedEvent {
  emitter: bigint;
  event: ActorEvent;
}

/** Checks the FVM's limits on an event; an actor exceeding them aborts (LimitExceeded → illegal argument). */
export function validateEvent(event: ActorEvent): void {
  if (event.length > MAX_EVENT_ENTRIES) throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, `event has ${event.length} entries, at most ${MAX_EVENT_ENTRIES}`);
  let total = 0;
  for (const entry of event) {
    if (Buffer.byteLength(entry.key) > MAX_EVENT_KEY_LEN) throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, `event key "${entry.key}" is longer than ${MAX_EVENT_KEY_LEN} bytes`);
    total += entry.value.length;
  }
  if (total > MAX_EVENT_VALUES_BYTES) throw new ActorError(ExitCode.USR_ILLEGAL_ARGUMENT, `event values total ${total} bytes, at most ${MAX_EVENT_VALUES_BYTES}`);
}

export function stampedEventToIpld(e: StampedEvent): unknown[] {
  return [e.emitter, e.event.map((entry) => [entry.flags, entry.key, entry.codec, entry.value])];
}

/** Events of one message, with transactions that mirror the state tree's. */
export class EventCollector {
  private readonly events: StampedEvent[] = [];
  private readonly marks: number[] = [];

  append(event: StampedEvent): void {
    this.events.push(event);
  }

  begin(): void {
    this.marks.push(this.events.length);
  }

  end(revert: boolean): void {
    const mark = this.marks.pop()!;
    if (revert) this.events.length = mark;
  }

  get all(): readonly StampedEvent[] {
    return this.events;
  }

  /** The events AMT root, or null when there are none (as the receipt records it). */
  flush(store: Blockstore): CID | null {
    if (this.events.length === 0) return null;
    return Amt.fromArray(store, this.events.map(stampedEventToIpld), { bitWidth: EVENTS_AMT_BIT_WIDTH }).flush();
  }
}
