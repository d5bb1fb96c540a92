// The trace builders over hand-made call trees: FEVM's rules (fevm-calls.ts: InvokeContract calls,
// EAM creates, native calls ABI-encoded, what is left out), Lotus's flat list (lotus-traces.ts:
// traceAddress, subtraces, own gas, precompiles omitted), Lotus's JSON and error words
// (eth/trace-json.ts), and geth's callTracer and struct logger shapes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBuiltinRegistry, EAM_METHOD_CREATE_EXTERNAL, INIT_METHOD_EXEC4 } from '../../../src/actors/index.ts';
import { EVM_METHOD_INVOKE_CONTRACT } from '../../../src/actors/evm/invoke-encoding.ts';
import { ethTraceBlockJson, ethTraceJson, ethTraceReplayJson, traceErrorMessage } from '../../../src/eth/index.ts';
import { encodeCbor } from '../../../src/ipld/index.ts';
import { Address, EAM_ACTOR_ID, ExitCode, bytesToHex, hexToBytes, maskedIdEthAddress } from '../../../src/primitives/index.ts';
import { createActorState } from '../../../src/state/index.ts';
import { ActorType, CBOR, METHOD_CONSTRUCTOR, type EvmCallType, type TracedEvmCall, type TracedFrame, type TracedSend } from '../../../src/vm/index.ts';
import { fevmCalls } from '../../../src/gateway/fevm-calls.ts';
import { flatTraces } from '../../../src/gateway/lotus-traces.ts';
import { callTracerJson, type CapturedLog } from '../../../src/gateway/geth-call-tracer.ts';
import { createStructLogger } from '../../../src/gateway/struct-logger.ts';
import { defaultTraceConfig } from '../../../src/rpc/index.ts';

const registry = createBuiltinRegistry();
const typeOf = (code: Parameters<typeof registry.typeOf>[0]) => registry.typeOf(code);
const eth = (byte: number) => new Uint8Array(20).fill(byte);
const SENDER = eth(0xaa);
const CONTRACT = eth(0xcc);
const OTHER = eth(0xdd);
const hex = bytesToHex;

function actorOf(type: ActorType, address?: Uint8Array) {
  return createActorState(registry.codeCid(type), address ? Address.newDelegated(EAM_ACTOR_ID, address) : null);
}

function send(fields: Partial<TracedSend> & Pick<TracedSend, 'to' | 'method'>): TracedSend {
  return { kind: 'send', from: 100n, params: null, value: 0n, gasLimit: 1_000_000, readOnly: false, invoked: undefined, exitCode: 0, returnData: null, gasUsed: 0, ranEvm: false, calls: [], ...fields };
}

function evmCall(type: EvmCallType, fields: Partial<TracedEvmCall>): TracedEvmCall {
  return {
    kind: 'evm', type, caller: CONTRACT, to: OTHER, codeAddress: OTHER, input: new Uint8Array(0), value: 0n, gas: 500_000n, isStatic: type === 'STATICCALL',
    output: new Uint8Array(0), gasUsed: 0n, exitCode: 0, error: undefined, intercepted: false, ranCode: true, calls: [], ...fields,
  };
}

/** A message from SENDER to CONTRACT (InvokeContract with CBOR calldata) whose EVM run made `calls`. */
function invoke(calls: TracedFrame[], fields: Partial<TracedSend> = {}): TracedSend {
  return send({
    to: Address.newDelegated(EAM_ACTOR_ID, CONTRACT), method: EVM_METHOD_INVOKE_CONTRACT, params: { codec: CBOR, data: encodeCbor(hexToBytes('0x12345678')) },
    returnData: { codec: CBOR, data: encodeCbor(hexToBytes('0x01')) }, invoked: { id: 1001n, actor: actorOf(ActorType.EVM, CONTRACT) }, ranEvm: true, gasUsed: 10_000, calls, ...fields,
  });
}

const build = (root: TracedSend) => fevmCalls(root, { sender: SENDER, typeOf });

