// The EVM call tree on FEVM (FEVM-FACTS §4.5): contracts calling contracts in one message, reverts that
// roll back state and events, CREATE and CREATE2 giving Ethereum's addresses to new EVM actors with f410
// and f2 addresses, value to accounts and to unknown addresses (a Placeholder), masked ids, native
// actors, STATICCALL, DELEGATECALL, transient storage, and SELFDESTRUCT's tombstone.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Interface, getCreate2Address, getCreateAddress, keccak256 as ethersKeccak } from 'ethers';
import { readEvmState } from '../../../src/actors/evm/evm-state.ts';
import { ContractStorage, encodeCbor } from '../../../src/ipld/index.ts';
import {
  ATTO_PER_FIL,
  Address,
  ExitCode,
  bytesToHex,
  ethAddressToFilecoinAddress,
  hexToBytes,
  keccak256,
  maskedIdEthAddress,
} from '../../../src/primitives/index.ts';
import { ActorType } from '../../../src/vm/index.ts';
import { ETH_A, ETH_B, createHarness, f410 } from '../../helpers/fvm-harness.ts';
import { callContract, compileFixture, deployContract, mustCall } from '../../helpers/evm-contracts.ts';

const C = compileFixture('CallTree.sol');
const hex = (b: Uint8Array) => bytesToHex(b);
const typeOf = (h: ReturnType<typeof createHarness>, id: bigint) => h.registry.typeOf(h.tree.getActor(id)!.code);

async function setup() {
  const h = createHarness();
  const counter = await deployContract(h, C.Counter!);
  const caller = await deployContract(h, C.Caller!);
  return { h, counter, caller };
}

