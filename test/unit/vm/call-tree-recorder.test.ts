// The call-tree recorder (src/vm/tracing) on real contracts: the sends and EVM frames of a message in
// the order they ran, with their inputs, outputs, exit codes and gas; FEVM's own answers (precompiles,
// native actors) marked; EVM steps with geth's call depth; and tracing changes nothing a receipt says.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeCbor } from '../../../src/ipld/index.ts';
import { Address, ExitCode, bytesToHex, hexToBytes, maskedIdEthAddress } from '../../../src/primitives/index.ts';
import { CallTreeRecorder, tracedFrames, type TracedEvmCall, type TracedFrame, type TracedSend } from '../../../src/vm/index.ts';
import { ETH_A, createHarness, f410 } from '../../helpers/fvm-harness.ts';
import { compileFixture, deployContract, INVOKE_CONTRACT, type Deployed } from '../../helpers/evm-contracts.ts';

const C = compileFixture('CallTree.sol');
const hex = (b: Uint8Array | undefined) => (b ? bytesToHex(b) : undefined);

async function setup() {
  const h = createHarness();
  const counter = await deployContract(h, C.Counter!);
  const caller = await deployContract(h, C.Caller!);
  return { h, counter, caller };
}

async function traced(h: ReturnType<typeof createHarness>, target: Deployed, fn: string, args: unknown[], recorder = new CallTreeRecorder()) {
  const data = hexToBytes(target.iface.encodeFunctionData(fn, args));
  const result = await h.apply({ from: f410(ETH_A), to: Address.newId(target.id), method: INVOKE_CONTRACT, params: encodeCbor(data), gasLimit: 5_000_000_000 }, { tracer: recorder });
  return { result, root: recorder.root! };
}

const evmFrames = (root: TracedFrame) => [...tracedFrames(root)].filter((f): f is TracedEvmCall => f.kind === 'evm');

