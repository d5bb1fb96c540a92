// State files (anvil_dumpState / anvil_loadState, `fevm-devnet start --dump-state / --load-state`): the
// whole chain and its state as one CAR v1 file, so a team can share a prepared devnet. The CAR's one
// root is a manifest block that lists every tipset as the chain store keeps it (record, indexed Ethereum
// hashes, events, bloom); the headers, messages, receipts and every state tree hang below it as links.
// Loading checks the file whole (hashes, manifest, chain id, every linked block present, headers that
// match their records) before it replaces anything, so a bad file costs nothing.
// Not owned here: CAR encoding (ipld/car.ts), the Ethereum hashes of messages (the caller gives them).

import { BufferedBlockstore, CID, EMPTY_ARR_CID, collectDag, decodeCbor, encodeCbor, exportCar, getBlock, importCar, blockCid } from '../ipld/index.ts';
import { FatalError, InvalidInputError, bigintToBytes, bytesToBigint, type SignedMessage } from '../primitives/index.ts';
import { StateTree } from '../state/index.ts';
import { decodeBlockHeader } from './blocks/block-header.ts';
import { tipsetKeyCid } from './blocks/tipset.ts';
import type { Chain } from './chain.ts';
import type { IndexedEvent, SealedTipset } from './store/chain-store.ts';

export class StateFileError extends InvalidInputError {
  override readonly name = 'StateFileError';
}

const FORMAT = 'fevm-devnet/state';
const VERSION = 1;

type TipsetEntry = [
  height: number,
  blocks: CID[],
  timestamp: number,
  baseFee: Uint8Array,
  stateRoot: CID,
  receipts: CID,
  messages: CID[],
  gasUsed: Uint8Array,
  nextBaseFee: Uint8Array,
  ethTxHashes: [Uint8Array, CID][],
  events: [number, Uint8Array, Uint8Array[], Uint8Array][],
  bloom: Uint8Array,
];

interface Manifest {
  format: string;
  version: number;
  chainId: number;
  tipsets: TipsetEntry[];
}

export interface DumpOptions {
  /** The Ethereum transaction hash a message is indexed by (delegated messages), or undefined. */
  ethTxHash: (signed: SignedMessage, cid: CID) => Uint8Array | undefined;
  /** Reads a message of the chain by CID. */
  message: (cid: CID) => SignedMessage;
}

/** The chain from genesis to head, with every state and index, as CAR bytes. */
export function dumpChainState(chain: Chain, options: DumpOptions): Uint8Array {
  const store = chain.store;
  const tipsets: TipsetEntry[] = [];
  for (let height = 0; height <= chain.head().height; height++) {
    const r = store.atHeight(height);
    if (!r) continue;
    const hashes = r.messages.flatMap((cid): [Uint8Array, CID][] => {
      const hash = options.ethTxHash(options.message(cid), cid);
      return hash ? [[hash, cid]] : [];
    });
    const events = store.eventsAt(height).map((e): TipsetEntry[10][number] => [e.messageIndex, e.address, e.topics, e.data]);
    const bloom = store.bloom(height);
    if (!bloom) throw new FatalError(`tipset ${height} has no bloom in the chain store`);
    tipsets.push([r.height, r.blocks, r.timestamp, bigintToBytes(r.baseFee), r.stateRoot, r.receipts, r.messages, bigintToBytes(r.gasUsed), bigintToBytes(r.nextBaseFee), hashes, events, bloom]);
  }
  const manifest: Manifest = { format: FORMAT, version: VERSION, chainId: chain.chainId, tipsets };
  const bytes = encodeCbor(manifest);
  const root = blockCid(bytes);
  const overlay = new BufferedBlockstore(store.blocks); // the manifest goes into the file, not the store
  overlay.put(root, bytes);
  // Every actor without state has the empty array as its head, linked but never written, as in Lotus.
  overlay.put(EMPTY_ARR_CID, encodeCbor([]));
  return exportCar(overlay, [root]);
}

/**
 * Replaces the chain with the one in a state file (all or nothing); answers the new head's height.
 * The caller stops block production first and empties what refers to the old chain (mempool, snapshots).
 */
