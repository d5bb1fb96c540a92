// The EVM actor's first slice: a contract deployed through the EAM runs its initcode, keeps its storage
// in the KAMT, answers calls, reverts with exit 33 and its data, and turns LOGs into actor events.
// Bytecode is assembled by hand (annotated) so the test needs no compiler.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCodeCid } from '../../../src/actors/index.ts';
import { evmActor } from '../../../src/actors/evm/evm-actor.ts';
import { readEvmState } from '../../../src/actors/evm/evm-state.ts';
import { ContractStorage, blockCid, decodeCbor, encodeCbor, getBlock } from '../../../src/ipld/index.ts';
import { Address, ExitCode, bytesToHex, hexToBytes, uintToFixedBytes } from '../../../src/primitives/index.ts';
import { ActorType } from '../../../src/vm/index.ts';
import { ETH_A, createHarness, f410, withTestActors } from '../../helpers/fvm-harness.ts';

// Runtime: word = calldataload(0); if word == 0 return sload(0) else sstore(0, word).
const RUNTIME = '600035' + '8015600c57' + '600055' + '00' + '5b50' + '600054' + '600052' + '60206000f3';
// Initcode: sstore(0, 42); log1(0, 0, topic 0x77); codecopy(0, 24, 25); return(0, 25).
const INITCODE = '602a600055' + '607760006000a1' + '60196018600039' + '60196000f3' + RUNTIME;
// Always reverts with the word 42.
const REVERTER_RUNTIME = '602a60005260206000fd';
const REVERTER_INIT = '600a600c600039600a6000f3' + REVERTER_RUNTIME;

function harness() {
  return createHarness((r) => withTestActors(r, [{ code: builtinCodeCid(ActorType.EVM), actor: evmActor }]));
}

async function deploy(h: ReturnType<typeof harness>, initcode: string) {
  const r = await h.apply({ from: f410(ETH_A), to: Address.newId(10), method: 4, params: encodeCbor(hexToBytes(initcode)), gasLimit: 1_000_000_000 });
  assert.equal(r.receipt.exitCode, ExitCode.OK, r.failure ?? '');
  const [id] = decodeCbor<[number]>(r.receipt.returnData);
  return { id: BigInt(id), result: r };
}

async function call(h: ReturnType<typeof harness>, id: bigint, calldata: Uint8Array) {
  return h.apply({ from: f410(ETH_A), to: Address.newId(id), method: 3844450837, params: calldata.length ? encodeCbor(calldata) : new Uint8Array(0), gasLimit: 1_000_000_000 });
}

