// The soak run's verdicts from synthetic windows: memory growth after warm-up against 10%, p99 flat
// or not, and errors counted. No timing is measured here.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { soakMarkdown, soakVerdict, type SoakWindow } from '../../../bench/soak/soak-report.ts';

const window = (at: number, rssMb: number, sendMs: number, errors: string[] = [], anonMb = rssMb / 2): SoakWindow => ({
  at,
  rssBytes: rssMb * 2 ** 20,
  anonBytes: anonMb * 2 ** 20,
  latencies: { send: [sendMs, sendMs / 2], call: [1, 2], getLogs: [5] },
  errors,
  notifications: 3,
});

describe('soak verdict', () => {
  it('measures memory growth after warm-up, not from the start', () => {
    const v = soakVerdict([window(30, 100, 10), window(60, 200, 10), window(90, 210, 10)], 40);
    assert.ok(Math.abs(v.memoryGrowth - 0.05) < 1e-9);
    assert.equal(v.memoryFlat, true);
    assert.equal(v.latencyFlat, true);
    assert.equal(v.errors, 0);
  });

  it("compares the peaks of the two halves, so a collection's drop in the last window does not hide growth", () => {
    const saw = [window(60, 300, 10), window(90, 400, 10), window(120, 300, 10), window(150, 500, 10), window(180, 300, 10)];
    const v = soakVerdict(saw, 30);
    assert.ok(Math.abs(v.memoryGrowth - 0.25) < 1e-9, `peak 400 then 500: ${v.memoryGrowth}`);
    assert.equal(v.memoryFlat, false);
    const flat = soakVerdict([window(60, 300, 10), window(90, 400, 10), window(120, 410, 10), window(150, 300, 10)], 30);
    assert.equal(flat.memoryFlat, true, 'a sawtooth that peaks at the same height is flat');
  });

  it('judges the anonymous memory apart from the mapped file pages, which grow with the data', () => {
    const v = soakVerdict([window(60, 200, 10, [], 100), window(90, 300, 10, [], 105)], 30);
    assert.equal(v.memoryFlat, false);
    assert.equal(v.anonFlat, true);
    const md = soakMarkdown([window(60, 200, 10, [], 100), window(90, 300, 10, [], 105)], v, '# Soak');
    assert.match(md, /the process's own memory \(RssAnon, without data\.mdb's mapped pages\): 5\.0% \(target ≤ 10%\): met/);
  });

  it('fails a p99 that grows past 1.5× plus slack, memory past 10%, and counts errors', () => {
    const v = soakVerdict([window(60, 200, 10), window(90, 230, 40, ['send: boom'])], 30);
    assert.equal(v.memoryFlat, false);
    assert.equal(v.latencyFlat, false);
    assert.equal(v.errors, 1);
    const md = soakMarkdown([window(60, 200, 10), window(90, 230, 40, ['send: boom'])], v, '# Soak');
    assert.match(md, /Memory after warm-up \(the peak of the second half.*VmRSS: 15\.0% \(target ≤ 10%\): \*\*not met\*\*/);
    assert.match(md, /Errors the client did not cause: 1/);
  });
});
