// What EXTCODESIZE, EXTCODEHASH and EXTCODECOPY see of each kind of address (FEVM-FACTS §4.4;
// BA:actors/evm/src/interpreter/instructions/ext.rs): contracts show their code; accounts, placeholders
// and precompiles look empty (hash of ""); a missing actor has hash 0; any other native actor (miner,
// multisig…) looks like the single byte 0xfe (hash keccak(0xfe)), so `code.length > 0` holds for it.

import { ActorType } from '../../vm/index.ts';
import { EMPTY_CODE_HASH, NATIVE_ACTOR_CODE_HASH } from './evm-state.ts';

export type ExtCodeTarget =
  | { kind: 'evm'; code: Uint8Array; codeHash: Uint8Array }
  | { kind: 'account' }
  | { kind: 'precompile' }
  | { kind: 'missing' }
  | { kind: 'native' };

const NATIVE_CODE = Uint8Array.of(0xfe);

/** The kind of a non-EVM target from its builtin type (undefined when no actor exists). */
export function extCodeKindOf(type: ActorType | undefined): 'account' | 'missing' | 'native' {
  if (type === undefined) return 'missing';
  return type === ActorType.Account || type === ActorType.EthAccount || type === ActorType.Placeholder ? 'account' : 'native';
}

export function extCodeSize(target: ExtCodeTarget): number {
  return target.kind === 'evm' ? target.code.length : target.kind === 'native' ? 1 : 0;
}

export function extCodeHash(target: ExtCodeTarget): Uint8Array {
  switch (target.kind) {
    case 'evm':
      return target.codeHash;
    case 'native':
      return NATIVE_ACTOR_CODE_HASH;
    case 'missing':
      return new Uint8Array(32);
    default:
      return EMPTY_CODE_HASH;
  }
}

export function extCode(target: ExtCodeTarget): Uint8Array {
  return target.kind === 'evm' ? target.code : target.kind === 'native' ? NATIVE_CODE : new Uint8Array(0);
}