export function loadChainState(chain: Chain, file: Uint8Array): { height: number; blocks: number } {
  const buffered = new BufferedBlockstore(chain.store.blocks);
  const { roots, blocks } = importCar(buffered, file);
  if (roots.length !== 1) throw new StateFileError(`a state file has one root (its manifest); this CAR has ${roots.length}`);
  const manifest = readManifest(buffered, roots[0]!);
  if (manifest.chainId !== chain.chainId) {
    throw new StateFileError(`the state file is of chain id ${manifest.chainId}, this devnet's is ${chain.chainId}`, { details: `start it with --chain-id ${manifest.chainId}` });
  }
  try {
    collectDag(buffered, roots);
  } catch (cause) {
    throw new StateFileError('the state file is incomplete', { cause, details: cause instanceof Error ? cause.message : undefined });
  }
  const sealed = manifest.tipsets.map((entry) => sealedTipsetOf(buffered, entry));
  sealed.forEach((s, i) => {
    if (i > 0 && s.record.height <= sealed[i - 1]!.record.height) throw new StateFileError(`tipset heights go down at ${s.record.height}`);
  });
  if (sealed[0]?.record.height !== 0) throw new StateFileError('the state file has no genesis tipset');
  StateTree.load(buffered, sealed.at(-1)!.record.stateRoot); // the head's state root must be a state tree
  chain.store.replaceChain(sealed, buffered);
  return { height: sealed.at(-1)!.record.height, blocks };
}

function readManifest(store: BufferedBlockstore, root: CID): Manifest {
  let raw: unknown;
  try {
    raw = decodeCbor(getBlock(store, root));
  } catch (cause) {
    throw new StateFileError('the state file\'s root is not a readable manifest', { cause });
  }
  const m = raw as Partial<Manifest> | null;
  if (!m || m.format !== FORMAT) throw new StateFileError('this CAR is not a fevm-devnet state file (anvil\'s JSON state files cannot be loaded here)');
  if (m.version !== VERSION) throw new StateFileError(`state file version ${String(m.version)} is not supported (this devnet reads version ${VERSION})`);
  if (typeof m.chainId !== 'number' || !Array.isArray(m.tipsets)) throw new StateFileError('the state file\'s manifest is malformed');
  return m as Manifest;
}

function sealedTipsetOf(store: BufferedBlockstore, entry: unknown): SealedTipset {
  if (!Array.isArray(entry) || entry.length !== 12) throw new StateFileError('a tipset entry of the state file is malformed');
  const [height, blocks, timestamp, baseFee, stateRoot, receipts, messages, gasUsed, nextBaseFee, hashes, events, bloom] = entry as TipsetEntry;
  const cids = (v: unknown) => (Array.isArray(v) ? v.map(cid) : malformed());
  try {
    const record = {
      height: whole(height),
      key: tipsetKeyCid(cids(blocks)),
      blocks: cids(blocks),
      timestamp: whole(timestamp),
      baseFee: bytesToBigint(baseFee),
      stateRoot: cid(stateRoot),
      receipts: cid(receipts),
      messages: cids(messages),
      gasUsed: bytesToBigint(gasUsed),
      nextBaseFee: bytesToBigint(nextBaseFee),
    };
    const header = decodeBlockHeader(getBlock(store, record.blocks[0] ?? malformed()));
    if (header.height !== record.height || header.timestamp !== record.timestamp) throw new StateFileError(`tipset ${record.height}'s header does not match its entry`);
    const indexed: IndexedEvent[] = events.map(([messageIndex, address, topics, data]) => ({ messageIndex: whole(messageIndex), address, topics, data }));
    return { record, ethTxHashes: hashes.map(([hash, c]) => ({ hash, cid: cid(c) })), events: indexed, bloom };
  } catch (cause) {
    if (cause instanceof StateFileError) throw cause;
    throw new StateFileError('a tipset entry of the state file is malformed', { cause, details: cause instanceof Error ? cause.message : undefined });
  }
}

function cid(v: unknown): CID {
  return CID.asCID(v) ?? malformed();
}

function whole(v: unknown): number {
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : malformed();
}

function malformed(): never {
  throw new StateFileError('a tipset entry of the state file is malformed');
}
