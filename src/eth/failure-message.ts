// A failed transaction or call in words a person reads: what went wrong (the revert reason, Panic's
// meaning, a custom error with its arguments when an ABI knows it), where (the contract by name when
// it is known, and its address, or the deployment; and for a revert that bubbled up from a contract
// it called, that contract first; and the source line of the REVERT when a source map knows it), and
// the FEVM exit code by name (FEVM-FACTS §4.2).
// The same sentence is the JSON-RPC error of eth_call / eth_estimateGas and the node's log line, so
// what the terminal says and what the client reports can be compared. geth's "execution reverted"
// leads, so that clients that look for it still find it.

import { ExitCode, bytesToHex, exitCodeToString } from '../primitives/index.ts';
import type { AbiRegistry, KnownContract } from './abi-registry.ts';
import type { SourceLocation } from './source-map.ts';
import { decodeRevert } from './revert.ts';

export interface FailedExecution {
  exitCode: number;
  /** For exit 33: the revert data (the EVM's bytes, not CBOR). */
  revertData: Uint8Array;
  /** The VM's words for the failure (`ApplyResult.failure`). */
  failure: string | null;
  /** The contract called; null for a deployment. */
  to: Uint8Array | null;
  /** The contract called or deployed, when an ABI registry knows it. */
  contract?: KnownContract | undefined;
  /** For a revert that began in a contract the called one called, and bubbled up: that contract. */
  origin?: { address: Uint8Array; contract?: KnownContract | undefined } | undefined;
  /** The source line of the REVERT, in the contract it began in, when a source map told it. */
  location?: SourceLocation | undefined;
}

/**
 * @example
 * failureMessage({ exitCode: 33, revertData, failure: 'exit code 33', to, contract: vault }, abis)
 * // 'execution reverted: custom error InsufficientBalance(1, 5) (contract Vault at 0x5fbd…, exit code EVM_REVERTED(33))'
 */
export function failureMessage(f: FailedExecution, abis?: AbiRegistry): string {
  const where = whereText(f);
  const exit = `exit code ${exitCodeToString(f.exitCode)}`;
  if (f.exitCode === ExitCode.EVM_REVERTED) {
    const { message } = decodeRevert(f.revertData, abis && ((data) => abis.customError(data, f.origin?.contract ?? f.contract)));
    return `${message} (${where}, ${exit})`;
  }
  const detail = f.failure && f.failure !== `exit code ${f.exitCode}` ? `: ${f.failure}` : '';
  const what = f.exitCode === ExitCode.SYS_OUT_OF_GAS ? 'out of gas' : 'message execution failed';
  return `${what}${detail} (${where}, ${exit})`;
}

function whereText(f: FailedExecution): string {
  const line = f.location ? `, ${f.location.file}:${f.location.line}` : '';
  const called = f.to === null ? (f.contract ? `deploying ${f.contract.name}` : 'deploying a contract') : contractText(f.to, f.contract);
  if (!f.origin) return `${called}${line}`;
  return `in ${contractText(f.origin.address, f.origin.contract)}${line}, called ${f.to === null ? 'while' : 'from'} ${called}`;
}

function contractText(address: Uint8Array, contract: KnownContract | undefined): string {
  return contract ? `contract ${contract.name} at ${bytesToHex(address)}` : `contract ${bytesToHex(address)}`;
}
