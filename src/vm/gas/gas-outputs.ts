// The fee outcome of one message (FEVM-FACTS §8.3; FVM:fvm/src/gas/outputs.rs): base fee burn, miner tip,
// over-estimation burn, miner penalty and refund, all in attoFIL. Pure arithmetic; moving the funds is the
// executor's job.

export interface GasOutputs {
  baseFeeBurn: bigint;
  overEstimationBurn: bigint;
  minerPenalty: bigint;
  minerTip: bigint;
  refund: bigint;
  /** Gas units refunded and burned for over-estimation. */
  gasRefund: number;
  gasBurned: number;
}

const GAS_OVERUSE_NUM = 11n;
const GAS_OVERUSE_DENOM = 10n;

/** Over-estimation: of the unused gas, the part beyond 10% of the used gas is (partly) burned. */
export function computeGasOverestimationBurn(gasUsed: number, gasLimit: number): { refund: number; burned: number } {
  if (gasUsed === 0) return { refund: 0, burned: gasLimit };
  const used = BigInt(gasUsed);
  const limit = BigInt(gasLimit);
  let over = limit - (GAS_OVERUSE_NUM * used) / GAS_OVERUSE_DENOM;
  if (over < 0n) over = 0n;
  if (over > used) over = used;
  const remaining = limit > used ? limit - used : 0n;
  const burned = (remaining * over) / used;
  return { refund: Number(remaining - burned), burned: Number(burned) };
}

export function computeGasOutputs(gasUsed: number, gasLimit: number, baseFee: bigint, feeCap: bigint, premium: bigint): GasOutputs {
  const used = BigInt(gasUsed);
  let baseFeeToPay = baseFee;
  let minerPenalty = 0n;
  if (baseFee > feeCap) {
    baseFeeToPay = feeCap;
    minerPenalty = (baseFee - feeCap) * used;
  }
  const baseFeeBurn = baseFeeToPay * used;
  const tipPerGas = baseFeeToPay + premium > feeCap ? feeCap - baseFeeToPay : premium;
  const minerTip = tipPerGas * BigInt(gasLimit);
  const { refund: gasRefund, burned: gasBurned } = computeGasOverestimationBurn(gasUsed, gasLimit);
  let overEstimationBurn = 0n;
  if (gasBurned !== 0) {
    overEstimationBurn = baseFeeToPay * BigInt(gasBurned);
    minerPenalty += (baseFee - baseFeeToPay) * BigInt(gasBurned);
  }
  const refund = feeCap * BigInt(gasLimit) - baseFeeBurn - minerTip - overEstimationBurn;
  return { baseFeeBurn, overEstimationBurn, minerPenalty, minerTip, refund, gasRefund, gasBurned };
}
