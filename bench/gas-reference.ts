// The gas of reference transactions on fevm-devnet, for docs/gas.md: `node bench/gas-reference.ts`
// prints, for each, the Filecoin gas its receipt reports, what the same transaction costs on Ethereum
// (21,000 + calldata + the same bytecode run on a bare @ethereumjs/evm, Cancun), and where the Filecoin
// gas went, charge by charge. Same state as the EVM benchmark (bench/fevm-chain.ts).

import { fileURLToPath } from 'node:url';
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createEVM, type EVM } from '@ethereumjs/evm';
import { Address as EthjsAddress } from '@ethereumjs/util';
import { ATTO_PER_FIL, ExitCode, ethAddressToFilecoinAddress } from '../src/primitives/index.ts';
import { GasTracker, type ApplyResult } from '../src/vm/index.ts';
import { erc20Initcode, recipient, transferCalldata } from './erc20.ts';
import { OTHER, SENDER, createFevmChain, createdActorId, type PreparedMessage } from './fevm-chain.ts';

export interface ReferenceGas {
  name: string;
  gasUsed: number;
  gasLimit: number;
  /** Gas the same transaction uses on Ethereum (its receipt's gasUsed there). */
  ethereumGas: number;
  /** Filecoin gas by charge name, largest first. */
  charges: [string, number][];
}

const SUPPLY = 1_000_000n * 10n ** 18n;

/** Applies the reference transactions to a fresh devnet state and answers their gas. */
export async function measureReferenceGas(): Promise<ReferenceGas[]> {
  const chain = createFevmChain();
  const ethereum = await createEthereumReference();
  const rows: ReferenceGas[] = [];
  const record = async (name: string, prepared: PreparedMessage, ethereumGas: number): Promise<ApplyResult> => {
    const { result, charges } = await withCharges(() => chain.apply(prepared));
    if (result.receipt.exitCode !== ExitCode.OK) throw new Error(`${name} failed: ${result.failure}`);
    rows.push({ name, gasUsed: result.receipt.gasUsed, gasLimit: prepared.message.gasLimit, ethereumGas, charges });
    return result;
  };

  const send = (to: Uint8Array) => chain.prepare({ to: ethAddressToFilecoinAddress(to), method: 0, value: ATTO_PER_FIL });
  await record('FIL transfer between Ethereum accounts', send(OTHER), 21_000);
  await record('FIL transfer to a new Ethereum address', send(recipient(1_000_000)), 21_000);

  const initcode = erc20Initcode(SUPPLY);
  const deployed = await record('ERC-20 deploy', chain.deployment(initcode), await ethereum.deploy(initcode));
  const contract = createdActorId(deployed);
  const transfer = transferCalldata(recipient(1), 1n);
  await record('ERC-20 transfer to a new holder', chain.invoke(contract, transfer), await ethereum.call(transfer));
  await record('ERC-20 transfer to an existing holder', chain.invoke(contract, transfer), await ethereum.call(transfer));
  return rows;
}

/**
 * Runs `apply` while recording every gas charge by name. The executor's `traceGas` option records a
 * trace but `ApplyResult` does not hand it back, so the charges are observed on the tracker itself.
 */
async function withCharges(apply: () => Promise<ApplyResult>): Promise<{ result: ApplyResult; charges: [string, number][] }> {
  const totals = new Map<string, number>();
  const charge = GasTracker.prototype.charge;
  GasTracker.prototype.charge = function (this: GasTracker, name: string, gas: number) {
    totals.set(name, (totals.get(name) ?? 0) + gas);
    charge.call(this, name, gas);
  };
  try {
    const result = await apply();
    return { result, charges: [...totals].map(([name, gas]): [string, number] => [name, Math.ceil(gas)]).sort((a, b) => b[1] - a[1]) };
  } finally {
    GasTracker.prototype.charge = charge;
  }
}

/** The same transactions on Ethereum: intrinsic gas + execution on a bare EVM, ended as a transaction ends. */
async function createEthereumReference() {
  const evm: EVM = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) });
  const caller = new EthjsAddress(SENDER);
  let contract: EthjsAddress | undefined;
  const run = async (data: Uint8Array, to: EthjsAddress | undefined): Promise<number> => {
    const result = await evm.runCall({ caller, to, data, gasLimit: 30_000_000n });
    if (result.execResult.exceptionError) throw new Error(`Ethereum reference failed: ${result.execResult.exceptionError.error}`);
    await evm.journal.cleanup();
    evm.stateManager.originalStorageCache.clear();
    if (!to) contract = result.createdAddress;
    const used = intrinsicGas(data, to === undefined) + Number(result.execResult.executionGasUsed);
    return used - Math.min(Number(result.execResult.gasRefund ?? 0n), Math.floor(used / 5));
  };
  return {
    deploy: (initcode: Uint8Array) => run(initcode, undefined),
    call: (calldata: Uint8Array) => {
      if (!contract) throw new Error('deploy first');
      return run(calldata, contract);
    },
  };
}

/** Ethereum's intrinsic gas (Cancun): 21,000, calldata 4/16 per zero/non-zero byte, creation 32,000 + 2 per initcode word. */
function intrinsicGas(data: Uint8Array, create: boolean): number {
  let gas = 21_000;
  for (const byte of data) gas += byte === 0 ? 4 : 16;
  if (create) gas += 32_000 + 2 * Math.ceil(data.length / 32);
  return gas;
}

function printReferenceGas(rows: ReferenceGas[]): void {
  const n = (x: number) => x.toLocaleString('en');
  console.log(`\nreference gas: node ${process.version}\n`);
  console.log('| transaction | gas used (Filecoin) | gas used on Ethereum | ratio |');
  console.log('|---|--:|--:|--:|');
  for (const r of rows) console.log(`| ${r.name} | ${n(r.gasUsed)} | ${n(r.ethereumGas)} | ${n(Math.round(r.gasUsed / r.ethereumGas))} |`);
  for (const r of rows) {
    console.log(`\n${r.name}: ${n(r.gasUsed)}`);
    for (const [name, gas] of r.charges) console.log(`  ${name.padEnd(20)} ${n(gas).padStart(12)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printReferenceGas(await measureReferenceGas());
