// Timing helpers for benchmarks: wall-clock of one phase, printed as ops/s.

export interface Measurement {
  name: string;
  ops: number;
  ms: number;
}

export function measure(name: string, ops: number, fn: () => void): Measurement {
  const start = process.hrtime.bigint();
  fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { name, ops, ms };
}

export function printTable(title: string, rows: Measurement[]): void {
  console.log(`\n${title}`);
  console.log(`${'phase'.padEnd(52)} ${'ops'.padStart(8)} ${'ms'.padStart(9)} ${'ops/s'.padStart(11)}`);
  for (const r of rows) {
    const rate = Math.round((r.ops / r.ms) * 1000);
    console.log(`${r.name.padEnd(52)} ${String(r.ops).padStart(8)} ${r.ms.toFixed(1).padStart(9)} ${rate.toLocaleString('en').padStart(11)}`);
  }
}

export async function measureAsync(name: string, ops: number, fn: () => Promise<void>): Promise<Measurement> {
  const start = process.hrtime.bigint();
  await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { name, ops, ms };
}

export function rate(m: Measurement): number {
  return (m.ops / m.ms) * 1000;
}
