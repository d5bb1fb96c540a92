// The devnet's chain (DESIGN.md "chain/"): one block per tipset, executed eagerly. Sealing tipset N
// executes its messages on the state after N−1, stores N's header (whose ParentStateRoot and
// ParentMessageReceipts are N−1's results, as in Lotus), N's own state root and receipts, and its
// indexes, in one ChainStore commit; listeners then hear of the new head. Messages that fail
// pre-validation (wrong nonce, cannot pay) are left out of the tipset, as a Lotus miner would.

import { PREVRANDAO_TAG } from '../actors/evm/interpreter.ts';
import { Amt, BufferedBlockstore, getBlock, signedMessageBlock, type Blockstore, type CID, type MessageBlock } from '../ipld/index.ts';
import { Address, EAM_ACTOR_ID, Protocol, SignatureType, blake2b256, logsBloom, maskedIdEthAddress, type SignedMessage } from '../primitives/index.ts';
import { StateTree } from '../state/index.ts';
import { NETWORK_VERSION, applyMessage, receiptToIpld, type ActorRegistry, type ApplyResult, type ExecutionContext } from '../vm/index.ts';
import { BLOCK_GAS_LIMIT, INITIAL_BASE_FEE, nextBaseFee } from './blocks/base-fee.ts';
import { blockHeaderCid, decodeBlockHeader, encodeBlockHeader, type BlockHeader } from './blocks/block-header.ts';
import { eventToLog } from './blocks/event-log.ts';
import { tipsetKeyCid } from './blocks/tipset.ts';
import { putTxMeta } from './blocks/tx-meta.ts';
import type { ChainStore, IndexedEvent, SealedTipset } from './store/chain-store.ts';
import type { TipsetRecord } from './store/tipset-record.ts';

const LEGACY_AMT = { version: 'v0' } as const;

export interface ChainConfig {
  store: ChainStore;
  registry: ActorRegistry;
  chainId: number;
  minerId: bigint;
}

/** A message as sealed, with its outcome. */
export interface ExecutedMessage {
  signed: SignedMessage;
  cid: CID;
  /** The message's block as the chain keeps it. */
  block: MessageBlock;
  result: ApplyResult;
}

export interface SealOptions {
  /** Seconds; after the head's. */
  timestamp: number;
  /** Default head + 1; a higher one leaves null rounds before it. */
  height?: number;
  /** The Ethereum transaction hash a message was submitted as (eth_sendRawTransaction), to index it. */
  ethTxHash?: (signed: SignedMessage) => Uint8Array | undefined;
}

export interface NewHead {
  record: TipsetRecord;
  header: BlockHeader;
  messages: ExecutedMessage[];
  /** The tipset's Ethereum logs in order (logIndex = position), for subscriptions. */
  logs: IndexedEvent[];
  /** Milliseconds: executing the messages, and the whole seal (execution, flush, encoding, commit). */
  timings: { execution: number; total: number };
}

export class Chain {
  readonly store: ChainStore;
  readonly registry: ActorRegistry;
  readonly chainId: number;
  readonly minerId: bigint;
  private readonly listeners = new Set<(head: NewHead) => void>();
  /** What PREVRANDAO answers in the next tipset, once (hardhat_setPrevRandao). */
  private nextPrevRandao: Uint8Array | undefined;

  constructor(config: ChainConfig) {
    this.store = config.store;
    this.registry = config.registry;
    this.chainId = config.chainId;
    this.minerId = config.minerId;
  }

  head(): TipsetRecord {
    const head = this.store.head();
    if (!head) throw new Error('the chain has no genesis');
    return head;
  }

