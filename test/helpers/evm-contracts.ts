// Deploying and calling Solidity contracts on the test harness, as an Ethereum account would: deploy
// through the EAM (CreateExternal), call with InvokeContract and ABI calldata as a CBOR byte string.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Interface, type Result } from 'ethers';
import { decodeCbor, encodeCbor } from '../../src/ipld/index.ts';
import { Address, ExitCode, hexToBytes, type EthAddress } from '../../src/primitives/index.ts';
import type { ApplyResult } from '../../src/vm/index.ts';
import { ETH_A, f410, type Harness } from './fvm-harness.ts';
import { compileSolidity, type CompiledContract } from './solidity.ts';

export const INVOKE_CONTRACT = 3844450837;
const EAM = Address.newId(10);
const CREATE_EXTERNAL = 4;

export function compileFixture(file: string): Record<string, CompiledContract> {
  return compileSolidity({ [file]: readFileSync(join(import.meta.dirname, '..', 'fixtures', file), 'utf8') });
}

export interface Deployed {
  id: bigint;
  eth: EthAddress;
  iface: Interface;
}

export async function deployContract(h: Harness, contract: CompiledContract, options: { value?: bigint; from?: EthAddress } = {}): Promise<Deployed & { result: ApplyResult }> {
  const result = await h.apply({ from: f410(options.from ?? ETH_A), to: EAM, method: CREATE_EXTERNAL, params: encodeCbor(hexToBytes(contract.bytecode)), value: options.value ?? 0n, gasLimit: 5_000_000_000 });
  assert.equal(result.receipt.exitCode, ExitCode.OK, result.failure ?? `deploy failed with exit ${result.receipt.exitCode}`);
  const [id, , eth] = decodeCbor<[number, Uint8Array, Uint8Array]>(result.receipt.returnData);
  return { id: BigInt(id), eth, iface: new Interface(contract.abi as never), result };
}

export interface Called {
  result: ApplyResult;
  /** Decoded return values (when the call succeeded). */
  ret: Result | undefined;
  returnData: Uint8Array;
}

export async function callContract(h: Harness, target: Deployed, fn: string, args: unknown[] = [], options: { value?: bigint; from?: EthAddress } = {}): Promise<Called> {
  const calldata = hexToBytes(target.iface.encodeFunctionData(fn, args));
  const result = await h.apply({ from: f410(options.from ?? ETH_A), to: Address.newId(target.id), method: INVOKE_CONTRACT, params: encodeCbor(calldata), value: options.value ?? 0n, gasLimit: 5_000_000_000 });
  const returnData = result.receipt.returnData.length > 0 ? decodeCbor<Uint8Array>(result.receipt.returnData) : new Uint8Array(0);
  // A dead contract (or an account) answers nothing at all.
  const ret = result.receipt.exitCode === ExitCode.OK && (returnData.length > 0 || target.iface.getFunction(fn)!.outputs.length === 0) ? target.iface.decodeFunctionResult(fn, returnData) : undefined;
  return { result, ret, returnData };
}

/** Calls and insists on success; answers the decoded return values. */
export async function mustCall(h: Harness, target: Deployed, fn: string, args: unknown[] = [], options: { value?: bigint; from?: EthAddress } = {}): Promise<Result> {
  const c = await callContract(h, target, fn, args, options);
  assert.equal(c.result.receipt.exitCode, ExitCode.OK, `${fn}: ${c.result.failure ?? `exit ${c.result.receipt.exitCode}`}`);
  return c.ret!;
}
