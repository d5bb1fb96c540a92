// The Filecoin.* companions: address conversions both ways, the head in Lotus's JSON, actors, nonces,
// balances, and MpoolPush of a native f1-signed message (a bad signature is refused).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDevnet, type Devnet } from '../../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../../src/chain/dev-accounts.ts';
import { ATTO_PER_FIL, ethAddressToFilecoinAddress, type Message } from '../../../src/primitives/index.ts';
import { signMessageSecp256k1 } from '../../../src/vm/index.ts';
import { JsonRpcProvider, Wallet, ContractFactory, Contract } from 'ethers';
import { compileFixture } from '../../helpers/evm-contracts.ts';
import { bytesToHex, hexToBytes } from '../../../src/primitives/index.ts';

/** Deploys the Counter and bumps it once; answers the bump's height and the contract's actor id. */
async function deployCounter(devnet: Devnet, C: ReturnType<typeof compileFixture>): Promise<{ h: number; deployed: bigint }> {
  const provider = new JsonRpcProvider(devnet.url, 31415926, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  const wallet = new Wallet(bytesToHex(deriveDevAccounts({ count: 1 }).eth[0]!.privateKey), provider);
  const counter = (await new ContractFactory(C.Counter!.abi as never, C.Counter!.bytecode, wallet).deploy()) as Contract;
  await counter.waitForDeployment();
  const receipt = await (await counter.getFunction('bump')()).wait();
  provider.destroy();
  const f410 = ethAddressToFilecoinAddress(hexToBytes(await counter.getAddress())).toString('t');
  const id = (await devnet.provider.request({ method: 'Filecoin.StateLookupID', params: [f410, null] })) as string;
  return { h: receipt!.blockNumber, deployed: BigInt(id.slice(2)) };
}

const accounts = deriveDevAccounts({ count: 2 });

describe('Filecoin.* companions', () => {
  let devnet: Devnet;
  const rpc = (method: string, params: unknown[] = []) => devnet.provider.request({ method, params });

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
  });

  after(async () => {
    await devnet.close();
  });

  it('converts addresses both ways and looks actors up', async () => {
    const eth = accounts.eth[0]!;
    const f410 = (await rpc('Filecoin.EthAddressToFilecoinAddress', [eth.checksumAddress])) as string;
    assert.equal(f410, eth.f410.toString('t'));
    assert.equal(await rpc('Filecoin.FilecoinAddressToEthAddress', [f410]), eth.checksumAddress.toLowerCase());
    assert.equal(await rpc('Filecoin.StateLookupID', [f410, null]), 't0100');
    assert.equal(await rpc('Filecoin.FilecoinAddressToEthAddress', ['t01000']), '0xff000000000000000000000000000000000003e8');
    const actor = (await rpc('Filecoin.StateGetActor', [f410, null])) as { Balance: string; Nonce: number };
    assert.equal(actor.Balance, (10_000n * ATTO_PER_FIL).toString());
    const head = (await rpc('Filecoin.ChainHead')) as { Height: number; Cids: { '/': string }[]; Blocks: { Miner: string }[] };
    assert.equal(head.Height, devnet.node.chain.head().height);
    assert.equal(head.Cids[0]!['/'], devnet.node.chain.head().blocks[0]!.toString());
    assert.equal(await rpc('Filecoin.StateNetworkName'), 'fevm-devnet');
    assert.equal(await rpc('Filecoin.StateLookupRobustAddress', ['t0100', null]), f410);
    assert.equal(await rpc('Filecoin.StateLookupRobustAddress', [accounts.filecoin.address.toString('t'), null]), accounts.filecoin.address.toString('t'));
  });

  it('GetActorEventsRaw answers the raw events of a contract, by emitter and height', async () => {
    const C = compileFixture('CallTree.sol');
    const { h, deployed } = await deployCounter(devnet, C);
    const events = (await rpc('Filecoin.GetActorEventsRaw', [{ fromHeight: 0, toHeight: h, addresses: [`t0${deployed}`] }])) as { entries: { Key: string; Codec: number }[]; emitter: string }[];
    assert.equal(events.length, 1);
    assert.equal(events[0]!.emitter, `t0${deployed}`);
    assert.deepEqual(events[0]!.entries.map((e) => [e.Key, e.Codec]), [['t1', 0x55], ['t2', 0x55], ['d', 0x55]]);
  });

  it('MpoolPush takes a native f1-signed message in Lotus JSON and mines it; a bad signature is refused', async () => {
    const f1 = accounts.filecoin;
    const to = ethAddressToFilecoinAddress(accounts.eth[1]!.ethAddress);
    const message: Message = { version: 0, to, from: f1.address, sequence: 0n, value: 42n, gasLimit: 10_000_000, gasFeeCap: 1_000_000_000n, gasPremium: 100_000n, method: 0, params: new Uint8Array(0) };
    const signed = signMessageSecp256k1(message, f1.privateKey);
    const json = {
      Message: { Version: 0, To: to.toString('t'), From: f1.address.toString('t'), Nonce: 0, Value: '42', GasLimit: 10_000_000, GasFeeCap: '1000000000', GasPremium: '100000', Method: 0, Params: null },
      Signature: { Type: 1, Data: Buffer.from(signed.signature.data).toString('base64') },
    };
    const bad = structuredClone(json);
    bad.Message.Value = '43';
    await assert.rejects(rpc('Filecoin.MpoolPush', [bad]), /signed by .*, not by the sender/);
    const cid = (await rpc('Filecoin.MpoolPush', [json])) as { '/': string };
    assert.match(cid['/'], /^bafy/);
    await devnet.node.producer.idle();
    assert.equal(await rpc('Filecoin.MpoolGetNonce', [f1.address.toString('t')]), 1);
    assert.equal(await rpc('Filecoin.WalletBalance', [to.toString('t')]), (10_000n * ATTO_PER_FIL + 42n).toString());
  });
});