describe('EVM actor', () => {
  it('deploys: runs the initcode, stores the runtime code and the storage it wrote, nonce 1', async () => {
    const h = harness();
    const { id, result } = await deploy(h, INITCODE);
    const state = readEvmState(h.store, h.tree.getActor(id)!.head);
    assert.equal(bytesToHex(getBlock(h.store, state.bytecode)), `0x${RUNTIME}`);
    assert.equal(state.nonce, 1n);
    assert.equal(ContractStorage.load(h.store, state.contractState).get(0n), 42n);
    assert.equal(result.events.length, 1);
    assert.deepEqual(result.events[0]!.event, [{ flags: 3, key: 't1', codec: 0x55, value: uintToFixedBytes(0x77n) }]);
  });

  it('answers calls from its storage and keeps what they write', async () => {
    const h = harness();
    const { id } = await deploy(h, INITCODE);
    const read = await call(h, id, new Uint8Array(0));
    assert.equal(read.receipt.exitCode, ExitCode.OK, read.failure ?? '');
    assert.deepEqual(decodeCbor(read.receipt.returnData), uintToFixedBytes(42n));
    const write = await call(h, id, uintToFixedBytes(7n));
    assert.equal(write.receipt.exitCode, ExitCode.OK);
    assert.deepEqual(decodeCbor((await call(h, id, new Uint8Array(0))).receipt.returnData), uintToFixedBytes(7n));
  });

  it('a revert is exit 33 with the revert data, and changes nothing', async () => {
    const h = harness();
    const { id } = await deploy(h, REVERTER_INIT);
    const r = await call(h, id, new Uint8Array(0));
    assert.equal(r.receipt.exitCode, ExitCode.EVM_REVERTED);
    assert.deepEqual(decodeCbor(r.receipt.returnData), uintToFixedBytes(42n));
  });

  /** Deploys `runtime` (up to 255 bytes) with a minimal initcode that copies and returns it. */
  async function deployRuntime(h: ReturnType<typeof harness>, runtime: string) {
    const n = (runtime.length / 2).toString(16).padStart(2, '0');
    return deploy(h, `60${n}600c600039` + `60${n}6000f3` + runtime);
  }

  it('undefined opcodes end the call with exit 35, INVALID (0xfe) with 34', async () => {
    const h = harness();
    for (const runtime of ['0c', '60006000600060006000600060' + '00f2', '600049', '4a']) {
      const { id } = await deployRuntime(h, runtime);
      assert.equal((await call(h, id, new Uint8Array(0))).receipt.exitCode, ExitCode.EVM_UNDEFINED_INSTRUCTION, runtime);
    }
    const { id } = await deployRuntime(h, 'fe');
    assert.equal((await call(h, id, new Uint8Array(0))).receipt.exitCode, ExitCode.EVM_INVALID_INSTRUCTION);
  });

  it('has CLZ (0x1e): clz(1) is 255', async () => {
    const h = harness();
    // clz(1) → mstore(0) → return 32 bytes
    const { id } = await deployRuntime(h, '60011e60005260206000f3');
    const r = await call(h, id, new Uint8Array(0));
    assert.equal(r.receipt.exitCode, ExitCode.OK, r.failure ?? '');
    assert.deepEqual(decodeCbor(r.receipt.returnData), uintToFixedBytes(255n));
  });

  it('sees Filecoin gas: GAS reports the remaining Filecoin gas of the message, not Ethereum gas', async () => {
    const h = harness();
    // gas → mstore(0) → return
    const { id } = await deployRuntime(h, '5a60005260206000f3');
    const r = await call(h, id, new Uint8Array(0));
    const gasLeft = BigInt(`0x${Buffer.from(decodeCbor(r.receipt.returnData) as Uint8Array).toString('hex')}`);
    assert.ok(gasLeft > 900_000_000n && gasLeft < 1_000_000_000n, `GAS said ${gasLeft}`);
  });

  it('sees the Filecoin environment: NUMBER, TIMESTAMP, CHAINID, BASEFEE, COINBASE 0, GASLIMIT 10 billion, f410 addresses', async () => {
    const h = harness();
    const ops = ['43', '42', '46', '48', '41', '45', '30', '33', '32'];
    // each opcode's value stored at 32 × i, then the whole buffer returned
    const runtime = ops.map((op, i) => `${op}61${(i * 32).toString(16).padStart(4, '0')}52`).join('') + `61${(ops.length * 32).toString(16).padStart(4, '0')}6000f3`;
    const { id } = await deployRuntime(h, runtime);
    const r = await call(h, id, new Uint8Array(0));
    assert.equal(r.receipt.exitCode, ExitCode.OK, r.failure ?? '');
    const out = decodeCbor(r.receipt.returnData) as Uint8Array;
    const word = (i: number) => BigInt(`0x${Buffer.from(out.subarray(i * 32, i * 32 + 32)).toString('hex')}`);
    assert.equal(word(0), BigInt(h.context.epoch));
    assert.equal(word(1), BigInt(h.context.timestamp));
    assert.equal(word(2), 31415926n);
    assert.equal(word(3), h.context.baseFee);
    assert.equal(word(4), 0n);
    assert.equal(word(5), 10_000_000_000n);
    const contractEth = h.tree.getActor(id)!.delegatedAddress!.subaddress;
    assert.equal(word(6), BigInt(bytesToHex(contractEth)));
    assert.equal(word(7), BigInt(bytesToHex(ETH_A)));
    assert.equal(word(8), BigInt(bytesToHex(ETH_A)));
  });

  it('BLOCKHASH is the digest of the tipset CID within 256 epochs; PREVRANDAO is the beacon randomness', async () => {
    const h = harness();
    h.context.epoch = 300;
    h.context.tipsetCid = (epoch) => blockCid(encodeCbor(['tipset', epoch]));
    // blockhash(number - 1) → mstore(0); blockhash(number - 257) → mstore(32); prevrandao → mstore(64); return 96 bytes
    const { id } = await deployRuntime(h, '600143034060005260016101004303034060205244604052' + '60606000f3');
    const r = await call(h, id, new Uint8Array(0));
    assert.equal(r.receipt.exitCode, ExitCode.OK, r.failure ?? '');
    const out = decodeCbor(r.receipt.returnData) as Uint8Array;
    assert.equal(bytesToHex(out.subarray(0, 32)), bytesToHex(blockCid(encodeCbor(['tipset', 299])).multihash.digest));
    assert.equal(bytesToHex(out.subarray(32, 64)), bytesToHex(new Uint8Array(32)));
    const randomness = h.context.beaconRandomness(10, 300, new TextEncoder().encode('prevrandao'));
    assert.equal(bytesToHex(out.subarray(64, 96)), bytesToHex(randomness));
  });

  it('refuses runtime code starting with 0xEF', async () => {
    const h = harness();
    const r = await h.apply({ from: f410(ETH_A), to: Address.newId(10), method: 4, params: encodeCbor(hexToBytes('6001600c60003960016000f3' + 'ef')), gasLimit: 1_000_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.USR_ILLEGAL_ARGUMENT);
  });
});
