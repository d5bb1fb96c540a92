// Message receipts (FEVM-FACTS §2.6; FVM:shared/src/receipt.rs): `[exit_code, return_data, gas_used,
// events_root]`, events_root null when the message emitted no events.

import { CID } from '../ipld/index.ts';
import { FatalError } from '../primitives/index.ts';

export interface Receipt {
  exitCode: number;
  returnData: Uint8Array;
  gasUsed: number;
  eventsRoot: CID | null;
}

export function receiptToIpld(r: Receipt): unknown[] {
  return [r.exitCode, r.returnData, r.gasUsed, r.eventsRoot];
}

export function receiptFromIpld(raw: unknown): Receipt {
  if (!Array.isArray(raw) || raw.length !== 4 || !(raw[1] instanceof Uint8Array)) throw new FatalError('a receipt is [exit code, return data, gas used, events root]');
  const [exitCode, returnData, gasUsed, eventsRoot] = raw as [number, Uint8Array, number, unknown];
  return { exitCode: Number(exitCode), returnData, gasUsed: Number(gasUsed), eventsRoot: eventsRoot === null ? null : (CID.asCID(eventsRoot) ?? null) };
}
