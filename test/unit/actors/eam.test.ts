// The EAM: address derivation vectors of builtin-actors (FEVM-FACTS §3.3 and appendix), reserved
// addresses, and CreateExternal / Create / Create2 through Init.Exec4, with a stand-in EVM actor that
// records its constructor parameters (the real one arrives with the EVM actor).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCodeCid, canAssignAddress, computeCreate2Address, computeCreateAddress } from '../../../src/actors/index.ts';
import { decodeCbor, encodeCbor, getCbor, putCbor } from '../../../src/ipld/index.ts';
import { Address, ExitCode, bytesToHex, hexToBytes, keccak256, maskedIdEthAddress } from '../../../src/primitives/index.ts';
import { ActorType, cborBlock, decodeParams, extractSendResult, type ActorCode } from '../../../src/vm/index.ts';
import { ETH_A, F1_KEY, START_BALANCE, createHarness, f410, withTestActors } from '../../helpers/fvm-harness.ts';

const hex = (s: string) => hexToBytes(s);
const EAM = Address.newId(10);

/** Stand-in EVM actor: the constructor stores its params; method 100 forwards a Create/Create2 to the EAM. */
const fakeEvm: ActorCode = {
  name: 'evm',
  type: ActorType.EVM,
  async invoke(rt, method, params) {
    if (method === 1) {
      rt.setStateRoot(putCbor(rt.store, decodeParams(params, 'constructor')));
      return null;
    }
    if (method === 100) {
      const [eamMethod, eamParams] = decodeParams<[number, unknown]>(params, 'forward');
      return extractSendResult(await rt.send(EAM, eamMethod, cborBlock(eamParams), 0n), 'create');
    }
    return null;
  },
};

function harness() {
  return createHarness((r) => withTestActors(r, [{ code: builtinCodeCid(ActorType.EVM), actor: fakeEvm }]));
}

describe('EAM address derivation', () => {
  it('CREATE vectors', async () => {
    assert.equal(bytesToHex(computeCreateAddress(new Uint8Array(20), 0n)), '0xbd770416a3345f91e4b34576cb804a576fa48eb1');
    assert.equal(bytesToHex(computeCreateAddress(new Uint8Array(20), 200n)), '0xa6b14387c1356b443061155e9c3e17f72c1777e5');
    assert.equal(bytesToHex(computeCreateAddress(new Uint8Array(20).fill(0x7b), 12345n)), '0x809a9ab0471e78ee5100e96ca4d0828d1b97e2ba');
  });

  it('CREATE2 vectors', async () => {
    assert.equal(bytesToHex(computeCreate2Address(new Uint8Array(20), new Uint8Array(32), new Uint8Array(0))), '0xe33c0c7f7df4809055c3eba6c09cfe4baf1bd9e0');
    assert.equal(
      bytesToHex(computeCreate2Address(new Uint8Array(20).fill(0x99), new Uint8Array(32).fill(0x42), new TextEncoder().encode('foobar'))),
      '0x64425c93a90901271fa355c2bc462190803b97d4',
    );
  });

  it('reserved targets: null, precompile-shaped (0x00…XX, 0xfe00…XX) and masked-ID addresses', async () => {
    assert.equal(canAssignAddress(new Uint8Array(20)), false);
    assert.equal(canAssignAddress(hex('0x0000000000000000000000000000000000000020')), false);
    assert.equal(canAssignAddress(hex('0xfe00000000000000000000000000000000000020')), false);
    assert.equal(canAssignAddress(maskedIdEthAddress(8224)), false);
    assert.equal(canAssignAddress(hex('0xfe00000000000000000000000000000000010020')), true);
    assert.equal(canAssignAddress(hex('0x0100000000000000000000000000000000000000')), true);
  });
});