describe('FEVM calls and Lotus traces', () => {
  it('an InvokeContract message is a call with its calldata; an inner EVM CALL is its subtrace; gasUsed is what each used itself', () => {
    const inner = evmCall('CALL', { input: hexToBytes('0xabcdef01'), output: hexToBytes('0x02'), gasUsed: 3_000n, value: 5n });
    const traces = flatTraces(build(invoke([inner])));
    assert.equal(traces.length, 2);
    const [top, child] = traces.map(ethTraceJson);
    assert.deepEqual(top, {
      type: 'call', subtraces: 1, traceAddress: [],
      action: { callType: 'call', from: hex(SENDER), to: hex(CONTRACT), gas: '0xf4240', value: '0x0', input: '0x12345678' },
      result: { gasUsed: '0x1b58', output: '0x01' },
    });
    assert.deepEqual(child, {
      type: 'call', subtraces: 0, traceAddress: [0],
      action: { callType: 'call', from: hex(CONTRACT), to: hex(OTHER), gas: '0x7a120', value: '0x5', input: '0xabcdef01' },
      result: { gasUsed: '0xbb8', output: '0x02' },
    });
  });

  it('a native method is a call of handle_filecoin_method(uint64,uint64,bytes); its answer the tuple (exit, codec, bytes)', () => {
    const market = send({ to: Address.newId(5n), method: 2 ** 24 + 7, params: { codec: CBOR, data: hexToBytes('0x8100') }, value: 9n, invoked: { id: 5n, actor: actorOf(ActorType.Market) }, exitCode: ExitCode.USR_UNHANDLED_MESSAGE });
    const viaPrecompile = evmCall('DELEGATECALL', { to: CONTRACT, codeAddress: hexToBytes('0xfe00000000000000000000000000000000000005'), intercepted: true, ranCode: false, calls: [market] });
    const traces = flatTraces(build(invoke([viaPrecompile]))).map(ethTraceJson);
    assert.equal(traces.length, 2, 'the precompile is no send: the send it made is the contract\'s subtrace');
    const native = traces[1] as { action: { input: string; from: string; to: string }; result: { output: string }; error: string; traceAddress: number[] };
    assert.deepEqual(native.traceAddress, [0]);
    assert.equal(native.action.from, hex(CONTRACT));
    assert.equal(native.action.to, hex(maskedIdEthAddress(5n)));
    const word = (n: number | bigint) => BigInt(n).toString(16).padStart(64, '0');
    assert.equal(native.action.input, `0x868e10c4${word(2 ** 24 + 7)}${word(CBOR)}${word(96)}${word(2)}8100${'0'.repeat(60)}`);
    assert.equal(native.result.output, `0x${word(22)}${word(0)}${word(96)}${word(0)}`);
    assert.equal(native.error, 'actor error: ErrUnhandledMessage(22)');
  });

  it('an EAM CreateExternal is a create: initcode, the new address, code 0xfe, and the constructor\'s calls below it', () => {
    const created = eth(0xee);
    const constructorCall = evmCall('CALL', { caller: created, to: OTHER, gasUsed: 100n });
    const constructor = send({ to: Address.newId(1002n), method: METHOD_CONSTRUCTOR, invoked: { id: 1002n, actor: actorOf(ActorType.EVM, created) }, ranEvm: true, gasUsed: 700, calls: [constructorCall] });
    const init = send({ to: Address.newId(1n), method: INIT_METHOD_EXEC4, invoked: { id: 1n, actor: actorOf(ActorType.Init) }, gasUsed: 800, calls: [constructor] });
    const initcode = hexToBytes('0x6080604052');
    const eam = send({
      to: Address.newId(EAM_ACTOR_ID), method: EAM_METHOD_CREATE_EXTERNAL, params: { codec: CBOR, data: encodeCbor(initcode) }, invoked: { id: EAM_ACTOR_ID, actor: actorOf(ActorType.EAM) },
      returnData: { codec: CBOR, data: encodeCbor([1002, new Uint8Array(21), created]) }, gasUsed: 1_000, calls: [init],
    });
    const traces = flatTraces(build(eam)).map(ethTraceJson);
    assert.deepEqual(traces[0], {
      type: 'create', subtraces: 1, traceAddress: [],
      action: { from: hex(SENDER), gas: '0xf4240', value: '0x0', init: '0x6080604052' },
      result: { address: hex(created), gasUsed: '0x384', code: '0xfe' },
    });
    assert.equal((traces[1] as { action: { from: string } }).action.from, hex(created), 'the constructor calls as the new contract');
  });

  it('a reverted create has no address and the revert data as its code; a failed call says why in Lotus\'s words', () => {
    const revert = hexToBytes('0x08c379a0');
    const create = evmCall('CREATE', { to: OTHER, exitCode: ExitCode.EVM_REVERTED, error: 'revert', output: revert });
    const oog = evmCall('CALL', { exitCode: ExitCode.SYS_OUT_OF_GAS, error: 'out of gas' });
    const traces = flatTraces(build(invoke([create, oog], { exitCode: ExitCode.EVM_REVERTED }))).map(ethTraceJson) as Record<string, any>[];
    assert.equal(traces[0]!.error, 'Reverted');
    assert.equal(traces[1]!.error, 'Reverted');
    assert.equal(traces[1]!.result.address, undefined);
    assert.equal(traces[1]!.result.code, '0x08c379a0');
    assert.equal(traces[2]!.error, 'out of gas');
    assert.deepEqual(traces.map((t) => t.traceAddress), [[], [0], [1]]);
  });

  it('leaves out what never was a send: a failed transfer, an unknown receiver, a DELEGATECALL to an account', () => {
    const poor = send({ to: Address.newId(7n), method: 0, exitCode: ExitCode.SYS_INSUFFICIENT_FUNDS, invoked: { id: 7n, actor: actorOf(ActorType.Account) } });
    const nowhere = send({ to: Address.newId(8n), method: 0, exitCode: ExitCode.SYS_INVALID_RECEIVER });
    const delegateToAccount = evmCall('DELEGATECALL', { ranCode: false });
    const precompileCall = evmCall('STATICCALL', { to: hexToBytes('0x0000000000000000000000000000000000000002'), intercepted: true, ranCode: false });
    const root = invoke([evmCall('CALL', { intercepted: true, calls: [poor, nowhere] }), delegateToAccount, precompileCall]);
    assert.equal(flatTraces(build(root)).length, 1);
    const call = build(root)!;
    assert.deepEqual(call.calls.map((c) => [c.type, c.precompile]), [['staticcall', true]], 'geth\'s view keeps the precompile call');
  });

  it('JSON: block fields as numbers, an error only when there is one, replay output from the first trace', () => {
    const traces = flatTraces(build(invoke([])));
    const at = { blockHash: new Uint8Array(32).fill(1), blockNumber: 7, transactionHash: new Uint8Array(32).fill(2), transactionPosition: 3 };
    const json = ethTraceBlockJson(traces[0]!, at);
    assert.equal(json.blockNumber, 7);
    assert.equal(json.transactionPosition, 3);
    assert.equal('error' in json, false);
    assert.deepEqual(Object.keys(json), ['type', 'subtraces', 'traceAddress', 'action', 'result', 'blockHash', 'blockNumber', 'transactionHash', 'transactionPosition']);
    const replay = ethTraceReplayJson(traces, at.transactionHash);
    assert.deepEqual(Object.keys(replay), ['output', 'stateDiff', 'trace', 'transactionHash', 'vmTrace']);
    assert.equal(replay.output, '0x01');
    assert.equal(replay.stateDiff, null);
  });

  it("Lotus's error words", () => {
    assert.equal(traceErrorMessage(0, true), undefined);
    assert.equal(traceErrorMessage(7, false), 'out of gas');
    assert.equal(traceErrorMessage(6, false), 'vm error: SysErrInsufficientFunds(6)');
    assert.equal(traceErrorMessage(33, true), 'Reverted');
    assert.equal(traceErrorMessage(39, true), 'invalid jump destination');
    assert.equal(traceErrorMessage(33, false), 'actor error: 33');
    assert.equal(traceErrorMessage(18, true), 'actor error: ErrForbidden(18)');
  });
});

