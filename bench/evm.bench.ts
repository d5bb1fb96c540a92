// EVM benchmark: ERC-20 `transfer` messages applied by our executor against the same transfers run on a
// bare @ethereumjs/evm (Cancun, its default in-memory state manager). Same bytecode, same calldata,
// same caller; only the applications (or runCalls) are timed, not deployment or message building.
//   ours          applyMessage per message: inclusion gas, nonce, fees, InvokeContract into the
//                 EVM actor, storage in the contract's KAMT, Transfer as an actor event
//   ours + blocks the same, flushing the state tree (HAMT and KAMT nodes into the store) every --block
//   bare          evm.runCall per transfer, then the journal cleanup a transaction ends with: no fees,
//                 no nonce, no state root. Its SimpleStateManager copies its whole storage map at each
//                 checkpoint, so with a new holder per transfer it slows down as storage grows;
//                 `--recipients 100` keeps storage small and shows the per-transfer cost alone.
// Options: --n <transfers> (default 10000), --recipients <k> (0 = a new holder each time, the default),
// --block <messages per flush> (default 100), --warmup <transfers on throwaway instances> (default 500).

import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createEVM } from '@ethereumjs/evm';
import { Address as EthjsAddress } from '@ethereumjs/util';
import { decodeCbor } from '../src/ipld/index.ts';
import { ExitCode, bytesToBigint } from '../src/primitives/index.ts';
import { erc20Initcode, recipient, transferCalldata } from './erc20.ts';
import { SENDER, createFevmChain } from './fevm-chain.ts';
import { measureAsync, printTable, rate, type Measurement } from './measure.ts';

const SUPPLY = 10n ** 30n;
const BALANCE_OF = Uint8Array.from([0x70, 0xa0, 0x82, 0x31]);

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

export async function run(args: string[]): Promise<void> {
  const n = option(args, 'n', 10_000);
  const recipients = option(args, 'recipients', 0);
  const block = option(args, 'block', 100);
  const warmup = option(args, 'warmup', 500);
  const initcode = erc20Initcode(SUPPLY);
  const calldata = Array.from({ length: n }, (_, i) => transferCalldata(recipient(recipients > 0 ? i % recipients : i), 1n));

  if (warmup > 0) {
    await runOurs(initcode, calldata.slice(0, warmup), 0);
    await runBare(initcode, calldata.slice(0, warmup));
  }
  const bare = await runBare(initcode, calldata);
  const ours = await runOurs(initcode, calldata, 0);
  const blocks = await runOurs(initcode, calldata, block);

  const who = recipients > 0 ? `${recipients} recipients` : 'a new holder each';
  printTable(`EVM bench: node ${process.version}, ${n} ERC-20 transfers (${who})`, [ours.m, blocks.m, bare.m]);
  if (ours.senderBalance !== bare.senderBalance || blocks.senderBalance !== bare.senderBalance) {
    throw new Error(`sender balances differ: ours ${ours.senderBalance}, with blocks ${blocks.senderBalance}, bare ${bare.senderBalance}`);
  }
  console.log(`ratio ours / bare: ${(rate(ours.m) / rate(bare.m)).toFixed(2)}; with a flush every ${block}: ${(rate(blocks.m) / rate(bare.m)).toFixed(2)}`);
  console.log(`gas per transfer: ours ${ours.gasPerTransfer.toLocaleString('en')} Filecoin gas, bare ${bare.gasPerTransfer.toLocaleString('en')} Ethereum gas (execution only)`);
}

interface Run {
  m: Measurement;
  senderBalance: bigint;
  gasPerTransfer: number;
}

async function runOurs(initcode: Uint8Array, calldata: Uint8Array[], flushEvery: number): Promise<Run> {
  const chain = createFevmChain();
  const { id } = await chain.deploy(initcode);
  const messages = calldata.map((data) => chain.invoke(id, data));
  let gas = 0;
  const name = flushEvery > 0 ? `ours: applyMessage, tree flush every ${flushEvery}` : 'ours: applyMessage';
  const m = await measureAsync(name, calldata.length, async () => {
    for (let i = 0; i < messages.length; i++) {
      const { receipt, failure } = await chain.apply(messages[i]!);
      if (receipt.exitCode !== ExitCode.OK) throw new Error(`transfer ${i} failed: ${failure}`);
      gas += receipt.gasUsed;
      if (flushEvery > 0 && (i + 1) % flushEvery === 0) chain.tree.flush();
    }
    if (flushEvery > 0) chain.tree.flush();
  });
  const query = await chain.apply(chain.invoke(id, balanceOfCalldata(SENDER)));
  const senderBalance = bytesToBigint(decodeCbor<Uint8Array>(query.receipt.returnData));
  return { m, senderBalance, gasPerTransfer: Math.round(gas / calldata.length) };
}

async function runBare(initcode: Uint8Array, calldata: Uint8Array[]): Promise<Run> {
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) });
  const caller = new EthjsAddress(SENDER);
  const deployed = await evm.runCall({ caller, data: initcode, gasLimit: 30_000_000n });
  const to = deployed.createdAddress;
  if (!to || deployed.execResult.exceptionError) throw new Error(`bare deploy failed: ${deployed.execResult.exceptionError?.error}`);
  let gas = 0n;
  const m = await measureAsync('bare @ethereumjs/evm: runCall', calldata.length, async () => {
    for (let i = 0; i < calldata.length; i++) {
      const result = await evm.runCall({ caller, to, data: calldata[i]!, gasLimit: 1_000_000n });
      if (result.execResult.exceptionError) throw new Error(`bare transfer ${i} failed: ${result.execResult.exceptionError.error}`);
      gas += result.execResult.executionGasUsed;
      // What @ethereumjs/vm's runTx does after each transaction: without it slots stay warm and keep
      // their first value as EIP-2200's "original", so later transfers would be charged too little.
      await evm.journal.cleanup();
      evm.stateManager.originalStorageCache.clear();
    }
  });
  const query = await evm.runCall({ caller, to, data: balanceOfCalldata(SENDER), gasLimit: 1_000_000n });
  return { m, senderBalance: bytesToBigint(query.execResult.returnValue), gasPerTransfer: Number(gas) / calldata.length };
}

function balanceOfCalldata(owner: Uint8Array): Uint8Array {
  const data = new Uint8Array(36);
  data.set(BALANCE_OF, 0);
  data.set(owner, 16);
  return data;
}
