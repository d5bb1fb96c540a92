// The EVM gas schedule in Filecoin units (DESIGN.md "Gas"): Ethereum's schedule (@ethereumjs/evm
// `paramsEVM`, every opcode's base and dynamic cost) times one constant, so that GAS, gasleft() and the
// 63/64 rule all see Filecoin gas. There is no call stipend on FEVM (fevm-opcodes.ts gives a value transfer
// 10,000,000 gas instead). 256 is a power of two so the scaling is exact: memory expansion's
// quadratic term divides by `quadCoefficientDivGas` (512), which becomes 512 / 256 = 2.

import { paramsEVM } from '@ethereumjs/evm';
import type { EvmGasModel } from '../../vm/index.ts';

/** Filecoin gas per unit of Ethereum gas in the EVM interpreter. */
export const EVM_GAS_SCALE = 256;

type ParamsDict = typeof paramsEVM;

let scaled: ParamsDict | undefined;

/** The interpreter's gas parameters for a gas model (see ExecutionContext.evmGasModel). */
export function gasParams(model: EvmGasModel): ParamsDict {
  return model === 'ethereum' ? paramsEVM : filecoinGasParams();
}

/** `paramsEVM` with every gas cost scaled (computed once; treat as read-only). */
export function filecoinGasParams(): ParamsDict {
  if (scaled) return scaled;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [eip, params] of Object.entries(paramsEVM as Record<string, Record<string, unknown>>)) {
    out[eip] = {};
    for (const [name, value] of Object.entries(params)) {
      if (typeof value !== 'number' && typeof value !== 'bigint') out[eip][name] = value;
      else if (name === 'callStipendGas') out[eip][name] = 0;
      else if (name === 'quadCoefficientDivGas') out[eip][name] = Number(value) / EVM_GAS_SCALE;
      else if (name.endsWith('Gas')) out[eip][name] = typeof value === 'bigint' ? value * BigInt(EVM_GAS_SCALE) : value * EVM_GAS_SCALE;
      else out[eip][name] = value;
    }
  }
  return (scaled = out as ParamsDict);
}
