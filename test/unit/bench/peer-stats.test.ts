// The peer benchmark's pure helpers (bench/peers/stats.ts, report.ts): percentiles, ratios, target
// verdicts and the table. No timings are measured or asserted here.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatFigure, formatRatio, meets, median, percentile, perSecond, ratio } from '../../../bench/peers/stats.ts';
import { METRICS, markdownTable, ratioChart, verdict, type Figures } from '../../../bench/peers/report.ts';
import type { PeerKind } from '../../../bench/peers/peer-process.ts';

describe('peer benchmark helpers', () => {
  it('percentile uses the nearest rank and ignores input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(values, 50), 5);
    assert.equal(percentile(values, 99), 10);
    assert.equal(percentile(values, 0), 1);
    assert.equal(percentile(values, 100), 10);
    assert.equal(median([3, 1, 2]), 2);
    assert.deepEqual(values, [5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 'the input is not sorted in place');
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('p99 of 300 samples is the third largest', () => {
    const values = Array.from({ length: 300 }, (_, i) => i + 1);
    assert.equal(percentile(values, 99), 297);
  });

  it('ratio is ours over theirs, NaN when a figure is missing or the divisor is 0', () => {
    assert.equal(ratio(3, 2), 1.5);
    assert.ok(Number.isNaN(ratio(undefined, 2)));
    assert.ok(Number.isNaN(ratio(1, 0)));
    assert.ok(Number.isNaN(ratio(1, Number.NaN)));
    assert.equal(perSecond(500, 250), 2000);
  });

  it('formats figures and ratios for the table', () => {
    assert.equal(formatFigure(12345.6), '12,346');
    assert.equal(formatFigure(2.345), '2.35');
    assert.equal(formatFigure(undefined), '–');
    assert.equal(formatRatio(0.704), '0.70×');
    assert.equal(formatRatio(Number.NaN), '–');
    assert.equal(meets(0.7, { op: '>=', bound: 0.7 }), true);
    assert.equal(meets(1.01, { op: '<=', bound: 1 }), false);
    assert.equal(meets(Number.NaN, { op: '<=', bound: 1 }), undefined);
  });

  it('judges targets against the right peer, all of them at once', () => {
    const figures: Record<PeerKind, Figures> = {
      'fevm-memory': { throughput: 800, coldStart: 900 },
      'fevm-lmdb': { throughput: 600, coldStart: 1200 },
      anvil: { throughput: 1000 },
      hardhat: { throughput: 500 },
    };
    const throughput = METRICS.find((m) => m.key === 'throughput')!;
    const cold = METRICS.find((m) => m.key === 'coldStart')!;
    assert.equal(verdict(throughput, figures, 'fevm-memory'), true, '0.8× anvil and 1.6× Hardhat');
    assert.equal(verdict(throughput, figures, 'fevm-lmdb'), false, '1.2× Hardhat is under 1.5×');
    assert.equal(verdict(cold, figures, 'fevm-memory'), true);
    assert.equal(verdict(cold, figures, 'fevm-lmdb'), false);
    const table = markdownTable(figures, ['fevm-memory', 'fevm-lmdb', 'anvil', 'hardhat']);
    assert.match(table, /\| 2\. Throughput, 16 senders \| tx\/s \| 800 \| 600 \| 1,000 \| 500 \| 0\.80× \| 1\.60× \| 0\.60× \| 1\.20× \|/);
    assert.match(ratioChart(figures, ['fevm-memory', 'fevm-lmdb', 'anvil', 'hardhat']), /^<svg [^>]+>[\s\S]*<\/svg>\n$/);
  });
});
