// The peer benchmark's output: the markdown table (each figure per node, the ratios of fevm-devnet to
// anvil and to Hardhat, the targets and whether they are met) and a hand-written SVG bar chart of the
// ratios. Pure functions of the figures; writing the files is the caller's.

import type { PeerKind } from './peer-process.ts';
import { formatFigure, formatRatio, meets, ratio } from './stats.ts';

export type Figures = Partial<Record<MetricKey, number>>;
export type MetricKey = 'latencyP50' | 'latencyP99' | 'throughput' | 'calls' | 'callsDistinct' | 'getLogs' | 'deploy' | 'coldStart' | 'rss' | 'rssAnon' | 'diskPerTransfer';

export interface Target {
  /** Compared with the ratio to a peer, or with the figure itself when `peer` is absent. */
  peer?: 'anvil' | 'hardhat';
  op: '<=' | '>=';
  bound: number;
}

export interface Metric {
  key: MetricKey;
  label: string;
  unit: string;
  /** Which way is better, for the chart's reader. */
  better: 'lower' | 'higher';
  targets: Target[];
}

export const METRICS: Metric[] = [
  { key: 'latencyP50', better: 'lower', label: '1. ERC-20 transfer, send → receipt, p50', unit: 'ms', targets: [{ peer: 'anvil', op: '<=', bound: 1 }] },
  { key: 'latencyP99', better: 'lower', label: '1. ERC-20 transfer, send → receipt, p99', unit: 'ms', targets: [] },
  { key: 'throughput', better: 'higher', label: '2. Throughput, 16 senders', unit: 'tx/s', targets: [{ peer: 'anvil', op: '>=', bound: 0.7 }, { peer: 'hardhat', op: '>=', bound: 1.5 }] },
  { key: 'calls', better: 'higher', label: '3. eth_call balanceOf, 8 clients', unit: 'calls/s', targets: [{ peer: 'anvil', op: '>=', bound: 1 }] },
  { key: 'callsDistinct', better: 'higher', label: '3. eth_call balanceOf of a new holder each call (no repeats)', unit: 'calls/s', targets: [] },
  { key: 'getLogs', better: 'lower', label: '4. eth_getLogs, one address+topic', unit: 'ms', targets: [{ peer: 'anvil', op: '<=', bound: 1 }] },
  { key: 'deploy', better: 'lower', label: '5. Deploy ~20 KB contract', unit: 'ms', targets: [{ peer: 'anvil', op: '<=', bound: 1.5 }] },
  { key: 'coldStart', better: 'lower', label: '6. Cold start to eth_chainId', unit: 'ms', targets: [{ op: '<=', bound: 1000 }] },
  { key: 'rss', better: 'lower', label: '7. Resident memory at the end (VmRSS)', unit: 'MB', targets: [{ op: '<=', bound: 500 }] },
  { key: 'rssAnon', better: 'lower', label: "7. of it the process's own (RssAnon: without mapped file pages)", unit: 'MB', targets: [{ op: '<=', bound: 500 }] },
  { key: 'diskPerTransfer', better: 'lower', label: '7. LMDB disk per transfer', unit: 'bytes', targets: [] },
];

export const OURS: PeerKind[] = ['fevm-memory', 'fevm-lmdb'];
export const NAMES: Record<PeerKind, string> = { 'fevm-memory': 'fevm (memory)', 'fevm-lmdb': 'fevm (LMDB)', anvil: 'anvil', hardhat: 'Hardhat' };
const SHORT: Record<PeerKind, string> = { 'fevm-memory': 'mem', 'fevm-lmdb': 'lmdb', anvil: 'anvil', hardhat: 'hardhat' };

function targetText(t: Target, unit: string): string {
  const op = t.op === '<=' ? '≤' : '≥';
  return t.peer ? `${op} ${t.bound}× ${t.peer}` : `${op} ${t.bound.toLocaleString('en')} ${unit}`;
}

/** Whether `ours` meets every target of `metric`; undefined when a figure is missing or it has none. */
export function verdict(metric: Metric, figures: Record<PeerKind, Figures>, ours: PeerKind): boolean | undefined {
  if (metric.targets.length === 0) return undefined;
  const results = metric.targets.map((t) => meets(t.peer ? ratio(figures[ours][metric.key], figures[t.peer][metric.key]) : (figures[ours][metric.key] ?? Number.NaN), t));
  if (results.some((r) => r === undefined)) return undefined;
  return results.every(Boolean);
}

