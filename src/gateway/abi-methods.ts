// hardhat_addCompilationResult: Hardhat's way to tell a node what it compiled (params: solc version,
// solc standard-JSON input, standard-JSON output), so that the node names contracts, functions and
// custom errors in what it prints and in call errors (abi-registry.ts). Answers true, as Hardhat does.
// The output's ABIs, code and source maps are kept, and the input's sources, so that a revert can say
// its line.

import { AbiRegistry } from '../eth/abi-registry.ts';
import { artifactsFromCompilerOutput } from '../eth/contract-artifact.ts';
import { InvalidParamsError, any, method, type RpcMethod } from '../rpc/index.ts';

export function abiMethods(abis: AbiRegistry): RpcMethod[] {
  return [
    method('hardhat_addCompilationResult', [{ name: 'solcVersion', parse: any }, { name: 'compilerInput', parse: any }, { name: 'compilerOutput', parse: any }], ([, input, output]) => {
      const artifacts = artifactsFromCompilerOutput(output, input);
      if (artifacts.length === 0) throw new InvalidParamsError('compilerOutput holds no contracts (expected solc standard-JSON output: { contracts: { <source>: { <name>: { abi, evm } } } })');
      abis.add(artifacts);
      return true;
    }),
  ];
}