describe('call-tree recorder', () => {
  it('records the message as a send that ran EVM code, with a nested CALL inside it', async () => {
    const { h, counter, caller } = await setup();
    const { result, root } = await traced(h, caller, 'bumpOther', [hex(counter.eth)]);
    assert.equal(result.receipt.exitCode, ExitCode.OK);
    assert.equal(root.kind, 'send');
    assert.equal(root.method, INVOKE_CONTRACT);
    assert.equal(root.invoked?.id, caller.id);
    assert.equal(root.ranEvm, true);
    assert.equal(root.gasUsed, result.receipt.gasUsed, 'the outermost send used what the receipt says');
    const [call] = root.calls as TracedEvmCall[];
    assert.equal(call!.type, 'CALL');
    assert.equal(hex(call!.caller), hex(caller.eth));
    assert.equal(hex(call!.to), hex(counter.eth));
    assert.equal(hex(call!.input), counter.iface.getFunction('bump')!.selector);
    assert.equal(BigInt(hex(call!.output)!), 1n);
    assert.equal(call!.exitCode, ExitCode.OK);
    assert.ok(call!.gasUsed > 0n && call!.gasUsed < BigInt(root.gasUsed));
    assert.equal(call!.intercepted, false);
    assert.equal(call!.ranCode, true);
  });

  it('tracing changes nothing: the same message gives the same receipt traced and untraced', async () => {
    const a = await setup();
    const b = await setup();
    const plain = await (async () => {
      const data = hexToBytes(a.caller.iface.encodeFunctionData('bumpThenFail', [hex(a.counter.eth)]));
      return a.h.apply({ from: f410(ETH_A), to: Address.newId(a.caller.id), method: INVOKE_CONTRACT, params: encodeCbor(data), gasLimit: 5_000_000_000 });
    })();
    const withSteps = new CallTreeRecorder({ onStep: () => {} });
    const { result } = await traced(b.h, b.caller, 'bumpThenFail', [hex(b.counter.eth)], withSteps);
    assert.deepEqual(result.receipt, plain.receipt);
  });

  it('a reverted call keeps its frames, with exit code 33 and the revert data', async () => {
    const { h, counter, caller } = await setup();
    const { result, root } = await traced(h, caller, 'bumpThenFail', [hex(counter.eth)]);
    assert.equal(result.receipt.exitCode, ExitCode.EVM_REVERTED);
    assert.equal(root.exitCode, ExitCode.EVM_REVERTED);
    assert.equal((root.calls[0] as TracedEvmCall).exitCode, ExitCode.OK, 'the inner call succeeded before the revert');
  });

  it('a message that runs out of gas still leaves its tree, the outermost send with exit 7', async () => {
    const { h, counter, caller } = await setup();
    const recorder = new CallTreeRecorder({ onStep: () => {} });
    const data = hexToBytes(caller.iface.encodeFunctionData('bumpOther', [hex(counter.eth)]));
    const result = await h.apply({ from: f410(ETH_A), to: Address.newId(caller.id), method: INVOKE_CONTRACT, params: encodeCbor(data), gasLimit: 5_000_000 }, { tracer: recorder });
    assert.equal(result.receipt.exitCode, ExitCode.SYS_OUT_OF_GAS);
    assert.equal(recorder.root!.exitCode, ExitCode.SYS_OUT_OF_GAS);
    assert.equal(recorder.root!.calls.length, 1);
  });

  it('tells CREATE, CREATE2, DELEGATECALL and STATICCALL apart and gives a create its address', async () => {
    const { h, counter, caller } = await setup();
    const create = (await traced(h, caller, 'deploy', [])).root.calls[0] as TracedEvmCall;
    assert.equal(create.type, 'CREATE');
    assert.equal(hex(create.input)?.slice(0, 10), C.Counter!.bytecode.slice(0, 10));
    assert.equal(hex(create.output), C.Counter!.deployedBytecode, 'a create answers the deployed code');
    assert.equal(create.to?.length, 20);
    const create2 = (await traced(h, caller, 'deploy2', [`0x${'11'.repeat(32)}`])).root.calls[0] as TracedEvmCall;
    assert.equal(create2.type, 'CREATE2');
    const delegate = (await traced(h, caller, 'delegate', [hex(counter.eth), counter.iface.encodeFunctionData('bump')])).root.calls[0] as TracedEvmCall;
    assert.equal(delegate.type, 'DELEGATECALL');
    assert.equal(hex(delegate.to), hex(caller.eth), 'the delegating contract runs');
    assert.equal(hex(delegate.codeAddress), hex(counter.eth), "with the other contract's code");
    const view = (await traced(h, caller, 'staticRaw', [hex(counter.eth), counter.iface.encodeFunctionData('count')])).root.calls[0] as TracedEvmCall;
    assert.equal(view.type, 'STATICCALL');
  });

  it("marks FEVM's own answers (a precompile) and records the send a native call makes", async () => {
    const { h, caller } = await setup();
    const sha = (await traced(h, caller, 'callRaw', ['0x0000000000000000000000000000000000000002', '0x1234'])).root.calls[0] as TracedEvmCall;
    assert.equal(sha.intercepted, true);
    assert.equal(sha.ranCode, false);
    const market = maskedIdEthAddress(5n);
    const native = (await traced(h, caller, 'callRaw', [hex(market), '0x'])).root.calls[0] as TracedEvmCall;
    assert.equal(native.intercepted, true);
    const send = native.calls[0] as TracedSend;
    assert.equal(send.kind, 'send');
    assert.equal(send.from, caller.id);
    assert.equal(send.method, INVOKE_CONTRACT);
    assert.equal(send.invoked?.id, 5n);
    assert.equal(send.exitCode, ExitCode.USR_UNHANDLED_MESSAGE);
    assert.equal(native.exitCode, ExitCode.EVM_REVERTED, 'the EVM sees the failed send as a failed call');
  });

  it('reports each step with its depth: 1 in the outermost frame, 2 in the callee', async () => {
    const { h, counter, caller } = await setup();
    const depths = new Map<number, number>();
    const frames = new Set<TracedFrame>();
    const recorder = new CallTreeRecorder({
      onStep: (step, depth, frame) => {
        depths.set(depth, (depths.get(depth) ?? 0) + 1);
        frames.add(frame);
        assert.ok(step.opcode.name.length > 0);
      },
    });
    const { root } = await traced(h, caller, 'bumpOther', [hex(counter.eth)], recorder);
    assert.deepEqual([...depths.keys()].sort(), [1, 2]);
    assert.deepEqual([...frames], [root, root.calls[0]]);
    assert.equal(evmFrames(root).length, 1);
  });
});
