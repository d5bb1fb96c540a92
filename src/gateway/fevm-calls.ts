// A traced message as the calls an Ethereum tool expects (FEVM-FACTS §10 trace_*, LOTUS:node/impl/eth/
// trace.go `buildTraces`): the recorded tree of sends and EVM frames (vm/tracing) read with FEVM's rules.
// A send of InvokeContract is a call with its calldata; EAM Create/Create2/CreateExternal (with the Init
// and constructor sends under it) and Init Exec are creates; any other send is a native call, its method
// and params ABI-encoded as handle_filecoin_method(uint64,uint64,bytes) and its answer as (uint32 exit,
// uint64 codec, bytes); sends that never reached an actor, or failed for want of funds, are left out;
// the EVM's private methods (1-1023) are implementation details. EVM frames of one run are the calls
// FEVM would have made as sends; FEVM's own answers inside the EVM (a native actor, an empty address)
// stand for the send under them, if any, and calls of precompiles are kept, marked, for the tools that
// show them (geth's callTracer) and not for those that do not (Lotus's trace_*).

import { EVM_METHOD_INVOKE_CONTRACT } from '../actors/evm/invoke-encoding.ts';
import { handleFilecoinMethodInput } from '../actors/evm/filecoin-method-abi.ts';
import { isReservedPrecompileAddress } from '../actors/evm/precompiles/fvm-precompile-io.ts';
import { EAM_METHOD_CREATE, EAM_METHOD_CREATE2, EAM_METHOD_CREATE_EXTERNAL, EVM_METHOD_RESURRECT, INIT_METHOD_EXEC, INIT_METHOD_EXEC4 } from '../actors/index.ts';
import { decodeCbor, type CID } from '../ipld/index.ts';
import { Address, EAM_ACTOR_ID, ExitCode, Protocol, maskedIdEthAddress } from '../primitives/index.ts';
import type { ActorState } from '../state/index.ts';
import { ActorType, CBOR, DAG_CBOR, IPLD_RAW, METHOD_CONSTRUCTOR, type IpldBlock, type TracedEvmCall, type TracedFrame, type TracedSend } from '../vm/index.ts';

export type EthCallType = 'call' | 'staticcall' | 'delegatecall' | 'create' | 'create2';

/** One call as the Ethereum view shows it. */
export interface EthCall {
  type: EthCallType;
  from: Uint8Array;
  /** The callee; for a create, the new contract (null when the create failed). */
  to: Uint8Array | null;
  gas: bigint;
  value: bigint;
  /** Calldata; for a create, the initcode. */
  input: Uint8Array;
  /** Return or revert data; for a create, the deployed code when known (else empty) or the revert data. */
  output: Uint8Array;
  exitCode: number;
  /** The callee is an EVM contract (or the EAM): its exit codes mean EVM failures. */
  evmCallee: boolean;
  /** The interpreter's words for an EVM frame's failure. */
  evmError: string | undefined;
  /** Filecoin gas used with everything under it (for the outermost call: the message's, inclusion included). */
  gasUsed: bigint;
  /** A precompile FEVM runs inside the EVM: not a send on FEVM. */
  precompile: boolean;
  /** The recorded frame this call comes from. */
  frame: TracedFrame;
  /** The recorded frame whose EVM steps are this call's (a create's constructor; else `frame`). */
  codeFrame: TracedFrame;
  calls: EthCall[];
}

export interface FevmCallOptions {
  /** The Ethereum address of the message's sender (f410 or masked id). */
  sender: Uint8Array;
  typeOf(code: CID): ActorType | undefined;
}

interface Env {
  caller: Uint8Array;
  /** The caller is an EVM contract. */
  evm: boolean;
}

const EMPTY = new Uint8Array(0);
const INIT_ACTOR_ID = 1n;

/** The message's outermost call and everything under it; null when nothing ran (the send never reached an actor). */
export function fevmCalls(root: TracedSend, options: FevmCallOptions): EthCall | null {
  const calls = new Builder(options).send(root, { caller: options.sender, evm: false }, true);
  return calls[0] ?? null;
}

class Builder {
  private readonly options: FevmCallOptions;

  constructor(options: FevmCallOptions) {
    this.options = options;
  }

  frame(frame: TracedFrame, env: Env): EthCall[] {
    return frame.kind === 'send' ? this.send(frame, env, false) : this.evm(frame, env);
  }

  children(frames: readonly TracedFrame[], env: Env): EthCall[] {
    return frames.flatMap((f) => this.frame(f, env));
  }