describe('EAM methods', () => {
  it('CreateExternal from an EthAccount deploys at the Ethereum CREATE address of sender and nonce', async () => {
    const h = harness();
    await h.apply({ from: f410(ETH_A), to: f410(ETH_A) });
    const r = await h.apply({ from: f410(ETH_A), to: EAM, method: 4, params: encodeCbor(Uint8Array.of(0x60, 0x00)), value: 7n, gasLimit: 100_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.OK, r.failure ?? '');
    const [id, robust, eth] = decodeCbor<[number, Uint8Array, Uint8Array]>(r.receipt.returnData);
    assert.equal(bytesToHex(eth), bytesToHex(computeCreateAddress(ETH_A, 1n)));
    const contract = h.tree.getActor(BigInt(id))!;
    assert.ok(contract.code.equals(builtinCodeCid(ActorType.EVM)));
    assert.ok(contract.delegatedAddress?.equals(Address.newDelegated(10, eth)));
    assert.equal(contract.balance, 7n);
    assert.equal(h.tree.lookupId(Address.fromBytes(robust)), BigInt(id));
    assert.deepEqual(getCbor(h.store, contract.head), [ETH_A, Uint8Array.of(0x60, 0x00)]);
  });

  it('CreateExternal takes over a placeholder at the address, keeping its balance', async () => {
    const h = harness();
    const target = computeCreateAddress(ETH_A, 1n);
    await h.apply({ from: f410(ETH_A), to: f410(target), value: 100n });
    const placeholderId = h.tree.lookupId(f410(target));
    const r = await h.apply({ from: f410(ETH_A), to: EAM, method: 4, params: encodeCbor(Uint8Array.of(1)), gasLimit: 100_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.OK);
    const [id] = decodeCbor<[number]>(r.receipt.returnData);
    assert.equal(BigInt(id), placeholderId);
    assert.equal(h.balance(BigInt(id)), 100n);
    assert.ok(h.tree.getActor(BigInt(id))!.code.equals(builtinCodeCid(ActorType.EVM)));
  });

  it('CreateExternal from an f1 account derives from keccak of its key address; the creator is its masked id', async () => {
    const h = harness();
    const r = await h.apply({ from: F1_KEY, to: EAM, method: 4, params: encodeCbor(Uint8Array.of(1)), gasLimit: 100_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.OK, r.failure ?? '');
    const [id, , eth] = decodeCbor<[number, Uint8Array, Uint8Array]>(r.receipt.returnData);
    assert.equal(bytesToHex(eth), bytesToHex(computeCreateAddress(keccak256(F1_KEY.bytes).subarray(12), 0n)));
    const [creator] = getCbor<[Uint8Array]>(h.store, h.tree.getActor(BigInt(id))!.head);
    assert.equal(bytesToHex(creator), bytesToHex(maskedIdEthAddress(h.ids.f1)));
  });

  it('Create and Create2 are for EVM actors only, and derive from the contract address', async () => {
    const h = harness();
    assert.equal((await h.apply({ from: f410(ETH_A), to: EAM, method: 2, params: encodeCbor([Uint8Array.of(1), 1]) })).receipt.exitCode, ExitCode.USR_FORBIDDEN);
    const deployed = await h.apply({ from: f410(ETH_A), to: EAM, method: 4, params: encodeCbor(Uint8Array.of(1)), gasLimit: 100_000_000 });
    const [contractId, , contractEth] = decodeCbor<[number, Uint8Array, Uint8Array]>(deployed.receipt.returnData);
    const contract = Address.newId(contractId);
    const create = await h.apply({ from: f410(ETH_A), to: contract, method: 100, params: encodeCbor([2, [Uint8Array.of(2), 1]]), gasLimit: 100_000_000 });
    assert.equal(create.receipt.exitCode, ExitCode.OK, create.failure ?? '');
    assert.equal(bytesToHex(decodeCbor<unknown[]>(create.receipt.returnData)[2] as Uint8Array), bytesToHex(computeCreateAddress(contractEth, 1n)));
    const salt = new Uint8Array(32).fill(5);
    const create2 = await h.apply({ from: f410(ETH_A), to: contract, method: 100, params: encodeCbor([3, [Uint8Array.of(3), salt]]), gasLimit: 100_000_000 });
    assert.equal(bytesToHex(decodeCbor<unknown[]>(create2.receipt.returnData)[2] as Uint8Array), bytesToHex(computeCreate2Address(contractEth, salt, Uint8Array.of(3))));
  });

  it('deploying over an existing non-placeholder actor is forbidden', async () => {
    const h = harness();
    // An EthAccount (not a placeholder) already lives where ETH_A's deployment at nonce 1 would go.
    const target = computeCreateAddress(ETH_A, 1n);
    await h.apply({ from: f410(ETH_A), to: f410(target), value: START_BALANCE / 10n });
    await h.apply({ from: f410(target), to: f410(ETH_A), value: 1n });
    const r = await h.apply({ from: f410(ETH_A), to: EAM, method: 4, params: encodeCbor(Uint8Array.of(1)), gasLimit: 100_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.USR_FORBIDDEN);
  });

  it('CreateExternal must come from the message sender itself, not from a contract', async () => {
    const h = harness();
    const deployed = await h.apply({ from: f410(ETH_A), to: EAM, method: 4, params: encodeCbor(Uint8Array.of(1)), gasLimit: 100_000_000 });
    const [contractId] = decodeCbor<[number]>(deployed.receipt.returnData);
    const r = await h.apply({ from: f410(ETH_A), to: Address.newId(contractId), method: 100, params: encodeCbor([4, Uint8Array.of(1)]), gasLimit: 100_000_000 });
    assert.equal(r.receipt.exitCode, ExitCode.USR_FORBIDDEN);
  });
});