describe('EVM call tree', () => {
  it('a contract calls another: the callee keeps its storage, logs as itself, and the caller gets its answer', async () => {
    const { h, counter, caller } = await setup();
    const c = await callContract(h, caller, 'bumpOther', [hex(counter.eth)]);
    assert.equal(c.result.receipt.exitCode, ExitCode.OK, c.result.failure ?? '');
    assert.equal(c.ret![0], 1n);
    assert.equal((await mustCall(h, counter, 'count'))[0], 1n);
    assert.equal(c.result.events.length, 1);
    assert.equal(c.result.events[0]!.emitter, counter.id, 'the event is the callee’s');
    assert.equal(hex(c.result.events[0]!.event[1]!.value), hex(hexToBytes(`0x${'00'.repeat(12)}${hex(caller.eth).slice(2)}`)), 't2 is msg.sender = the caller contract');
  });

  it('a revert deep in the tree rolls back the callee’s storage and events with it', async () => {
    const { h, counter, caller } = await setup();
    const c = await callContract(h, caller, 'bumpThenFail', [hex(counter.eth)]);
    assert.equal(c.result.receipt.exitCode, ExitCode.EVM_REVERTED);
    assert.equal(c.result.events.length, 0);
    assert.equal((await mustCall(h, counter, 'count'))[0], 0n);
  });

  it('a failing inner call returns false with the revert data, and the caller carries on', async () => {
    const { h, counter, caller } = await setup();
    const [ok, data] = await mustCall(h, caller, 'callRaw', [hex(counter.eth), counter.iface.encodeFunctionData('fail')]);
    assert.equal(ok, false);
    assert.equal(data, counter.iface.encodeErrorResult('Error', ['nope']));
  });

  it('CREATE: the new contract is an EVM actor at Ethereum’s address, with f410 and f2 addresses, and the creator’s nonce goes up', async () => {
    const { h, caller } = await setup();
    const c = await callContract(h, caller, 'deploy');
    assert.equal(c.result.receipt.exitCode, ExitCode.OK, c.result.failure ?? '');
    const created = c.ret![0] as string;
    assert.equal(created, getCreateAddress({ from: hex(caller.eth), nonce: 1 }));
    const id = h.tree.lookupId(ethAddressToFilecoinAddress(hexToBytes(created)))!;
    assert.equal(typeOf(h, id), ActorType.EVM);
    const origin = h.tree.getActor(h.ids.a)!;
    // The f2 address of the first actor this message created (origin address, its nonce, creation index 0).
    const seed = new Uint8Array([...encodeCbor(f410(ETH_A).bytes), ...new Uint8Array(16)]);
    new DataView(seed.buffer).setBigUint64(seed.length - 16, origin.sequence - 1n);
    assert.equal(h.tree.lookupId(Address.newActor(seed)), id, 'the f2 address names the new contract');
    assert.equal(readEvmState(h.store, h.tree.getActor(caller.id)!.head).nonce, 2n);
    assert.equal(readEvmState(h.store, h.tree.getActor(id)!.head).nonce, 1n);
    const child = { id, eth: hexToBytes(created), iface: new Interface(C.Counter!.abi as never) };
    assert.equal((await mustCall(h, child, 'bump'))[0], 1n, 'the new contract runs');
  });

  it('CREATE refuses runtime code over 24 KiB or starting with 0xEF, and takes initcode over 48 KiB (no EIP-3860 on FEVM)', async () => {
    const { h, caller } = await setup();
    // Initcode returning `size` zero bytes of memory, optionally with 0xEF first: [PUSH1 0xef PUSH1 0 MSTORE8] PUSH3 size PUSH1 0 RETURN.
    const returning = (size: number, ef = false) => `0x${ef ? '60ef600053' : ''}62${size.toString(16).padStart(6, '0')}6000f3`;
    const zero = '0x0000000000000000000000000000000000000000';
    assert.notEqual((await mustCall(h, caller, 'createRaw', [returning(24_576)]))[0], zero);
    assert.equal((await mustCall(h, caller, 'createRaw', [returning(24_577)]))[0], zero);
    assert.equal((await mustCall(h, caller, 'createRaw', [returning(1, true)]))[0], zero);
    const bigInitcode = `${returning(1)}${'00'.repeat(50_000)}`;
    assert.notEqual((await mustCall(h, caller, 'createRaw', [bigInitcode]))[0], zero);
  });

  it('CREATE2: the address is keccak(0xff, creator, salt, keccak(initcode)), as on Ethereum', async () => {
    const { h, caller } = await setup();
    const salt = `0x${'ab'.repeat(32)}`;
    const created = (await mustCall(h, caller, 'deploy2', [salt]))[0] as string;
    assert.equal(created, getCreate2Address(hex(caller.eth), salt, ethersKeccak(C.Counter!.bytecode)));
    assert.equal(typeOf(h, h.tree.lookupId(ethAddressToFilecoinAddress(hexToBytes(created)))!), ActorType.EVM);
    const again = await callContract(h, caller, 'deploy2', [salt]);
    assert.equal(again.result.receipt.exitCode, ExitCode.EVM_REVERTED, 'a second CREATE2 with the same salt fails');
  });

  it('value: transfer() to an Ethereum account works (10,000,000 gas, not 2300) and value to an unknown address makes a Placeholder', async () => {
    const { h, caller } = await setup();
    const before = h.balance(f410(ETH_B));
    await mustCall(h, caller, 'pay', [hex(ETH_B)], { value: 5n * ATTO_PER_FIL });
    assert.equal(h.balance(f410(ETH_B)) - before, 5n * ATTO_PER_FIL);
    const fresh = new Uint8Array(20).fill(0x5e);
    await mustCall(h, caller, 'pay', [hex(fresh)], { value: 3n });
    const id = h.tree.lookupId(f410(fresh))!;
    assert.equal(typeOf(h, id), ActorType.Placeholder);
    assert.equal(h.balance(f410(fresh)), 3n);
  });

  it('a zero-value call to an unknown f410 address still creates a Placeholder (not in STATICCALL)', async () => {
    const { h, caller } = await setup();
    const fresh = new Uint8Array(20).fill(0x6f);
    await mustCall(h, caller, 'staticRaw', [hex(fresh), '0x']);
    assert.equal(h.tree.lookupId(f410(fresh)), undefined);
    const [ok] = await mustCall(h, caller, 'callRaw', [hex(fresh), '0x']);
    assert.equal(ok, true);
    assert.equal(typeOf(h, h.tree.lookupId(f410(fresh))!), ActorType.Placeholder);
  });

  it('an unknown masked id answers success with no data, and nothing moves', async () => {
    const { h, caller } = await setup();
    const [ok, data] = await mustCall(h, caller, 'callRaw', [hex(maskedIdEthAddress(999_999n)), '0x1234'], { value: 9n });
    assert.equal(ok, true);
    assert.equal(data, '0x');
    assert.equal(h.balance(caller.id), 9n, 'the value stayed with the caller');
  });

  it('a native actor: CALL sends InvokeContract and fails as the actor refuses; EXTCODESIZE 1, EXTCODEHASH keccak(0xfe)', async () => {
    const { h, caller } = await setup();
    const system = hex(maskedIdEthAddress(0n));
    const [ok] = await mustCall(h, caller, 'callRaw', [system, '0x']);
    assert.equal(ok, false);
    assert.equal((await mustCall(h, caller, 'codeSize', [system]))[0], 1n);
    assert.equal((await mustCall(h, caller, 'codeHash', [system]))[0], hex(keccak256(Uint8Array.of(0xfe))));
    const [dok] = await mustCall(h, caller, 'delegate', [system, '0x']);
    assert.equal(dok, false, 'DELEGATECALL to a native actor fails');
  });

  it('EXTCODEHASH per kind: contract → its code hash, account or precompile → keccak(""), nothing there → 0', async () => {
    const { h, counter, caller } = await setup();
    const emptyHash = hex(keccak256(new Uint8Array(0)));
    assert.equal((await mustCall(h, caller, 'codeHash', [hex(counter.eth)]))[0], hex(keccak256(hexToBytes(C.Counter!.deployedBytecode))));
    assert.equal((await mustCall(h, caller, 'codeHash', [hex(ETH_B)]))[0], emptyHash);
    assert.equal((await mustCall(h, caller, 'codeHash', [`0x${'00'.repeat(19)}02`]))[0], emptyHash);
    assert.equal(BigInt((await mustCall(h, caller, 'codeHash', [hex(new Uint8Array(20).fill(0x77))]))[0]), 0n);
    assert.equal((await mustCall(h, caller, 'codeSize', [hex(ETH_B)]))[0], 0n);
  });

  it('a LOG is an event of at most 8 KiB of values: LOG0 of 8192 bytes works, of 8193 fails', async () => {
    const { h, caller } = await setup();
    const ok = await callContract(h, caller, 'rawLog', [8192n]);
    assert.equal(ok.result.receipt.exitCode, ExitCode.OK);
    assert.deepEqual(ok.result.events[0]!.event.map((e) => [e.key, e.value.length]), [['d', 8192]]);
    const tooBig = await callContract(h, caller, 'rawLog', [8193n]);
    assert.equal(tooBig.result.receipt.exitCode, ExitCode.USR_ILLEGAL_ARGUMENT);
    assert.equal(tooBig.result.events.length, 0);
  });

  it('STATICCALL: a state change inside fails the inner call only', async () => {
    const { h, counter, caller } = await setup();
    const [ok] = await mustCall(h, caller, 'staticRaw', [hex(counter.eth), counter.iface.encodeFunctionData('bump')]);
    assert.equal(ok, false);
    const [rok, ret] = await mustCall(h, caller, 'staticRaw', [hex(counter.eth), counter.iface.encodeFunctionData('count')]);
    assert.equal(rok, true);
    assert.equal(BigInt(ret), 0n);
  });

  it('DELEGATECALL runs the other contract’s code on the caller’s storage', async () => {
    const { h, caller } = await setup();
    const writer = await deployContract(h, C.SlotWriter!);
    const [ok] = await mustCall(h, caller, 'delegate', [hex(writer.eth), writer.iface.encodeFunctionData('write', [77n])]);
    assert.equal(ok, true);
    assert.equal((await mustCall(h, caller, 'slot0'))[0], 77n);
    assert.equal((await mustCall(h, writer, 'slot0'))[0], 0n);
    const storage = ContractStorage.load(h.store, readEvmState(h.store, h.tree.getActor(caller.id)!.head).contractState);
    assert.equal(storage.get(0n), 77n, 'the KAMT holds it');
  });

  it('transient storage is seen by calls in the same message and gone in the next', async () => {
    const h = createHarness();
    const t = await deployContract(h, C.Transient!);
    assert.equal((await mustCall(h, t, 'setAndRead', [5n]))[0], 5n);
    assert.equal((await mustCall(h, t, 'read'))[0], 0n);
  });
});

