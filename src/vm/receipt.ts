// Message receipts (FEVM-FACTS §2.6; FVM:shared/src/receipt.rs): `[exit_code, return_data, gas_used,
// events_root]`, events_root null when the message emitted no events.

import type { CID } from '../ipld/index.ts';

export interface Receipt {
  exitCode: number;
  returnData: Uint8Array;
  gasUsed: number;
  eventsRoot: CID | null;
}

export function receiptToIpld(r: Receipt): unknown[] {
  return [r.exitCode, r.returnData, r.gasUsed, r.eventsRoot];
}
