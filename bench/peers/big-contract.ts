// A generated Solidity contract of about 20 KB of runtime code for the deploy workload: many small
// external functions over a few storage slots, so the size comes from code, not from data.
// Compiled with solc-js (evmVersion cancun) through the test helper, which caches the output.

import { compileSolidity } from '../../test/helpers/solidity.ts';

/** Solidity source of a contract with `functions` distinct external functions. */
export function bigContractSource(functions: number): string {
  const lines = ['// SPDX-License-Identifier: MIT', 'pragma solidity ^0.8.20;', '', 'contract Big {', '    uint256[8] public slots;', '    event Touched(uint256 indexed which, uint256 value);', ''];
  for (let i = 0; i < functions; i++) {
    const a = i % 8;
    const b = (i * 3 + 1) % 8;
    lines.push(
      `    function f${i}(uint256 x, uint256 y) external returns (uint256 r) {`,
      `        r = (x * ${i + 7} + slots[${b}]) ^ (y >> ${(i % 17) + 1});`,
      `        if (r % ${i + 2} == ${i % 5}) r += ${i * 31 + 11}; else r -= r / ${i + 3};`,
      `        slots[${a}] = r;`,
      `        emit Touched(${i}, r);`,
      '    }',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** Initcode (0x…) and runtime size in bytes of the generated contract. */
export function bigContract(functions = 120): { initcode: string; runtimeBytes: number } {
  const { Big } = compileSolidity({ 'Big.sol': bigContractSource(functions) }, 'cancun');
  if (!Big) throw new Error('Big.sol did not compile to a contract named Big');
  return { initcode: Big.bytecode, runtimeBytes: (Big.deployedBytecode.length - 2) / 2 };
}
