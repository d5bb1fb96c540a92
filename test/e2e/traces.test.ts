// Traces over real HTTP with solc-compiled contracts (test/fixtures/TraceProbe.sol): Lotus's trace_*
// (a deployment whose constructor creates, nested calls, a caught inner revert, a failed transaction,
// a CREATE, a native send through call_actor_id, trace_block/replay/filter) and geth's debug_trace*
// (the struct logger, callTracer with logs, prestateTracer in diff mode, flatCallTracer, 4byteTracer,
// debug_traceCall, blocks), and
// Forest's trace_call (traces and stateDiff of a call).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ContractFactory, Interface, JsonRpcProvider, Wallet, type BaseContract, type TransactionReceipt } from 'ethers';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../src/chain/dev-accounts.ts';
import { bytesToHex, maskedIdEthAddress } from '../../src/primitives/index.ts';
import { compileFixture } from '../helpers/evm-contracts.ts';

const C = compileFixture('TraceProbe.sol');
const MINER = bytesToHex(maskedIdEthAddress(1000n));

type Json = Record<string, any>;

describe('trace_* and debug_trace* over HTTP', () => {
  let devnet: Devnet;
  let provider: JsonRpcProvider;
  let wallet: Wallet;
  let probe: BaseContract & Record<string, any>;
  let probeAddress: string;
  let storeAddress: string;
  let deployHash: string;
  const rpc = (method: string, params: unknown[]) => provider.send(method, params) as Promise<any>;
  const tx = async (fn: string, args: unknown[] = [], overrides: Json = {}): Promise<TransactionReceipt> => {
    // A gas limit of our own: ethers would not send a transaction whose estimate fails.
    const pending = await probe[fn]!(...args, { gasLimit: 200_000_000n, ...overrides });
    return (await provider.waitForTransaction(pending.hash))!;
  };
  const sent: Record<string, TransactionReceipt> = {};

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
    provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
    wallet = new Wallet(bytesToHex(deriveDevAccounts({ count: 1 }).eth[0]!.privateKey), provider);
    const contract = await new ContractFactory(C.Probe!.abi as never, C.Probe!.bytecode, wallet).deploy();
    await contract.waitForDeployment();
    probe = contract as BaseContract & Record<string, any>;
    probeAddress = (await probe.getAddress()).toLowerCase();
    storeAddress = (await probe.store!()).toLowerCase();
    deployHash = probe.deploymentTransaction()!.hash;
    sent.nested = await tx('nested', [5]);
    sent.caught = await tx('caught');
    sent.failAfter = await tx('failAfter');
    sent.make = await tx('make');
    sent.payActor = await tx('payActor', [1000], { value: 1234n });
  });

  after(async () => {
    provider.destroy();
    await devnet.close();
  });

  describe("Lotus's trace_*", () => {
    it('a deployment is a create, and the constructor\'s CREATE its subtrace, from the new contract', async () => {
      const [top, inner, ...rest] = (await rpc('trace_transaction', [deployHash])) as Json[];
      assert.equal(rest.length, 0);
      assert.equal(top!.type, 'create');
      assert.equal(top!.action.from, wallet.address.toLowerCase());
      assert.equal(top!.action.init, C.Probe!.bytecode);
      assert.equal(top!.result.address, probeAddress);
      assert.equal(top!.result.code, '0xfe');
      assert.equal(top!.subtraces, 1);
      assert.equal(inner!.type, 'create');
      assert.deepEqual(inner!.traceAddress, [0]);
      assert.equal(inner!.action.from, probeAddress);
      assert.equal(inner!.result.address, storeAddress);
      assert.equal(top!.transactionHash, deployHash);
      assert.equal(typeof top!.blockNumber, 'number');
    });

    it('nested calls: CALL and STATICCALL below the transaction, each with its calldata and answer', async () => {
      const traces = (await rpc('trace_transaction', [sent.nested!.hash])) as Json[];
      assert.deepEqual(traces.map((t) => [t.action.callType, t.traceAddress, t.subtraces]), [['call', [], 2], ['call', [0], 0], ['staticcall', [1], 0]]);
      const iface = probe.interface;
      assert.equal(traces[0]!.action.input, iface.encodeFunctionData('nested', [5]));
      assert.equal(BigInt(traces[0]!.result.output), 5n);
      assert.equal(traces[1]!.action.from, probeAddress);
      assert.equal(traces[1]!.action.to, storeAddress);
      assert.ok(BigInt(traces[1]!.result.gasUsed) > 0n);
      assert.equal(BigInt(traces[2]!.result.output), 5n);
      assert.equal(traces.some((t) => 'error' in t), false);
    });

    it('a caught inner revert says "Reverted" with its data; a failed transaction too, above a call that succeeded', async () => {
      const caught = (await rpc('trace_transaction', [sent.caught!.hash])) as Json[];
      assert.equal(caught[0]!.error, undefined);
      assert.equal(caught[1]!.error, 'Reverted');
      assert.match(caught[1]!.result.output, /^0x08c379a0/);
      assert.equal(caught[2]!.error, undefined);
      assert.equal(sent.failAfter!.status, 0);
      const failed = (await rpc('trace_transaction', [sent.failAfter!.hash])) as Json[];
      assert.equal(failed[0]!.error, 'Reverted');
      assert.equal(failed[1]!.error, undefined);
    });

    it('a CREATE in a call is a create subtrace; a native send through call_actor_id a call of handle_filecoin_method', async () => {
      const made = (await rpc('trace_transaction', [sent.make!.hash])) as Json[];
      assert.equal(made[1]!.type, 'create');
      assert.equal(made[1]!.action.from, probeAddress);
      assert.equal(made[1]!.result.address, `0x${made[0]!.result.output.slice(-40)}`);
      const paid = (await rpc('trace_transaction', [sent.payActor!.hash])) as Json[];
      assert.equal(paid.length, 2, 'the precompile is no trace; the send it makes is');
      const native = paid[1]!;
      assert.equal(native.action.from, probeAddress);
      assert.equal(native.action.to, MINER);
      assert.equal(native.action.value, '0x4d2');
      assert.equal(native.action.input, `0x868e10c4${'0'.repeat(64 * 2)}${(96).toString(16).padStart(64, '0')}${'0'.repeat(64)}`);
      assert.equal(native.result.output, `0x${'0'.repeat(64 * 2)}${(96).toString(16).padStart(64, '0')}${'0'.repeat(64)}`);
    });

    it('trace_block and trace_replayBlockTransactions give the same traces per block; only "trace" is served', async () => {
      const block = `0x${sent.nested!.blockNumber.toString(16)}`;
      const traces = (await rpc('trace_block', [block])) as Json[];
      assert.deepEqual(traces, await rpc('trace_transaction', [sent.nested!.hash]));
      const [replay] = (await rpc('trace_replayBlockTransactions', [block, ['trace']])) as Json[];
      assert.equal(replay!.transactionHash, sent.nested!.hash);
      assert.equal(replay!.stateDiff, null);
      assert.equal(replay!.trace.length, 3);
      assert.equal(BigInt(replay!.output), 5n);
      await assert.rejects(rpc('trace_replayBlockTransactions', [block, ['vmTrace']]), /only 'trace' is supported/);
      assert.deepEqual(await rpc('trace_block', ['0x0']), []);
    });

    it('trace_filter: by sender and callee, paged with after and count, at most 500', async () => {
      const toStore = (await rpc('trace_filter', [{ fromBlock: '0x0', toAddress: [storeAddress] }])) as Json[];
      assert.ok(toStore.length >= 5);
      assert.ok(toStore.every((t) => t.action.to === storeAddress || t.result.address === storeAddress));
      const fromProbe = (await rpc('trace_filter', [{ fromBlock: '0x0', fromAddress: probeAddress }])) as Json[];
      assert.ok(fromProbe.every((t) => t.action.from === probeAddress));
      const all = (await rpc('trace_filter', [{ fromBlock: '0x1', toBlock: 'latest' }])) as Json[];
      const page = (await rpc('trace_filter', [{ fromBlock: '0x1', after: '0x2', count: '0x3' }])) as Json[];
      assert.deepEqual(page, all.slice(2, 5));
      await assert.rejects(rpc('trace_filter', [{ count: '0x1f5' }]), /maximum supported is 500/);
      await assert.rejects(rpc('trace_transaction', [`0x${'00'.repeat(32)}`]), /transaction not found/);
    });
  });

  describe('trace_call (as Forest serves it)', () => {
    it("a call's traces, output and stateDiff, without changing anything; a revert's; vmTrace refused", async () => {
      const slot = `0x${'0'.repeat(64)}`;
      const word = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}`;
      const before = BigInt(await provider.call({ to: storeAddress, data: '0x3fa4f245' }));
      const call = { from: wallet.address, to: probeAddress, data: probe.interface.encodeFunctionData('nested', [9]) };
      const answer = (await rpc('trace_call', [call, ['trace', 'stateDiff'], 'latest'])) as Json;
      assert.equal(BigInt(answer.output), 9n);
      assert.equal(answer.vmTrace, null);
      assert.deepEqual(answer.trace.map((t: Json) => [t.action.callType, t.traceAddress, t.subtraces]), [['call', [], 2], ['call', [0], 0], ['staticcall', [1], 0]]);
      assert.equal(answer.trace[1].action.to, storeAddress);
      assert.equal(answer.trace[0].transactionHash, undefined, 'no block or transaction: it is a call');
      assert.deepEqual(answer.stateDiff[storeAddress], { balance: '=', code: '=', nonce: '=', storage: { [slot]: { '*': { from: word(before), to: word(9n) } } } });
      assert.equal(answer.stateDiff[MINER], undefined, 'a call pays no fees');
      assert.equal(BigInt(await provider.call({ to: storeAddress, data: '0x3fa4f245' })), before, 'the call changed nothing');

      const traceOnly = (await rpc('trace_call', [call, ['trace']])) as Json;
      assert.equal(traceOnly.stateDiff, null);
      assert.deepEqual(traceOnly.trace, answer.trace);

      const failed = (await rpc('trace_call', [{ ...call, data: probe.interface.encodeFunctionData('failAfter') }, ['trace', 'stateDiff']])) as Json;
      assert.equal(failed.trace[0].error, 'Reverted');
      assert.equal(failed.output, probe.interface.encodeErrorResult('Error', ['outer']));
      assert.equal(failed.stateDiff[storeAddress], undefined, 'a reverted call changes no storage');
      await assert.rejects(rpc('trace_call', [call, ['vmTrace']]), /'vmTrace' is not supported/);

      const make = (await rpc('trace_call', [{ ...call, data: probe.interface.encodeFunctionData('make') }, ['trace', 'stateDiff']])) as Json;
      const created = make.trace[1].result.address as string;
      assert.equal(make.trace[1].type, 'create');
      assert.equal(make.stateDiff[created].code['+'], C.Store!.deployedBytecode, 'a contract the call would create is born in the diff');
      assert.deepEqual(make.stateDiff[created].nonce, { '+': '0x1' });
      assert.equal(await provider.getCode(created), '0x', 'and is not there after the call');
    });
  });

  describe("geth's debug_trace*", () => {
    it('the struct logger: every step with depth 1 and 2, SSTORE with storage, gas and return value of the transaction', async () => {
      const trace = (await rpc('debug_traceTransaction', [sent.nested!.hash])) as Json;
      assert.equal(trace.failed, false);
      assert.equal(trace.gas, Number(sent.nested!.gasUsed));
      assert.equal(BigInt(trace.returnValue), 5n);
      const logs = trace.structLogs as Json[];
      assert.ok(logs.length > 100);
      assert.deepEqual([...new Set(logs.map((l) => l.depth))].sort(), [1, 2]);
      const sstore = logs.find((l) => l.op === 'SSTORE')!;
      assert.equal(sstore.depth, 2);
      assert.equal(sstore.storage[`0x${'0'.repeat(64)}`], `0x${'5'.padStart(64, '0')}`);
      assert.equal(logs[0]!.memory, undefined, 'memory only with enableMemory');
      const call = logs.find((l) => l.op === 'CALL')!;
      assert.ok(call.gasCost > 1_000_000, "a CALL's cost includes the gas it forwards");
      const withMemory = (await rpc('debug_traceTransaction', [sent.nested!.hash, { enableMemory: true, disableStack: true, limit: 10 }])) as Json;
      assert.equal(withMemory.structLogs.length, 10);
      assert.equal(withMemory.structLogs[0].stack, undefined);
      assert.ok(withMemory.structLogs.some((l: Json) => l.memory?.length > 0));
    });

    it('callTracer with logs: nested frames, logs in the frame that emitted them; a revert with its reason', async () => {
      const frame = (await rpc('debug_traceTransaction', [sent.nested!.hash, { tracer: 'callTracer', tracerConfig: { withLog: true } }])) as Json;
      assert.equal(frame.type, 'CALL');
      assert.equal(frame.to, probeAddress);
      assert.equal(BigInt(frame.gasUsed), sent.nested!.gasUsed);
      assert.deepEqual(frame.calls.map((c: Json) => c.type), ['CALL', 'STATICCALL']);
      assert.equal(frame.logs.length, 1);
      assert.equal(frame.logs[0].position, '0x0');
      assert.equal(frame.calls[0].logs[0].address, storeAddress);
      const failed = (await rpc('debug_traceTransaction', [sent.failAfter!.hash, { tracer: 'callTracer' }])) as Json;
      assert.equal(failed.error, 'execution reverted');
      assert.equal(failed.revertReason, 'outer');
      assert.equal(failed.calls[0].error, undefined);
      const deployed = (await rpc('debug_traceTransaction', [deployHash, { tracer: 'callTracer' }])) as Json;
      assert.equal(deployed.type, 'CREATE');
      assert.equal(deployed.to, probeAddress);
      assert.equal(deployed.output, (await provider.getCode(probeAddress)).toLowerCase());
      assert.equal(deployed.calls[0].type, 'CREATE');
    });

    it('prestateTracer: the accounts and slots before; in diff mode what changed', async () => {
      const pre = (await rpc('debug_traceTransaction', [sent.nested!.hash, { tracer: 'prestateTracer' }])) as Json;
      assert.equal(pre[storeAddress].storage[`0x${'0'.repeat(64)}`], `0x${'0'.repeat(64)}`, 'the slot was 0 before the first store');
      assert.ok(pre[wallet.address.toLowerCase()].balance);
      assert.ok(pre[probeAddress].code.startsWith('0x60'));
      const diff = (await rpc('debug_traceTransaction', [sent.nested!.hash, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }])) as Json;
      assert.equal(diff.post[storeAddress].storage[`0x${'0'.repeat(64)}`], `0x${'5'.padStart(64, '0')}`);
      const sender = wallet.address.toLowerCase();
      assert.equal(diff.post[sender].nonce, diff.pre[sender].nonce + 1);
      assert.ok(BigInt(diff.post[sender].balance) < BigInt(diff.pre[sender].balance));
      assert.ok(diff.post[MINER], 'the miner took the tip');
    });

    it('debug_traceCall traces a call on the latest state; the block methods trace every transaction', async () => {
      const frame = (await rpc('debug_traceCall', [{ from: wallet.address, to: probeAddress, data: probe.interface.encodeFunctionData('nested', [9]) }, 'latest', { tracer: 'callTracer' }])) as Json;
      assert.equal(BigInt(frame.output), 9n);
      assert.equal(frame.calls.length, 2);
      assert.equal(BigInt(await provider.call({ to: storeAddress, data: '0x3fa4f245' })), 7n, 'the call changed nothing');
      const block = `0x${sent.nested!.blockNumber.toString(16)}`;
      const byNumber = (await rpc('debug_traceBlockByNumber', [block, { tracer: 'callTracer' }])) as Json[];
      assert.deepEqual(byNumber.map((t) => t.txHash), [sent.nested!.hash]);
      assert.equal(byNumber[0]!.result.calls.length, 2);
      const byHash = (await rpc('debug_traceBlockByHash', [sent.nested!.blockHash])) as Json[];
      assert.equal(byHash[0]!.result.structLogs.length > 0, true);
      await assert.rejects(rpc('debug_traceTransaction', [sent.nested!.hash, { tracer: 'fourByteTracer' }]), /is not served/);
    });

    it("flatCallTracer: trace_transaction's list with geth's gas and the transaction's place; 4byteTracer counts selectors", async () => {
      const flat = (await rpc('debug_traceTransaction', [sent.nested!.hash, { tracer: 'flatCallTracer' }])) as Json[];
      const lotus = (await rpc('trace_transaction', [sent.nested!.hash])) as Json[];
      assert.deepEqual(flat.map((t) => [t.type, t.action.callType, t.traceAddress, t.subtraces, t.action.to, t.action.input]), lotus.map((t) => [t.type, t.action.callType, t.traceAddress, t.subtraces, t.action.to, t.action.input]));
      assert.equal(flat[0]!.transactionHash, sent.nested!.hash);
      assert.equal(flat[0]!.blockHash, sent.nested!.blockHash);
      assert.equal(flat[0]!.blockNumber, sent.nested!.blockNumber);
      assert.equal(BigInt(flat[0]!.result.gasUsed), sent.nested!.gasUsed, "the outermost frame's gasUsed is the receipt's");
      assert.ok(BigInt(flat[0]!.result.gasUsed) > BigInt(lotus[0]!.result.gasUsed), "counting its calls, which Lotus's own-gas figure does not");

      const failed = (await rpc('debug_traceTransaction', [sent.failAfter!.hash, { tracer: 'flatCallTracer', tracerConfig: { convertParityErrors: true } }])) as Json[];
      assert.equal(failed[0]!.error, 'Reverted');
      assert.equal(failed[0]!.result.output, probe.interface.encodeErrorResult('Error', ['outer']), 'a revert keeps its result');
      const gethWords = (await rpc('debug_traceTransaction', [sent.failAfter!.hash, { tracer: 'flatCallTracer' }])) as Json[];
      assert.equal(gethWords[0]!.error, 'execution reverted');

      const call = (await rpc('debug_traceCall', [{ from: wallet.address, to: probeAddress, data: probe.interface.encodeFunctionData('nested', [9]) }, 'latest', { tracer: 'flatCallTracer' }])) as Json[];
      assert.equal(call.length, 3);
      assert.equal(call[0]!.transactionHash, null, 'a call has no transaction');

      const selectors = (await rpc('debug_traceTransaction', [sent.nested!.hash, { tracer: '4byteTracer' }])) as Json;
      const sig = (fn: string) => probe.interface.getFunction(fn)!.selector;
      const storeIface = new Interface(C.Store!.abi as never);
      assert.deepEqual(selectors, { [`${sig('nested')}-32`]: 1, [`${storeIface.getFunction('store')!.selector}-32`]: 1, [`${storeIface.getFunction('value')!.selector}-0`]: 1 });
    });
  });
});
