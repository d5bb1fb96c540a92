// Filecoin block headers (LOTUS:chain/types/blockheader.go; FEVM-FACTS §7): the 16-field CBOR tuple
// `[miner, ticket, election proof, beacon entries, winning PoSt proofs, parents, parent weight, height,
// parent state root, parent message receipts, messages (TxMeta), BLS aggregate, timestamp, block
// signature, fork signaling, parent base fee]`. On the devnet the ticket, election proof and signature
// are filled deterministically (there is no VRF or worker key); everything else means what Lotus means.

import { CID, blockCid, encodeCbor, decodeCbor } from '../../ipld/index.ts';
import { Address, FatalError, bigintToBytes, bytesToBigint } from '../../primitives/index.ts';

export interface BlockHeader {
  miner: Address;
  /** Ticket VRF proof (devnet: blake2b of the parent key and height). */
  ticket: Uint8Array;
  electionProof: { winCount: number; vrfProof: Uint8Array };
  parents: CID[];
  parentWeight: bigint;
  height: number;
  /** State after executing the parent tipset's messages. */
  parentStateRoot: CID;
  /** Receipts (legacy AMT) of the parent tipset's messages. */
  parentMessageReceipts: CID;
  /** TxMeta: `[bls messages AMT, secp messages AMT]` of this block. */
  messages: CID;
  /** Seconds since the Unix epoch. */
  timestamp: number;
  /** Base fee this tipset's messages pay. */
  parentBaseFee: bigint;
  /** Block signature (devnet: a marker, type BLS with deterministic bytes). */
  signature: Uint8Array;
}

const SIGNATURE_BLS = 2;

export function blockHeaderToIpld(h: BlockHeader): unknown[] {
  return [
    h.miner.bytes,
    [h.ticket],
    [h.electionProof.winCount, h.electionProof.vrfProof],
    [],
    [],
    h.parents,
    bigintToBytes(h.parentWeight),
    h.height,
    h.parentStateRoot,
    h.parentMessageReceipts,
    h.messages,
    null,
    h.timestamp,
    Uint8Array.of(SIGNATURE_BLS, ...h.signature),
    0,
    bigintToBytes(h.parentBaseFee),
  ];
}

export function blockHeaderFromIpld(raw: unknown): BlockHeader {
  if (!Array.isArray(raw) || raw.length !== 16) throw new FatalError('a block header is a 16-field tuple');
  const [miner, ticket, election, , , parents, weight, height, stateRoot, receipts, messages, , timestamp, signature, , baseFee] = raw as unknown[];
  const cid = (v: unknown, what: string) => CID.asCID(v) ?? fail(what);
  const bytes = (v: unknown, what: string) => (v instanceof Uint8Array ? v : fail(what));
  const [vrf] = Array.isArray(ticket) ? ticket : [];
  const [winCount, proof] = Array.isArray(election) ? election : [];
  const sig = bytes(signature, 'signature');
  return {
    miner: Address.fromBytes(bytes(miner, 'miner')),
    ticket: bytes(vrf, 'ticket'),
    electionProof: { winCount: Number(winCount), vrfProof: bytes(proof, 'election proof') },
    parents: Array.isArray(parents) ? parents.map((p) => cid(p, 'parent')) : fail('parents'),
    parentWeight: bytesToBigint(bytes(weight, 'parent weight')),
    height: Number(height),
    parentStateRoot: cid(stateRoot, 'parent state root'),
    parentMessageReceipts: cid(receipts, 'parent message receipts'),
    messages: cid(messages, 'messages'),
    timestamp: Number(timestamp),
    parentBaseFee: bytesToBigint(bytes(baseFee, 'parent base fee')),
    signature: sig.subarray(1),
  };
}

function fail(what: string): never {
  throw new FatalError(`malformed block header: ${what}`);
}

export function encodeBlockHeader(h: BlockHeader): Uint8Array {
  return encodeCbor(blockHeaderToIpld(h));
}

export function decodeBlockHeader(bytes: Uint8Array): BlockHeader {
  return blockHeaderFromIpld(decodeCbor(bytes));
}

export function blockHeaderCid(h: BlockHeader): CID {
  return blockCid(encodeBlockHeader(h));
}