describe("geth's callTracer", () => {
  const tree = () => build(invoke([evmCall('STATICCALL', { to: OTHER, output: hexToBytes('0x05'), gasUsed: 50n }), evmCall('CREATE', { to: eth(0xef), exitCode: ExitCode.EVM_REVERTED, error: 'revert', output: revertWith('no') })]))!;

  it('nests frames in geth\'s order and words: gas of the transaction, no value on STATICCALL, no `to` on a failed create', () => {
    const json = callTracerJson({ root: tree(), gasLimit: 2_000_000n, gasUsed: 12_345n, config: { onlyTopCall: false, withLog: false } }) as Record<string, any>;
    assert.deepEqual(Object.keys(json), ['from', 'gas', 'gasUsed', 'to', 'input', 'output', 'calls', 'value', 'type']);
    assert.equal(json.gas, '0x1e8480');
    assert.equal(json.gasUsed, '0x3039');
    assert.equal(json.type, 'CALL');
    const [view, create] = json.calls;
    assert.equal(view.type, 'STATICCALL');
    assert.equal(view.value, undefined);
    assert.equal(create.type, 'CREATE');
    assert.equal(create.to, undefined);
    assert.equal(create.error, 'execution reverted');
    assert.equal(create.revertReason, 'no');
    assert.equal(create.output, bytesToHex(revertWith('no')));
  });

  it('onlyTopCall leaves the calls out; withLog puts each log in its frame with its place among the calls', () => {
    const root = tree();
    assert.equal(callTracerJson({ root, gasLimit: 1n, gasUsed: 1n, config: { onlyTopCall: true, withLog: false } }).calls, undefined);
    const log = (frame: TracedFrame, rawPosition: number): CapturedLog => ({ frame, rawPosition, address: CONTRACT, topics: [new Uint8Array(32).fill(3)], data: hexToBytes('0x99') });
    const json = callTracerJson({ root, gasLimit: 1n, gasUsed: 1n, config: { onlyTopCall: false, withLog: true }, logs: [log(root.frame, 0), log(root.frame, 1)], firstLogIndex: 4 }) as Record<string, any>;
    assert.deepEqual(json.logs.map((l: any) => [l.index, l.position]), [['0x4', '0x0'], ['0x5', '0x1']]);
    assert.equal(json.logs[0].topics[0], `0x${'03'.repeat(32)}`);
  });
});

