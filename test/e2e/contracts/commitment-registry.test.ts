// contracts/CommitmentRegistry.sol on the devnet over HTTP with ethers: a layer-2 sequencer posts state
// roots with a FIL bond; within the challenge window the challenger removes one and takes its bond;
// after it (evm_increaseTime + evm_mine) a root finalizes and the bond goes back.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { id as keccakText, parseEther } from 'ethers';
import { compileExample, deploy, startExampleDevnet, type ExampleDevnet } from './contract-devnet.ts';

const REGISTRY = compileExample('CommitmentRegistry.sol');
const WINDOW = 3600;
const BOND = parseEther('1');
// Tipsets mined faster than one a second run ahead of the clock (each is at least its parent + 1 s), so
// time travel adds a margin to the window rather than landing on it exactly.
const PAST_WINDOW = WINDOW + 600;

describe('CommitmentRegistry: layer-2 checkpoints with a challenge window', () => {
  let net: ExampleDevnet;
  let registry: Awaited<ReturnType<typeof deploy>>;
  const as = (i: number) => registry.connect(net.wallets[i]!) as typeof registry;
  const reason = (text: string) => (e: Error & { reason?: string }) => e.reason === text;
  const Status = { Pending: 1n, Challenged: 2n, Finalized: 3n };

  before(async () => {
    net = await startExampleDevnet(3);
    registry = await deploy(REGISTRY, net.wallets[0]!, net.wallets[0]!.address, net.wallets[1]!.address, WINDOW, BOND);
  });
  after(() => net.close());

  async function submit(root: string, l2Block: number) {
    const receipt = await (await as(0).submit(root, l2Block, { value: BOND })).wait();
    return { receipt: receipt!, event: registry.interface.parseLog(receipt!.logs[0]!)! };
  }

  it('a submission records the root, its block and when its window ends; only the sequencer with the bond may submit', async () => {
    const { receipt, event } = await submit(keccakText('state at L2 block 100'), 100);
    const block = await net.provider.getBlock(receipt.blockNumber);
    assert.deepEqual([...event.args], [0n, keccakText('state at L2 block 100'), 100n, BigInt(block!.timestamp + WINDOW)]);
    const checkpoint = await registry.checkpoints(0n);
    assert.equal(checkpoint.submittedBlock, BigInt(receipt.blockNumber), 'block.number is the Ethereum block number of the tipset');
    assert.equal(checkpoint.status, Status.Pending);
    await assert.rejects(as(1).submit(keccakText('x'), 1, { value: BOND }), reason('Commitments: not the sequencer'));
    await assert.rejects(as(0).submit(keccakText('x'), 1, { value: 1n }), reason('Commitments: wrong bond'));
    await assert.rejects(registry.finalize(0n), reason('Commitments: still in challenge window'));
  });

  it('the challenger removes a root within the window and takes its bond', async () => {
    await submit(keccakText('bad state at L2 block 200'), 200);
    const challenger = net.wallets[1]!.address;
    const before = await net.provider.getBalance(challenger);
    const receipt = await (await as(1).challenge(1n)).wait();
    const gained = (await net.provider.getBalance(challenger)) - before;
    assert.ok(gained > BOND - parseEther('0.01') && gained < BOND, `the bond less gas, got ${gained}`);
    assert.equal(registry.interface.parseLog(receipt!.logs[0]!)!.name, 'Challenged');
    assert.equal((await registry.checkpoints(1n)).status, Status.Challenged);
    await assert.rejects(registry.finalize(1n), reason('Commitments: not pending'));
    await assert.rejects(as(0).challenge(0n), reason('Commitments: not the challenger'));
  });

  it('after the window (evm_increaseTime, evm_mine) a challenge reverts and the root finalizes, returning the bond', async () => {
    const height = await net.provider.getBlockNumber();
    await net.rpc('evm_increaseTime', [PAST_WINDOW]);
    await net.rpc('evm_mine');
    assert.equal(await net.provider.getBlockNumber(), height + 1);
    await assert.rejects(as(1).challenge(0n), reason('Commitments: challenge window closed'));
    const contract = await registry.getAddress();
    assert.equal(await net.provider.getBalance(contract), BOND, 'the first bond is still held');
    const receipt = await (await as(2).finalize(0n)).wait(); // anyone may finalize
    assert.deepEqual([...registry.interface.parseLog(receipt!.logs[0]!)!.args], [0n, keccakText('state at L2 block 100')]);
    assert.equal(await net.provider.getBalance(contract), 0n, 'bond returned to the sequencer');
    assert.equal(await registry.lastFinalized(), 0n);
  });

  it('roots finalize in order: a later one waits for the earlier pending one', async () => {
    await submit(keccakText('state at L2 block 300'), 300);
    await submit(keccakText('state at L2 block 400'), 400);
    await net.rpc('evm_increaseTime', [PAST_WINDOW]);
    await net.rpc('evm_mine');
    await assert.rejects(registry.finalize(3n), reason('Commitments: an earlier checkpoint is pending'));
    await (await registry.finalize(2n)).wait(); // index 1 was challenged, so 2 follows 0
    await (await registry.finalize(3n)).wait();
    assert.equal(await registry.lastFinalized(), 3n);
  });
});
