// A failure in words: the revert reason, Panic's meaning or the custom error with its arguments, the
// contract by name and address (or the deployment), and the FEVM exit code by name.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Interface, getBytes } from 'ethers';
import { AbiRegistry } from '../../../src/eth/abi-registry.ts';
import { failureMessage } from '../../../src/eth/failure-message.ts';
import { ExitCode, hexToBytes } from '../../../src/primitives/index.ts';

const abi = ['error InsufficientBalance(uint256 available, uint256 required)', 'function withdraw(uint256)'];
const abis = new AbiRegistry();
abis.add([{ contractName: 'Vault', abi }]);
const vault = { name: 'Vault', sourceName: undefined, abi: new Interface(abi) };
const iface = new Interface([...abi, 'error Error(string)', 'error Panic(uint256)']);
const to = hexToBytes(`0x${'5f'.repeat(20)}`);
const reverted = (data: string) => ({ exitCode: ExitCode.EVM_REVERTED, revertData: getBytes(data), failure: 'exit code 33', to });

describe('failureMessage', () => {
  it('names the custom error, the contract and the exit code', () => {
    const data = iface.encodeErrorResult('InsufficientBalance', [1n, 5n]);
    assert.equal(failureMessage({ ...reverted(data), contract: vault }, abis), `execution reverted: custom error InsufficientBalance(1, 5) (contract Vault at 0x${'5f'.repeat(20)}, exit code EVM_REVERTED(33))`);
    assert.equal(failureMessage(reverted(data)), `execution reverted: custom error 0xcf479181 (contract 0x${'5f'.repeat(20)}, exit code EVM_REVERTED(33))`, 'without ABIs: the selector');
  });

  it("says Error(string)'s reason and Panic's meaning", () => {
    assert.match(failureMessage(reverted(iface.encodeErrorResult('Error', ['too poor'])), abis), /^execution reverted: too poor \(contract 0x5f/);
    assert.match(failureMessage(reverted(iface.encodeErrorResult('Panic', [0x11n])), abis), /^execution reverted: panic: 0x11 \(arithmetic underflow or overflow\) \(/);
    assert.match(failureMessage(reverted('0x'), abis), /^execution reverted \(contract 0x5f.*, exit code EVM_REVERTED\(33\)\)$/);
  });

  it('names a deployment and other exit codes', () => {
    assert.equal(failureMessage({ ...reverted('0x'), to: null, contract: vault }, abis), 'execution reverted (deploying Vault, exit code EVM_REVERTED(33))');
    assert.equal(failureMessage({ ...reverted('0x'), to: null }), 'execution reverted (deploying a contract, exit code EVM_REVERTED(33))');
    assert.equal(
      failureMessage({ exitCode: ExitCode.EVM_INVALID_INSTRUCTION, revertData: new Uint8Array(0), failure: 'exit code 34', to, contract: vault }),
      `message execution failed (contract Vault at 0x${'5f'.repeat(20)}, exit code EVM_INVALID_INSTRUCTION(34))`,
    );
    assert.equal(
      failureMessage({ exitCode: ExitCode.SYS_OUT_OF_GAS, revertData: new Uint8Array(0), failure: 'out of gas in the EVM', to }),
      `out of gas: out of gas in the EVM (contract 0x${'5f'.repeat(20)}, exit code SYS_OUT_OF_GAS(7))`,
    );
  });
});
