// The gas a CALL hands its callee on FEVM (FEVM-FACTS §4.5; BA:actors/evm/src/interpreter/instructions/
// call.rs, system.rs `call_gas_limit`): Solidity's `transfer`/`send` pass 2300 gas (or 0 with value),
// far too little for a Filecoin send, so those become 10,000,000. The 63/64 cap that follows is
// @ethereumjs/evm's own (fevm-opcodes.ts rewrites the request before its CALL gas rule runs).

export const TRANSFER_GAS_LIMIT = 10_000_000n;

/** The gas a call asks for once FEVM's transfer rule applied (before the 63/64 cap). */
export function fevmCallGas(requested: bigint, value: bigint): bigint {
  if ((requested === 0n && value > 0n) || (requested === 2300n && value === 0n)) return TRANSFER_GAS_LIMIT;
  return requested;
}
