// `npm run bench -- <name>`: runs one benchmark from bench/<name>.ts and prints its figures.
// Benchmarks measure; no test asserts a timing.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(1);
}
const bench = (await import(join(here, `${name}.bench.ts`))) as { run(args: string[]): Promise<void> };
await bench.run(process.argv.slice(3));