  send(send: TracedSend, env: Env, top: boolean): EthCall[] {
    // Ethereum records a call only after checking funds; Lotus leaves these out the same way.
    if (!top && (send.exitCode === ExitCode.SYS_INSUFFICIENT_FUNDS || send.exitCode === ExitCode.SYS_ASSERTION_FAILED)) return [];
    const invoked = send.invoked;
    if (!invoked) return [];
    const to = ethAddressOfActor(invoked.id, invoked.actor);
    const type = this.options.typeOf(invoked.actor.code);
    const evmCallee = type === ActorType.EVM || invoked.id === EAM_ACTOR_ID;
    const inner: Env = { caller: to, evm: type === ActorType.EVM };
    const call = (input: Uint8Array, output: Uint8Array): EthCall[] => [
      { ...this.base(send, env, to, input, output, evmCallee), type: send.readOnly ? 'staticcall' : 'call', calls: this.children(send.calls, inner) },
    ];
    if (send.method === EVM_METHOD_INVOKE_CONTRACT) {
      const input = decodePayload(send.params);
      const output = decodePayload(send.returnData);
      if (input && output) return call(input, output);
    } else if (isId(send.to, INIT_ACTOR_ID) && (send.method === INIT_METHOD_EXEC || send.method === INIT_METHOD_EXEC4)) {
      return this.nativeCreate(send, env, evmCallee);
    } else if (isId(send.to, EAM_ACTOR_ID) && [EAM_METHOD_CREATE, EAM_METHOD_CREATE2, EAM_METHOD_CREATE_EXTERNAL].includes(send.method)) {
      return this.eamCreate(send, env);
    } else if (env.evm && send.method > 0 && send.method < 1024) {
      return []; // the EVM's own business (GetBytecode and the like)
    }
    return call(nativeInput(send), nativeOutput(send));
  }

  /** Init.Exec/Exec4 called directly: a native actor is made; its "code" is the invalid byte 0xfe. */
  private nativeCreate(send: TracedSend, env: Env, evmCallee: boolean): EthCall[] {
    if (send.readOnly) return [];
    const constructor = send.calls.find((c): c is TracedSend => c.kind === 'send' && c.method === METHOD_CONSTRUCTOR);
    if (!constructor) return [];
    let to: Uint8Array | null = null;
    if (send.exitCode === ExitCode.OK && send.returnData) {
      const [idAddress] = decodeCbor<[Uint8Array, Uint8Array]>(send.returnData.data);
      to = maskedIdEthAddress(Address.fromBytes(idAddress).id);
    }
    const inner = this.constructorEnv(constructor, to);
    const output = send.exitCode === ExitCode.OK ? Uint8Array.of(0xfe) : EMPTY;
    return [{ ...this.base(send, env, to, Uint8Array.of(0xfe), output, evmCallee), type: 'create', codeFrame: constructor, calls: this.children(constructor.calls, inner) }];
  }

  /** An EVM create through the EAM; what the constructor (or Resurrect) did is its calls. */
  private eamCreate(send: TracedSend, env: Env): EthCall[] {
    if (send.readOnly) return [];
    const init = send.calls.find((c): c is TracedSend => c.kind === 'send' && isId(c.to, INIT_ACTOR_ID));
    const constructor =
      init?.calls.find((c): c is TracedSend => c.kind === 'send' && c.method === METHOD_CONSTRUCTOR) ??
      send.calls.find((c): c is TracedSend => c.kind === 'send' && c.method === EVM_METHOD_RESURRECT);
    if (!constructor) return [];
    const initcode = createInitcode(send) ?? EMPTY;
    let to: Uint8Array | null = null;
    if (send.exitCode === ExitCode.OK && send.returnData) to = decodeCbor<[unknown, unknown, Uint8Array]>(send.returnData.data)[2];
    const output = send.exitCode === ExitCode.EVM_REVERTED ? (decodePayload(constructor.returnData) ?? EMPTY) : EMPTY;
    const type = send.method === EAM_METHOD_CREATE2 ? 'create2' : 'create';
    return [{ ...this.base(send, env, to, initcode, output, true), type, codeFrame: constructor, calls: this.children(constructor.calls, this.constructorEnv(constructor, to)) }];
  }

  private constructorEnv(constructor: TracedSend, to: Uint8Array | null): Env {
    const invoked = constructor.invoked;
    const caller = to ?? (invoked ? ethAddressOfActor(invoked.id, invoked.actor) : EMPTY);
    return { caller, evm: !!invoked && this.options.typeOf(invoked.actor.code) === ActorType.EVM };
  }