  onHead(fn: (head: NewHead) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Seals the genesis tipset on `stateRoot` (a chain store without a head only). */
  sealGenesis(stateRoot: CID, timestamp: number, buffered: BufferedBlockstore): TipsetRecord {
    const emptyReceipts = Amt.create(buffered, LEGACY_AMT).flush();
    const header: BlockHeader = {
      miner: Address.newId(0n),
      ticket: blake2b256(new TextEncoder().encode('fevm-devnet genesis')),
      electionProof: { winCount: 1, vrfProof: new Uint8Array(32) },
      parents: [],
      parentWeight: 0n,
      height: 0,
      parentStateRoot: stateRoot,
      parentMessageReceipts: emptyReceipts,
      messages: putTxMeta(buffered, []),
      timestamp,
      parentBaseFee: INITIAL_BASE_FEE,
      signature: new Uint8Array(96),
    };
    const record = this.recordFor(header, buffered, { stateRoot, receipts: emptyReceipts, messages: [], gasUsed: 0n, nextBaseFee: nextBaseFee(INITIAL_BASE_FEE, []) });
    this.store.commit({ record, ethTxHashes: [], events: [], bloom: logsBloom([]) }, buffered);
    return record;
  }

  /**
   * Seals the next tipset with `messages` in order (up to the block gas limit) at `options.timestamp`
   * and `options.height` (default head + 1; higher leaves null rounds between); answers the new head.
   */
  async seal(messages: readonly SignedMessage[], options: SealOptions): Promise<NewHead> {
    const started = performance.now();
    const parent = this.head();
    const { timestamp, height = parent.height + 1 } = options;
    if (height <= parent.height) throw new RangeError(`tipset height ${height} is not above the head ${parent.height}`);
    if (timestamp <= parent.timestamp) throw new RangeError(`timestamp ${timestamp} is not after the head's ${parent.timestamp}`);
    const buffered = new BufferedBlockstore(this.store.blocks);
    const tree = StateTree.load(buffered, parent.stateRoot);
    const baseFee = parent.nextBaseFee;
    const context = this.contextFor(height, timestamp, baseFee, this.nextPrevRandao);
    this.nextPrevRandao = undefined;
    const executed: ExecutedMessage[] = [];
    let gasLimits = 0;
    for (const signed of ordered(messages)) {
      if (gasLimits + signed.message.gasLimit > BLOCK_GAS_LIMIT) continue;
      const block = signedMessageBlock(signed);
      const result = await applyMessage(tree, this.registry, context, signed.message, { size: block.bytes.length });
      if (!result.gasOutputs) continue; // refused before execution: not included
      gasLimits += signed.message.gasLimit;
      executed.push({ signed, cid: block.cid, block, result });
    }
    const execution = performance.now() - started;
    const stateRoot = tree.flush();
    const receipts = Amt.fromArray(buffered, executed.map((e) => receiptToIpld(e.result.receipt)), LEGACY_AMT).flush();
    const parentHeader = this.header(parent, buffered);
    const header: BlockHeader = {
      miner: Address.newId(this.minerId),
      ticket: blake2b256(new Uint8Array([...parent.key.bytes, ...new TextEncoder().encode(`ticket ${height}`)])),
      electionProof: { winCount: 1, vrfProof: blake2b256(new TextEncoder().encode(`election ${height}`)) },
      parents: parent.blocks,
      parentWeight: parentHeader.parentWeight + 1n,
      height,
      parentStateRoot: parent.stateRoot,
      parentMessageReceipts: parent.receipts,
      messages: putTxMeta(buffered, executed),
      timestamp,
      parentBaseFee: baseFee,
      signature: new Uint8Array(96),
    };
    const gasUsed = executed.reduce((sum, e) => sum + BigInt(e.result.receipt.gasUsed), 0n);
    const record = this.recordFor(header, buffered, {
      stateRoot,
      receipts,
      messages: executed.map((e) => e.cid),
      gasUsed,
      nextBaseFee: nextBaseFee(baseFee, executed.map((e) => e.signed.message)),
    });
    const events = indexEvents(tree, executed);
    const hashes = executed.flatMap((e) => {
      const hash = options.ethTxHash?.(e.signed);
      return hash ? [{ hash, cid: e.cid }] : [];
    });
    const sealed: SealedTipset = { record, ethTxHashes: hashes, events, bloom: logsBloom(events) };
    // Only the DAG under the tipset is kept: the states between its messages are never read again.
    buffered.keepReachable([stateRoot, receipts, ...record.blocks]);
    this.store.commit(sealed, buffered);
    const head: NewHead = { record, header, messages: executed, logs: events, timings: { execution, total: performance.now() - started } };
    for (const fn of this.listeners) fn(head);
    return head;
  }

  /**
   * Edits the head's state in place (hardhat_setBalance and friends): the next tipset builds on the
   * edited state. Such edits are no messages, so re-executing the chain does not reproduce them.
   */
  editHeadState(edit: (tree: StateTree) => void): TipsetRecord {
    const head = this.head();
    const buffered = new BufferedBlockstore(this.store.blocks);
    const tree = StateTree.load(buffered, head.stateRoot);
    edit(tree);
    const record = { ...head, stateRoot: tree.flush() };
    this.store.replaceHead(record, buffered);
    return record;
  }

  /**
   * Sets the base fee the next tipset runs at (hardhat_setNextBlockBaseFeePerGas): the head's record
   * carries it, so a snapshot of the head keeps the base fee it had.
   */
  setNextBaseFee(baseFee: bigint): TipsetRecord {
    const record = { ...this.head(), nextBaseFee: baseFee };
    this.store.replaceHead(record, new BufferedBlockstore(this.store.blocks));
    return record;
  }

  /**
   * Makes PREVRANDAO answer `value` (32 bytes) in the next tipset instead of the devnet beacon's
   * (hardhat_setPrevRandao). Like a state edit it is no message: re-executing the chain does not
   * reproduce it.
   */
  setNextPrevRandao(value: Uint8Array): void {
    this.nextPrevRandao = value;
  }

  /** The header of a tipset's (only) block. */
  header(record: TipsetRecord, store: Blockstore = this.store.blocks): BlockHeader {
    return readHeader(store, record.blocks[0]!);
  }

  /** What the VM sees while it executes the tipset at `height`; `prevRandao` replaces the beacon's PREVRANDAO. */
  contextFor(height: number, timestamp: number, baseFee: bigint, prevRandao?: Uint8Array): ExecutionContext {
    return {
      epoch: height,
      timestamp,
      baseFee,
      chainId: this.chainId,
      networkVersion: NETWORK_VERSION,
      miner: this.minerId,
      beaconRandomness: (tag, epoch, entropy) => (prevRandao && tag === PREVRANDAO_TAG && epoch === height ? prevRandao : devnetBeacon(tag, epoch, entropy)),
      tipsetCid: (epoch) => this.tipsetCidAt(epoch),
    };
  }

  private tipsetCidAt(epoch: number): CID | undefined {
    for (let h = epoch; h >= 0; h--) {
      const record = this.store.atHeight(h);
      if (record) return record.key;
    }
    return undefined;
  }

  private recordFor(header: BlockHeader, store: Blockstore, rest: Pick<TipsetRecord, 'stateRoot' | 'receipts' | 'messages' | 'gasUsed' | 'nextBaseFee'>): TipsetRecord {
    const bytes = encodeBlockHeader(header);
    const cid = blockHeaderCid(header);
    store.put(cid, bytes);
    return { height: header.height, key: tipsetKeyCid([cid]), blocks: [cid], timestamp: header.timestamp, baseFee: header.parentBaseFee, ...rest };
  }
}

function readHeader(store: Blockstore, cid: CID): BlockHeader {
  return decodeBlockHeader(getBlock(store, cid));
}

/** Lotus's order within a block: BLS-signed messages, then secp and delegated ones. */
function ordered(messages: readonly SignedMessage[]): SignedMessage[] {
  return [...messages.filter((m) => m.signature.type === SignatureType.BLS), ...messages.filter((m) => m.signature.type !== SignatureType.BLS)];
}

/** The devnet's beacon: deterministic per epoch (there is no drand here), then Lotus's domain separation. */
export function devnetBeacon(tag: number, epoch: number, entropy: Uint8Array): Uint8Array {
  const beacon = blake2b256(new TextEncoder().encode(`fevm-devnet beacon ${epoch}`));
  const seed = new Uint8Array(8 + beacon.length + 8 + entropy.length);
  new DataView(seed.buffer).setBigInt64(0, BigInt(tag));
  seed.set(beacon, 8);
  new DataView(seed.buffer).setBigInt64(8 + beacon.length, BigInt(epoch));
  seed.set(entropy, 16 + beacon.length);
  return blake2b256(seed);
}

function indexEvents(tree: StateTree, executed: ExecutedMessage[]): IndexedEvent[] {
  const out: IndexedEvent[] = [];
  executed.forEach((e, messageIndex) => {
    for (const stamped of e.result.events) {
      const log = eventToLog(stamped.event);
      if (!log) continue;
      out.push({ messageIndex, address: ethAddressOfActor(tree, stamped.emitter), ...log });
    }
  });
  return out;
}

function ethAddressOfActor(tree: StateTree, id: bigint): Uint8Array {
  const delegated = tree.getActor(id)?.delegatedAddress;
  if (delegated && delegated.protocol === Protocol.DELEGATED && delegated.namespace === EAM_ACTOR_ID) return delegated.subaddress;
  return maskedIdEthAddress(id);
}