describe("geth's struct logger", () => {
  const frame = evmCall('CALL', {});
  const step = (pc: number, name: string, code: number, stack: bigint[], memory = new Uint8Array(0)) => ({ pc, gasLeft: 1000n - BigInt(pc), gasRefund: 0n, opcode: { name, code, dynamicFee: 3n }, stack, memory, address: { bytes: CONTRACT } });

  it('logs each step; SLOAD shows the value it read and SSTORE the one it wrote, cumulatively; memory only when asked', () => {
    const logger = createStructLogger({ ...defaultTraceConfig(), enableMemory: true });
    logger.onStep(step(0, 'PUSH1', 0x60, [], Uint8Array.of(1, 2)), 1, frame);
    logger.onStep(step(2, 'SLOAD', 0x54, [5n]), 1, frame);
    logger.onStep(step(3, 'PUSH1', 0x60, [42n]), 1, frame);
    logger.onStep(step(5, 'SSTORE', 0x55, [7n, 6n]), 1, frame);
    const logs = logger.structLogs(() => undefined);
    assert.deepEqual(logs[0], { pc: 0, op: 'PUSH1', gas: 1000, gasCost: 3, depth: 1, stack: [], memory: [`0x0102${'00'.repeat(30)}`] });
    const slot = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    assert.deepEqual(logs[1]!.storage, { [slot(5)]: slot(42) });
    assert.equal(logs[2]!.storage, undefined);
    assert.deepEqual(logs[3]!.storage, { [slot(5)]: slot(42), [slot(6)]: slot(7) });
    assert.deepEqual(logs[3]!.stack, ['0x7', '0x6']);
  });

  it('stops at `limit`, leaves the stack out with disableStack, and puts a failing frame\'s error on its last step', () => {
    const logger = createStructLogger({ ...defaultTraceConfig(), disableStack: true, limit: 2 });
    for (let pc = 0; pc < 5; pc++) logger.onStep(step(pc, 'JUMP', 0x56, [1n]), 1, frame);
    const logs = logger.structLogs((f) => (f === frame ? 'invalid jump destination' : undefined));
    assert.equal(logs.length, 2);
    assert.equal(logs[0]!.stack, undefined);
    assert.equal(logs[0]!.error, undefined);
    assert.equal(logs[1]!.error, 'invalid jump destination');
    assert.deepEqual(Object.keys(logs[1]!), ['pc', 'op', 'gas', 'gasCost', 'depth', 'error']);
  });
});

function revertWith(reason: string): Uint8Array {
  const text = new TextEncoder().encode(reason);
  const word = (n: number) => n.toString(16).padStart(64, '0');
  return hexToBytes(`0x08c379a0${word(32)}${word(text.length)}${Buffer.from(text).toString('hex').padEnd(64, '0')}`);
}

