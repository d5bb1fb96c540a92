// FEVM's opcode set on @ethereumjs/evm (FEVM-FACTS §4.3, §4.5): CALLCODE, BLOBHASH and BLOBBASEFEE are
// undefined (exit 35; the chain configuration leaves out the blob EIPs, CALLCODE is removed here); the call family asks for FEVM's gas (a request of 2300 gas
// without value, or of 0 gas with value, becomes 10,000,000, the 63/64 rule still applying), and
// SELFDESTRUCT leaves a tombstone before it moves the balance; EXTCODEHASH answers per actor kind
// (ext-code.ts); a LOG whose event would exceed 8 KiB of values fails the frame. The original handlers come from
// @ethereumjs/evm's own tables so only these rules differ.

import { EVMError, getOpcodesForHF, type EVMOpts } from '@ethereumjs/evm';
import type { Common } from '@ethereumjs/common';
import { ActorError, MAX_EVENT_VALUES_BYTES, type EvmGasModel } from '../../vm/index.ts';
import { ExitCode, bytesToUint, uintToFixedBytes } from '../../primitives/index.ts';
import { EVENT_TOO_LARGE } from './evm-exit-codes.ts';
import { extCodeHash } from './ext-code.ts';
import { fevmCallGas } from './call-gas.ts';
import { gasParams } from './gas-schedule.ts';
import type { SwitchingStateManager } from './switching-state-manager.ts';

type CustomOpcode = NonNullable<EVMOpts['customOpcodes']>[number];
type OpcodeTables = ReturnType<typeof getOpcodesForHF>;
type RunState = Parameters<NonNullable<OpcodeTables['handlers']['get']> extends (k: number) => infer H ? Exclude<H, undefined> : never>[0];


const CALL = 0xf1;
const DELEGATECALL = 0xf4;
const STATICCALL = 0xfa;
const SELFDESTRUCT = 0xff;
const EXTCODEHASH = 0x3f;
const LOG0 = 0xa0;
const REMOVED = [0xf2, 0x49, 0x4a];

interface StackView {
  _store: bigint[];
  _len: number;
}

function rewriteCallGas(runState: RunState, hasValue: boolean): void {
  const stack = runState.stack as unknown as StackView;
  if (stack._len < 3) return;
  const top = stack._len - 1;
  const value = hasValue ? stack._store[top - 2]! : 0n;
  stack._store[top] = fevmCallGas(stack._store[top]!, value);
}

const cache = new Map<string, CustomOpcode[]>();

export function fevmOpcodes(common: Common, model: EvmGasModel): CustomOpcode[] {
  const key = `${common.chainId()}:${model}`;
  let ops = cache.get(key);
  if (ops) return ops;
  const scaled = common.copy();
  scaled.updateParams(gasParams(model));
  const tables = getOpcodesForHF(scaled);
  const original = (opcode: number) => {
    const info = tables.opcodes.get(opcode);
    const gas = tables.dynamicGasHandlers.get(opcode);
    const logic = tables.handlers.get(opcode);
    if (!info || !gas || !logic) throw new Error(`@ethereumjs/evm has no opcode 0x${opcode.toString(16)}`);
    return { info, gas, logic };
  };
  const callFamily = (opcode: number, hasValue: boolean): CustomOpcode => {
    const { info, gas, logic } = original(opcode);
    return {
      opcode,
      opcodeName: info.name,
      baseFee: info.fee,
      gasFunction:
        model === 'filecoin'
          ? async (runState, g, c) => {
              rewriteCallGas(runState, hasValue);
              return gas(runState, g, c);
            }
          : gas,
      logicFunction: logic,
    };
  };
  const selfdestruct = original(SELFDESTRUCT);
  const extcodehash = original(EXTCODEHASH);
  const logs = [0, 1, 2, 3, 4].map((topics): CustomOpcode => {
    const { info, gas, logic } = original(LOG0 + topics);
    return {
      opcode: LOG0 + topics,
      opcodeName: info.name,
      baseFee: info.fee,
      gasFunction: gas,
      logicFunction: async (runState, c) => {
        // Stack: offset, length, topics…; the event holds the topics and the data (FEVM-FACTS §4.6:
        // the data is at most 8192 − 32 × topics bytes).
        const length = runState.stack.peek(2)[1]!;
        if (BigInt(32 * topics) + length > BigInt(MAX_EVENT_VALUES_BYTES)) throw new EVMError(EVENT_TOO_LARGE as never);
        await logic(runState, c);
      },
    };
  });
  ops = [
    ...logs,
    {
      opcode: EXTCODEHASH,
      opcodeName: extcodehash.info.name,
      baseFee: extcodehash.info.fee,
      gasFunction: extcodehash.gas,
      logicFunction: async (runState) => {
        const address = runState.stack.pop();
        const sm = (runState.stateManager as unknown as SwitchingStateManager).target!;
        runState.stack.push(bytesToUint(extCodeHash(sm.extCodeTarget(uintToFixedBytes(address, 20)))));
      },
    },
    ...REMOVED.map((opcode) => ({ opcode })),
    callFamily(CALL, true),
    callFamily(DELEGATECALL, false),
    callFamily(STATICCALL, false),
    {
      opcode: SELFDESTRUCT,
      opcodeName: selfdestruct.info.name,
      baseFee: selfdestruct.info.fee,
      gasFunction: selfdestruct.gas,
      logicFunction: async (runState, c) => {
        const sm = (runState.stateManager as unknown as SwitchingStateManager).target!;
        const self = runState.interpreter.getAddress();
        sm.tombstone(self.bytes);
        // To itself: FEVM sends the balance to itself, so it stays (Ethereum would burn it).
        if (runState.stack.peek(1)[0] === bytesToUint(self.bytes)) throw new EVMError(EVMError.errorMessages.STOP);
        try {
          await selfdestruct.logic(runState, c);
        } catch (error) {
          if (error instanceof ActorError) throw new ActorError(ExitCode.EVM_SELFDESTRUCT_FAILED, `SELFDESTRUCT failed: ${error.message}`);
          throw error;
        }
      },
    },
  ];
  cache.set(key, ops);
  return ops;
}