  private base(send: TracedSend, env: Env, to: Uint8Array | null, input: Uint8Array, output: Uint8Array, evmCallee: boolean) {
    return {
      from: env.caller,
      to,
      gas: BigInt(send.gasLimit),
      value: send.value,
      input,
      output,
      exitCode: send.exitCode,
      evmCallee,
      evmError: undefined,
      gasUsed: BigInt(send.gasUsed),
      precompile: false,
      frame: send,
      codeFrame: send as TracedFrame,
    };
  }

  evm(frame: TracedEvmCall, env: Env): EthCall[] {
    const target = frame.type === 'DELEGATECALL' ? frame.codeAddress : frame.to;
    if (frame.intercepted) {
      // FEVM answered it inside the EVM: a precompile is a call of its own; a native actor is the send below.
      if (!target || !isReservedPrecompileAddress(target)) return this.children(frame.calls, env);
      return [{ ...this.evmBase(frame, env, target), precompile: true, calls: this.children(frame.calls, env) }];
    }
    if (frame.type === 'DELEGATECALL') {
      // FEVM only delegates to contracts with code; anything else returns at once, without a send.
      if (!frame.ranCode || !target) return [];
      return [{ ...this.evmBase(frame, env, target), calls: this.children(frame.calls, { caller: env.caller, evm: true }) }];
    }
    if (frame.type === 'CREATE' || frame.type === 'CREATE2') {
      const created = frame.exitCode === ExitCode.OK ? (frame.to ?? null) : null;
      const output = frame.exitCode === ExitCode.OK || frame.exitCode === ExitCode.EVM_REVERTED ? frame.output : EMPTY;
      return [{ ...this.evmBase(frame, env, created), output, calls: this.children(frame.calls, { caller: frame.to ?? EMPTY, evm: true }) }];
    }
    return [{ ...this.evmBase(frame, env, target ?? null), calls: this.children(frame.calls, { caller: target ?? EMPTY, evm: true }) }];
  }

  private evmBase(frame: TracedEvmCall, env: Env, to: Uint8Array | null): Omit<EthCall, 'calls'> {
    return {
      type: frame.type.toLowerCase() as EthCallType,
      from: env.caller,
      to,
      gas: frame.gas,
      value: frame.value,
      input: frame.input,
      output: frame.output,
      exitCode: frame.exitCode,
      evmCallee: true,
      evmError: frame.error,
      gasUsed: frame.gasUsed,
      precompile: false,
      frame,
      codeFrame: frame,
    };
  }
}

/** How an actor appears to Ethereum: its f410 subaddress, or its masked id. */
export function ethAddressOfActor(id: bigint, actor: ActorState): Uint8Array {
  const delegated = actor.delegatedAddress;
  if (delegated && delegated.protocol === Protocol.DELEGATED && delegated.namespace === EAM_ACTOR_ID && delegated.subaddress.length === 20) return delegated.subaddress;
  return maskedIdEthAddress(id);
}

function isId(address: Address, id: bigint): boolean {
  return address.protocol === Protocol.ID && address.id === id;
}

/** Calldata or return data carried by a block (Lotus `decodePayload`); undefined when it is not bytes. */
export function decodePayload(block: IpldBlock | null): Uint8Array | undefined {
  if (!block || block.codec === 0) return EMPTY;
  if (block.codec === IPLD_RAW) return block.data;
  if (block.codec !== CBOR && block.codec !== DAG_CBOR) return undefined;
  try {
    const decoded = decodeCbor(block.data);
    return decoded instanceof Uint8Array ? decoded : undefined;
  } catch {
    return undefined;
  }
}

function createInitcode(send: TracedSend): Uint8Array | undefined {
  if (send.method === EAM_METHOD_CREATE_EXTERNAL) return decodePayload(send.params);
  try {
    const params = send.params ? decodeCbor<unknown[]>(send.params.data) : undefined;
    return Array.isArray(params) && params[0] instanceof Uint8Array ? params[0] : undefined;
  } catch {
    return undefined;
  }
}

/** A native method's call as ABI calldata: handle_filecoin_method(method, codec, params). */
function nativeInput(send: TracedSend): Uint8Array {
  return handleFilecoinMethodInput(BigInt(send.method), BigInt(send.params?.codec ?? 0), send.params?.data ?? EMPTY);
}

/** A native method's answer as the ABI tuple (uint32 exit, uint64 codec, bytes data). */
function nativeOutput(send: TracedSend): Uint8Array {
  return handleFilecoinMethodInput(BigInt(send.exitCode), BigInt(send.returnData?.codec ?? 0), send.returnData?.data ?? EMPTY).subarray(4);
}

/** Every call of a tree, depth first, parents before children. */
export function* ethCalls(call: EthCall): Generator<EthCall> {
  yield call;
  for (const c of call.calls) yield* ethCalls(c);
}