describe('SELFDESTRUCT on FEVM', () => {
  it('moves the funds, keeps running until the message ends, then the contract is dead: calls succeed empty', async () => {
    const h = createHarness();
    const doomed = await deployContract(h, C.Doomed!);
    await h.apply({ from: f410(ETH_A), to: Address.newId(doomed.id), value: 10n });
    const before = h.balance(f410(ETH_B));
    assert.equal((await mustCall(h, doomed, 'dieThenAsk', [hex(ETH_B)]))[0], 7n, 'storage still answers in the same message');
    assert.equal(h.balance(f410(ETH_B)) - before, 10n);
    assert.equal(h.balance(doomed.id), 0n);
    const later = await callContract(h, doomed, 'value');
    assert.equal(later.result.receipt.exitCode, ExitCode.OK);
    assert.equal(later.returnData.length, 0, 'a dead contract answers nothing');
    assert.notEqual(readEvmState(h.store, h.tree.getActor(doomed.id)!.head).tombstone, null);
  });

  it('CREATE2 resurrects a dead contract at the same address with fresh storage', async () => {
    const h = createHarness();
    const factory = await deployContract(h, C.DoomedFactory!);
    const salt = `0x${'01'.repeat(32)}`;
    const address = (await mustCall(h, factory, 'make', [salt]))[0] as string;
    const id = h.tree.lookupId(ethAddressToFilecoinAddress(hexToBytes(address)))!;
    const doomed = { id, eth: hexToBytes(address), iface: new Interface(C.Doomed!.abi as never) };
    await mustCall(h, doomed, 'set', [99n]);
    await mustCall(h, doomed, 'die', [hex(ETH_B)]);
    assert.equal((await mustCall(h, factory, 'make', [salt]))[0], address);
    assert.equal(h.tree.lookupId(ethAddressToFilecoinAddress(hexToBytes(address))), id, 'same actor');
    assert.equal((await mustCall(h, doomed, 'value'))[0], 7n, 'storage starts afresh');
  });
});
