// `fevm-devnet verify [--data DIR]`: re-executes a data folder's chain from genesis (chain/replay.ts)
// and checks every tipset's state root and receipts against what was recorded; exit 0 when all match.
// Nothing is written. State edited in place by development methods (hardhat_setBalance, anvil_setCode
// and the like) is not reproduced by re-execution, so a chain that had such edits reports them.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createNode, DEFAULT_DATA_DIR } from '../chain/node.ts';
import { verifyChain } from '../chain/replay.ts';
import type { CommandOutput } from './address-command.ts';

const HELP = `usage: fevm-devnet verify [--data <dir>]
  --data <dir>   the data folder to check (default .fevm-devnet)
Re-executes every tipset from genesis and compares each state root and receipts root with the one
recorded; prints the heights that differ and exits 1 if any does. Nothing is written.`;

export async function verifyCommand(args: string[], io: CommandOutput): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    io.err(`fevm-devnet verify: ${(error as Error).message}\n${HELP}`);
    return 1;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const dataDir = resolve(values.data ?? DEFAULT_DATA_DIR);
  if (!existsSync(join(dataDir, 'data.mdb'))) {
    io.err(`fevm-devnet verify: no chain in ${dataDir} (expected the data folder of a devnet started with --data)`);
    return 1;
  }
  const node = createNode({ dataDir, mining: { kind: 'manual' } });
  try {
    const started = performance.now();
    const report = await verifyChain(node.chain);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (report.mismatches.length === 0) {
      io.out(`verified ${dataDir}: ${report.tipsets} tipsets and ${report.messages} messages re-executed from genesis to height ${report.head} in ${seconds} s; every state root and receipts root matches`);
      return 0;
    }
    for (const m of report.mismatches) io.err(`height ${m.height}: ${m.what} differ: recorded ${m.recorded}, re-executed ${m.replayed}`);
    io.err(
      `fevm-devnet verify: ${report.mismatches.length} mismatch(es) in ${report.tipsets} tipsets. Development methods that edit state in place (hardhat_set*, anvil_set*, hardhat_setPrevRandao) are not reproduced by re-execution; otherwise the folder is damaged.`,
    );
    return 1;
  } finally {
    await node.close();
  }
}
