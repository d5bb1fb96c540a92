// The gas a CALL hands its callee on FEVM (FEVM-FACTS §4.5; BA:actors/evm/src/interpreter/instructions/
// call.rs, system.rs `call_gas_limit`): Solidity's `transfer`/`send` pass 2300 gas (or 0 with value),
// far too little for a Filecoin send, so those become 10,000,000; then at most 63/64 of what is left.

export const TRANSFER_GAS_LIMIT = 10_000_000n;

/** The gas a call asks for once FEVM's transfer rule applied (before the 63/64 cap). */
export function fevmCallGas(requested: bigint, value: bigint): bigint {
  if ((requested === 0n && value > 0n) || (requested === 2300n && value === 0n)) return TRANSFER_GAS_LIMIT;
  return requested;
}

export function callGasLimit(requested: bigint, value: bigint, gasAvailable: number): number {
  const gas = fevmCallGas(requested, value);
  const reserve = BigInt(Math.floor((63 * gasAvailable) / 64));
  return Number(gas < reserve ? gas : reserve);
}
