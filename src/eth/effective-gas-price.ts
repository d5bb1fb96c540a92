// A receipt's effectiveGasPrice (FEVM-FACTS §7.4, §8.3; LOTUS:node/impl/eth/utils.go `newEthTxReceipt`):
// what the sender paid beyond the refund, per unit of gas used. The miner tip is charged on the gas
// limit and the over-estimation burn on unused gas, so this can exceed the fee cap's per-gas price.

/** (baseFeeBurn + minerTip + overEstimationBurn) / gasUsed, rounded down; 0 when no gas was used. */
export function effectiveGasPrice(gasOutputs: { baseFeeBurn: bigint; minerTip: bigint; overEstimationBurn: bigint }, gasUsed: number | bigint): bigint {
  const used = BigInt(gasUsed);
  if (used === 0n) return 0n;
  return (gasOutputs.baseFeeBurn + gasOutputs.minerTip + gasOutputs.overEstimationBurn) / used;
}
