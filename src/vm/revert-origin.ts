// Where the revert that a message answers began. Solidity bubbles an inner call's revert unchanged
// (`revert(add(data, 32), len)`), so the contract the message called is often not the one that said
// no: Teller.withdraw reverts with Vault's InsufficientBalance. Every call frame enters and exits here,
// the call manager's sends and the EVM's inner frames alike (one @ethereumjs/evm run holds a whole EVM
// call tree); as each exits, this keeps which actor first reverted with the bytes its callers then
// reverted with again. A caller that reverts with other bytes, or succeeds, starts over. Bookkeeping
// only, done on the revert path: no state, gas or result changes.

import { bytesEqual, type Address } from '../primitives/index.ts';

interface FrameExit {
  /** Nesting of the frame that exited (1 for the message's own invocation). */
  depth: number;
  /** The actor whose revert this is; undefined when the frame did not revert. */
  origin: Address | undefined;
  data: Uint8Array | undefined;
  /** Where in the origin's code the REVERT ran, when its frame said. */
  pc: number | undefined;
}

/** How a frame reverted: its revert data (the EVM's bytes), the actor whose code ran, and where in it. */
export interface FrameRevert {
  data: Uint8Array;
  actor: Address;
  pc?: number | undefined;
}

/** Where the message's revert began: the actor, and the REVERT's offset in its code when known. */
export interface RevertSite {
  actor: Address;
  pc: number | undefined;
}

export class RevertOrigin {
  private depth = 0;
  private last: FrameExit | undefined;
  /** A REVERT's offset told by the open frame at `depth` (an EVM actor's own run), for its exit. */
  private told: { depth: number; pc: number } | undefined;

  enter(): void {
    this.depth++;
  }

  /** The innermost open frame's code reverted at `pc` (for a frame whose exit cannot say it). */
  revertedAt(pc: number): void {
    this.told = { depth: this.depth, pc };
  }

  /**
   * The innermost open frame exited, reverting (`revert`) or not. Frames exit in stack order, so a
   * frame one deeper that exited before this one was its callee.
   */
  exit(revert: FrameRevert | undefined): void {
    const depth = this.depth--;
    const told = this.told?.depth === depth ? this.told.pc : undefined;
    if (this.told && this.told.depth >= depth) this.told = undefined;
    if (!revert) {
      this.last = { depth, origin: undefined, data: undefined, pc: undefined };
      return;
    }
    const inner = this.last;
    const bubbled = inner !== undefined && inner.depth === depth + 1 && inner.origin !== undefined && bytesEqual(inner.data!, revert.data);
    this.last = bubbled ? { ...inner, depth } : { depth, origin: revert.actor, data: revert.data, pc: revert.pc ?? told };
  }

  /** Where the revert the message's own invocation answered began (undefined when it did not revert). */
  get ofMessage(): RevertSite | undefined {
    const last = this.last;
    return last?.depth === 1 && last.origin ? { actor: last.origin, pc: last.pc } : undefined;
  }
}
