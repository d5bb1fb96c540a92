// The soak run's verdicts and table, pure functions of its samples: memory after warm-up grows at most
// 10%, the p99 latency of each kind of request stays flat (the last window's within 1.5× the first's,
// with 5 ms of slack for a noisy machine), and no request failed that the client did not cause.
// Memory is a garbage-collected heap's sawtooth (it climbs for minutes until a major collection gives
// pages back), so one window against another measures where each fell on the saw: growth is the peak
// of the second half of the windows after warm-up against the peak of the first half. It is judged
// twice: VmRSS, and the process's own anonymous memory, without the LMDB file's mapped pages, which
// grow with the chain's data on disk.

import { formatFigure, percentile } from '../peers/stats.ts';

export type RequestKind = 'send' | 'call' | 'getLogs';
export const KINDS: RequestKind[] = ['send', 'call', 'getLogs'];

export interface SoakWindow {
  /** Seconds since the start, at the window's end. */
  at: number;
  rssBytes: number;
  /** RssAnon + RssShmem: the heap and native memory, without mapped file pages. */
  anonBytes: number;
  latencies: Record<RequestKind, number[]>;
  errors: string[];
  /** WebSocket notifications received in the window. */
  notifications: number;
}

export interface SoakVerdict {
  memoryGrowth: number;
  memoryFlat: boolean;
  anonGrowth: number;
  anonFlat: boolean;
  p99First: Record<RequestKind, number>;
  p99Last: Record<RequestKind, number>;
  latencyFlat: boolean;
  errors: number;
}

const P99_GROWTH = 1.5;
const P99_SLACK_MS = 5;

export function soakVerdict(windows: SoakWindow[], warmUpSeconds: number): SoakVerdict {
  const steady = windows.filter((w) => w.at > warmUpSeconds);
  const first = steady[0] ?? windows[0]!;
  const last = steady.at(-1) ?? windows.at(-1)!;
  const p99 = (w: SoakWindow) => Object.fromEntries(KINDS.map((k) => [k, w.latencies[k].length ? percentile(w.latencies[k], 99) : 0])) as Record<RequestKind, number>;
  const p99First = p99(first);
  const p99Last = p99(last);
  const halves = [steady.slice(0, Math.ceil(steady.length / 2)), steady.slice(Math.ceil(steady.length / 2))];
  const [early, late] = halves[1]!.length > 0 ? halves : [[first], [last]];
  const growth = (of: (w: SoakWindow) => number) => Math.max(...late!.map(of)) / Math.max(...early!.map(of)) - 1;
  const memoryGrowth = growth((w) => w.rssBytes);
  const anonGrowth = growth((w) => w.anonBytes);
  return {
    memoryGrowth,
    memoryFlat: memoryGrowth <= 0.1,
    anonGrowth,
    anonFlat: anonGrowth <= 0.1,
    p99First,
    p99Last,
    latencyFlat: KINDS.every((k) => p99Last[k] <= p99First[k] * P99_GROWTH + P99_SLACK_MS),
    errors: windows.reduce((n, w) => n + w.errors.length, 0),
  };
}

export function soakMarkdown(windows: SoakWindow[], verdict: SoakVerdict, header: string): string {
  const rows = windows.map((w) => {
    const cells = KINDS.map((k) => `${w.latencies[k].length} / ${formatFigure(w.latencies[k].length ? percentile(w.latencies[k], 50) : undefined)} / ${formatFigure(w.latencies[k].length ? percentile(w.latencies[k], 99) : undefined)}`);
    return `| ${w.at.toFixed(0)} | ${(w.rssBytes / 2 ** 20).toFixed(0)} | ${(w.anonBytes / 2 ** 20).toFixed(0)} | ${cells.join(' | ')} | ${w.notifications} | ${w.errors.length} |`;
  });
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
  return [
    header,
    '',
    '| s | RSS MB | of it anonymous MB | sends: n / p50 / p99 ms | calls: n / p50 / p99 ms | getLogs: n / p50 / p99 ms | ws notifications | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `- Memory after warm-up (the peak of the second half of the windows against the first half's), VmRSS: ${(verdict.memoryGrowth * 100).toFixed(1)}% (target ≤ 10%): ${mark(verdict.memoryFlat)}`,
    `- The same for the process's own memory (RssAnon, without data.mdb's mapped pages): ${(verdict.anonGrowth * 100).toFixed(1)}% (target ≤ 10%): ${mark(verdict.anonFlat)}`,
    `- p99 first → last window: ${KINDS.map((k) => `${k} ${formatFigure(verdict.p99First[k])} → ${formatFigure(verdict.p99Last[k])} ms`).join(', ')} (flat: ≤ ${P99_GROWTH}× + ${P99_SLACK_MS} ms): ${mark(verdict.latencyFlat)}`,
    `- Errors the client did not cause: ${verdict.errors}: ${mark(verdict.errors === 0)}`,
    '',
  ].join('\n');
}
