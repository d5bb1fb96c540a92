// The short fuzz run that `npm test` makes (test/fuzz/fuzz.ts; `npm run fuzz` runs it for 60 s):
// random params for every method and random or mutated raw transactions over HTTP for 10 s, with no
// crash, 5xx, internal error or invalid JSON-RPC answer. A failure names the seed and path that replay it.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from '../fuzz/fuzz.ts';

it('10 s of fuzzed requests: every answer a valid JSON-RPC response, the node still serving', async () => {
  const report = await fuzz({ seconds: Number(process.env.FEVM_FUZZ_SECONDS ?? 10), log: () => {} });
  assert.ok(report.ok, report.failure);
  assert.ok(report.runs > 0);
});
