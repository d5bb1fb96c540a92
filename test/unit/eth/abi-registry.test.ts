// The ABI registry: contracts recognised by their code as deployed (immutables filled in, libraries
// linked, the metadata hash of another build), deployments by their input, calls by function name,
// custom errors decoded with their arguments over every known ABI; Hardhat, Foundry and solc shapes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AbiCoder, Interface, getBytes } from 'ethers';
import { AbiRegistry } from '../../../src/eth/abi-registry.ts';
import { artifactFromJson, artifactsFromCompilerOutput } from '../../../src/eth/contract-artifact.ts';
import { metadataLength } from '../../../src/eth/code-template.ts';
import { hexToBytes } from '../../../src/primitives/index.ts';
import { compileStandardJson } from '../../helpers/solidity.ts';

const compiled = compileStandardJson({ 'Named.sol': readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'Named.sol'), 'utf8') });
const vault = compiled.output.contracts['Named.sol']!.Vault!;
const doubler = compiled.output.contracts['Named.sol']!.Doubler!;
const vaultAbi = new Interface(vault.abi as never);

function registry(): AbiRegistry {
  const abis = new AbiRegistry();
  assert.equal(abis.add(artifactsFromCompilerOutput(compiled.output)), 4);
  return abis;
}

/** Vault's runtime code as a deployment leaves it: immutables written, and another build's metadata hash. */
function deployedVault(): Uint8Array {
  const code = hexToBytes(vault.evm.deployedBytecode.object);
  for (const ranges of Object.values(vault.evm.deployedBytecode.immutableReferences as Record<string, { start: number; length: number }[]>)) {
    for (const { start, length } of ranges) code.fill(0x5a, start, start + length);
  }
  code[code.length - metadataLength(code) + 10]! ^= 0xff;
  return code;
}

describe('ABI registry', () => {
  it('recognises runtime code with immutables, linked libraries and another metadata hash', () => {
    const abis = registry();
    assert.equal(abis.contractForCode(deployedVault())?.name, 'Vault');
    assert.equal(abis.contractForCode(deployedVault())?.sourceName, 'Named.sol', 'and again, from its cache');
    const linked = doubler.evm.deployedBytecode.object.replace(/__.{36}__/g, 'ab'.repeat(20));
    assert.equal(abis.contractForCode(hexToBytes(linked))?.name, 'Doubler');
    const other = deployedVault();
    other[5]! ^= 0x01;
    assert.equal(abis.contractForCode(other), undefined, 'a byte outside immutables and metadata is another contract');
    assert.equal(abis.contractForCode(new Uint8Array(0)), undefined);
  });

  it('recognises a deployment by its input, constructor arguments after the code', () => {
    const abis = registry();
    const input = getBytes(`0x${vault.evm.bytecode.object}${AbiCoder.defaultAbiCoder().encode(['uint256'], [10n]).slice(2)}`);
    assert.equal(abis.contractForCreation(input)?.name, 'Vault');
    input[input.length - 32 - 20]! ^= 0xff; // inside the metadata hash
    assert.equal(abis.contractForCreation(input)?.name, 'Vault');
    assert.equal(abis.contractForCreation(new Uint8Array([0x60, 0x80])), undefined);
  });

  it('names calls and decodes custom errors with their arguments', () => {
    const abis = registry();
    const known = abis.contractForCode(deployedVault())!;
    assert.equal(abis.callName(known, getBytes(vaultAbi.encodeFunctionData('withdraw', [1n]))), 'Vault.withdraw');
    assert.equal(abis.callName(known, new Uint8Array([1, 2, 3, 4])), 'Vault');
    assert.equal(abis.customError(getBytes(vaultAbi.encodeErrorResult('InsufficientBalance', [1n, 5n]))), 'InsufficientBalance(1, 5)');
    assert.equal(abis.customError(getBytes(vaultAbi.encodeErrorResult('Refused', ['closed', [1n, 2n], [3n, 'rent']])), known), 'Refused("closed", [1, 2], (3, "rent"))');
    assert.equal(abis.customError(hexToBytes('0xdeadbeef')), undefined);
    const wrongArguments = getBytes(vaultAbi.encodeErrorResult('Refused', ['closed', [], [3n, 'rent']])).subarray(0, 40);
    assert.equal(abis.customError(wrongArguments), undefined);
  });

  it('replaces a contract compiled again, and an empty registry knows nothing', () => {
    const abis = registry();
    abis.add(artifactsFromCompilerOutput(compiled.output));
    assert.equal(abis.size, 4);
    assert.equal(new AbiRegistry().contractForCode(deployedVault()), undefined);
  });

  it('reads Hardhat and Foundry artifacts and skips other JSON', () => {
    const hardhat = artifactFromJson(
      {
        _format: 'hh3-artifact-1',
        contractName: 'Vault',
        sourceName: 'contracts/Vault.sol',
        abi: vault.abi,
        bytecode: `0x${vault.evm.bytecode.object}`,
        deployedBytecode: `0x${vault.evm.deployedBytecode.object}`,
        linkReferences: {},
        deployedLinkReferences: {},
        immutableReferences: vault.evm.deployedBytecode.immutableReferences,
      },
      'ignored',
    );
    const foundry = artifactFromJson(
      {
        abi: vault.abi,
        bytecode: { object: `0x${vault.evm.bytecode.object}`, linkReferences: {} },
        deployedBytecode: { object: `0x${vault.evm.deployedBytecode.object}`, linkReferences: {}, immutableReferences: vault.evm.deployedBytecode.immutableReferences },
        metadata: { settings: { compilationTarget: { 'src/Vault.sol': 'Vault' } } },
      },
      'Vault',
    );
    for (const artifact of [hardhat, foundry]) {
      assert.ok(artifact);
      const abis = new AbiRegistry();
      abis.add([artifact]);
      assert.equal(abis.contractForCode(deployedVault())?.name, 'Vault');
    }
    assert.equal(hardhat?.sourceName, 'contracts/Vault.sol');
    assert.equal(foundry?.sourceName, 'src/Vault.sol');
    assert.equal(artifactFromJson({ _format: 'hh3-sol-build-info-1', input: {} }, 'x'), undefined);
    assert.equal(artifactFromJson([1, 2], 'x'), undefined);
  });
});
