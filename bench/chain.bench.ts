// Chain benchmark: tipsets sealed per second with 1, 10 and 100 ERC-20 transfers each, on an LMDB data
// folder as `npm start` uses, and the share of the seal spent outside executing the messages (state
// and receipts flush, header and TxMeta encoding, indexes, the LMDB commit). Target: at most 30% for
// 100-transfer tipsets. Options: --tipsets <per size> (default 30).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openChain } from '../src/chain/open-chain.ts';
import { LmdbKv } from '../src/chain/store/kv.ts';
import { deriveDevAccounts } from '../src/chain/dev-accounts.ts';
import { LmdbBlockstore, LmdbEnvironment, decodeCbor, encodeCbor } from '../src/ipld/index.ts';
import { Address, SignatureType, ethAddressToFilecoinAddress, type SignedMessage } from '../src/primitives/index.ts';
import { erc20Initcode, recipient, transferCalldata } from './erc20.ts';

const EAM = Address.newId(10);
const INVOKE_CONTRACT = 3844450837;

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

export async function run(args: string[]): Promise<void> {
  const tipsets = option(args, 'tipsets', 30);
  const dir = mkdtempSync(join(tmpdir(), 'fevm-bench-chain-'));
  const env = LmdbEnvironment.open(dir);
  try {
    const { chain } = openChain({ blocks: new LmdbBlockstore(env), kv: new LmdbKv(env), accounts: 1 });
    const from = ethAddressToFilecoinAddress(deriveDevAccounts({ count: 1 }).eth[0]!.ethAddress);
    let nonce = 0n;
    let time = chain.head().timestamp;
    const message = (to: Address, method: number, params: Uint8Array, gasLimit: number): SignedMessage => ({
      message: { version: 0, from, to, sequence: nonce++, value: 0n, gasLimit, gasFeeCap: 10_000_000_000n, gasPremium: 1_000n, method, params },
      signature: { type: SignatureType.DELEGATED, data: new Uint8Array(65) },
    });
    const deployed = await chain.seal([message(EAM, 4, encodeCbor(erc20Initcode(10n ** 30n)), 5_000_000_000)], { timestamp: ++time });
    const [id] = decodeCbor<[number]>(deployed.messages[0]!.result.receipt.returnData);
    const token = Address.newId(id);
    console.log(`\nchain bench: node ${process.version}, LMDB in ${dir}, ${tipsets} tipsets per size, ERC-20 transfers`);
    console.log(`${'transfers per tipset'.padEnd(22)} ${'tipsets/s'.padStart(10)} ${'transfers/s'.padStart(12)} ${'outside execution'.padStart(18)}`);
    for (const size of [1, 10, 100]) {
      let total = 0;
      let execution = 0;
      for (let t = 0; t < tipsets; t++) {
        const messages = Array.from({ length: size }, (_, i) => message(token, INVOKE_CONTRACT, encodeCbor(transferCalldata(recipient((t * size + i) % 1000), 1n)), 100_000_000));
        const head = await chain.seal(messages, { timestamp: ++time });
        if (head.messages.length !== size || head.messages.some((m) => m.result.receipt.exitCode !== 0)) throw new Error(`tipset ${head.record.height}: a transfer failed`);
        total += head.timings.total;
        execution += head.timings.execution;
      }
      const perSecond = (tipsets / total) * 1000;
      console.log(`${String(size).padEnd(22)} ${perSecond.toFixed(1).padStart(10)} ${(perSecond * size).toFixed(0).padStart(12)} ${`${((100 * (total - execution)) / total).toFixed(1)}%`.padStart(18)}`);
    }
  } finally {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