const mark = (v: boolean | undefined) => (v === undefined ? '–' : v ? 'met' : '**not met**');

export function markdownTable(figures: Record<PeerKind, Figures>, nodes: PeerKind[]): string {
  const ours = OURS.filter((k) => nodes.includes(k));
  const peers = (['anvil', 'hardhat'] as const).filter((k) => nodes.includes(k));
  const ratioHeads = ours.flatMap((o) => peers.map((p) => `${SHORT[o]}/${SHORT[p]}`));
  const head = ['Figure', 'Unit', ...nodes.map((k) => NAMES[k]), ...ratioHeads, 'Target', ...ours.map((o) => `${SHORT[o]} meets`)];
  const rows = METRICS.map((m) => [
    m.label,
    m.unit,
    ...nodes.map((k) => formatFigure(figures[k][m.key])),
    ...ours.flatMap((o) => peers.map((p) => formatRatio(ratio(figures[o][m.key], figures[p][m.key])))),
    m.targets.map((t) => targetText(t, m.unit)).join(', ') || '–',
    ...ours.map((o) => mark(verdict(m, figures, o))),
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** A horizontal bar chart of ratio fevm/peer per figure, log scale, a line at 1×. */
export function ratioChart(figures: Record<PeerKind, Figures>, nodes: PeerKind[]): string {
  const ours = OURS.filter((k) => nodes.includes(k));
  const peers = (['anvil', 'hardhat'] as const).filter((k) => nodes.includes(k));
  const series = ours.flatMap((o) => peers.map((p) => ({ o, p, name: `${SHORT[o]}/${SHORT[p]}` })));
  const colors = ['#1f77b4', '#aec7e8', '#d62728', '#ff9896'];
  const metrics = METRICS.filter((m) => series.some((s) => Number.isFinite(ratio(figures[s.o][m.key], figures[s.p][m.key]))));
  const bar = 12;
  const group = series.length * bar + 14;
  const left = 270;
  const width = 820;
  const plot = width - left - 30;
  const top = 50;
  const height = top + metrics.length * group + 40;
  const min = 0.01;
  const max = 100;
  const x = (r: number) => left + (Math.log10(Math.min(max, Math.max(min, r))) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * plot;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="bold">fevm-devnet ÷ peer, per figure (log scale; 1× = the same)</text>`,
    `<text x="${left}" y="${height - 2}" font-size="10" fill="#555">↓ lower is better (time, memory) · ↑ higher is better (rates)</text>`,
  ];
  series.forEach((s, i) => out.push(`<rect x="${left + i * 130}" y="28" width="10" height="10" fill="${colors[i]}"/><text x="${left + i * 130 + 14}" y="37">${s.name}</text>`));
  for (const tick of [0.01, 0.1, 1, 10, 100]) {
    out.push(`<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${height - 30}" stroke="${tick === 1 ? '#000' : '#ddd'}"/>`);
    out.push(`<text x="${x(tick)}" y="${height - 14}" text-anchor="middle">${tick}×</text>`);
  }
  metrics.forEach((m, gi) => {
    const y0 = top + gi * group;
    out.push(`<text x="${left - 8}" y="${y0 + (series.length * bar) / 2 + 4}" text-anchor="end">${esc(m.label)} ${m.better === 'lower' ? '↓' : '↑'}</text>`);
    series.forEach((s, i) => {
      const r = ratio(figures[s.o][m.key], figures[s.p][m.key]);
      if (!Number.isFinite(r)) return;
      const a = x(1);
      const b = x(r);
      out.push(`<rect x="${Math.min(a, b).toFixed(1)}" y="${y0 + i * bar}" width="${Math.max(1, Math.abs(b - a)).toFixed(1)}" height="${bar - 2}" fill="${colors[i]}"><title>${s.name} ${r.toFixed(2)}×</title></rect>`);
      out.push(`<text x="${(Math.max(a, b) + 3).toFixed(1)}" y="${y0 + i * bar + 9}" font-size="9">${r.toFixed(2)}</text>`);
    });
  });
  out.push('</svg>', '');
  return out.join('\n');
}
