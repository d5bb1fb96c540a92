// Gas accounting for one message (FVM:fvm/src/gas/mod.rs GasTracker): charges in milligas against a
// limit, nested limits for calls that pass a gas amount (pushLimit/popLimit), an optional trace of
// named charges. Running out sets used = limit and throws OutOfGasError; the call manager turns that
// into exit code SYS_OUT_OF_GAS.

import { FatalError, FevmError } from '../../primitives/index.ts';

/** Thrown inside execution when a charge exceeds the limit; never escapes the executor. */
export class OutOfGasError extends FevmError {
  override readonly name = 'OutOfGasError';
}

export interface GasCharge {
  name: string;
  /** Gas units (may be fractional: the FVM charges some items in milligas). */
  gas: number;
}

const MILLI = 1000;

export class GasTracker {
  /** Limit and used amount in milligas (integers, exact up to 9e15: far above 10 billion gas). */
  private limit: number;
  private used = 0;
  private readonly snapshots: { limit: number; used: number }[] = [];
  readonly trace: GasCharge[] | undefined;

  constructor(gasLimit: number, options: { trace?: boolean } = {}) {
    this.limit = Math.round(gasLimit * MILLI);
    this.trace = options.trace ? [] : undefined;
  }

  /** Charges `gas` units (fractions allowed down to milligas); throws OutOfGasError past the limit. */
  charge(name: string, gas: number): void {
    const milli = Math.ceil(gas * MILLI);
    this.trace?.push({ name, gas });
    if (this.used + milli > this.limit) {
      this.used = this.limit;
      throw new OutOfGasError(`out of gas (${name})`);
    }
    this.used += milli;
  }

  /** Gas units used, rounded up to whole gas as receipts report it. */
  get gasUsed(): number {
    return Math.ceil(this.used / MILLI);
  }

  get gasLimit(): number {
    return Math.floor(this.limit / MILLI);
  }

  /** Whole gas units still available in the current (innermost) limit. */
  get gasAvailable(): number {
    return Math.floor((this.limit - this.used) / MILLI);
  }

  /** Enters a call that may use at most `gas` units (capped by what is available). */
  pushLimit(gas: number): void {
    this.snapshots.push({ limit: this.limit, used: this.used });
    this.limit = Math.min(this.limit - this.used, Math.round(gas * MILLI));
    this.used = 0;
  }

  /** Leaves that call: what it used is added to the enclosing limit. */
  popLimit(): void {
    const snap = this.snapshots.pop();
    if (!snap) throw new FatalError('gas limit stack underflow');
    this.limit = snap.limit;
    this.used = snap.used + this.used;
  }
}
