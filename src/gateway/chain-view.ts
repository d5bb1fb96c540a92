// The node as the Ethereum methods see it: block parameters resolved to tipsets (eager execution, so
// `latest` and `pending` are the head; a devnet has no reorgs, so `safe` and `finalized` are the head
// too), messages and their receipts by location, Ethereum addresses of actors, transaction hashes.

import type { DevnetNode } from '../chain/node.ts';
import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { ethTransactionFromMessage } from '../eth/index.ts';
import * as Digest from 'multiformats/hashes/digest';
import { Amt, BLAKE2B_256, CID, DAG_CBOR, decodeCbor, getBlock, type Blockstore } from '../ipld/index.ts';
import {
  EAM_ACTOR_ID,
  type Address,
  Protocol,
  SignatureType,
  maskedIdEthAddress,
  messageFromIpld,
  signedMessageFromIpld,
  type SignedMessage,
} from '../primitives/index.ts';
import { RpcError, type BlockRef } from '../rpc/index.ts';
import { StateTree } from '../state/index.ts';
import { receiptFromIpld, type Receipt } from '../vm/index.ts';
import { LogTextCache } from './log-text-cache.ts';

/** Lotus's "requested epoch was a null round". */
export const NULL_ROUND_CODE = 12;

export class ChainView {
  readonly node: DevnetNode;
  readonly chainId: number;
  /** The JSON of logs eth_getLogs has answered, for the next query over them. */
  readonly logTexts = new LogTextCache();

  constructor(node: DevnetNode, chainId: number) {
    this.node = node;
    this.chainId = chainId;
  }

  get store(): Blockstore {
    return this.node.chain.store.blocks;
  }

  head(): TipsetRecord {
    return this.node.chain.head();
  }

  /** The tipset a block parameter names, for reading state (a null round reads the tipset before it). */
  stateAt(ref: BlockRef | undefined): TipsetRecord {
    const record = this.resolve(ref ?? { kind: 'tag', tag: 'latest' }, true);
    if (!record) throw new RpcError(-32000, 'requested a future epoch (beyond \'latest\')');
    return record;
  }

  /** The tipset a block parameter names, for block methods: undefined beyond the head. */
  blockAt(ref: BlockRef): TipsetRecord | undefined {
    return this.resolve(ref, false);
  }

  private resolve(ref: BlockRef, fallBack: boolean): TipsetRecord | undefined {
    const head = this.head();
    switch (ref.kind) {
      case 'tag':
        return ref.tag === 'earliest' ? this.node.chain.store.atHeight(0) : head;
      case 'hash': {
        const record = this.node.chain.store.byEthHash(ref.hash);
        if (!record) throw new RpcError(-32000, `block ${Buffer.from(ref.hash).toString('hex')} not found`);
        return record;
      }
      case 'number': {
        if (ref.number > BigInt(head.height)) return undefined;
        for (let h = Number(ref.number); h >= 0; h--) {
          const record = this.node.chain.store.atHeight(h);
          if (record) return record;
          if (!fallBack) throw new RpcError(NULL_ROUND_CODE, `requested epoch was a null round (${ref.number})`);
        }
        return undefined;
      }
    }
  }

  tree(record: TipsetRecord): StateTree {
    return StateTree.load(this.store, record.stateRoot);
  }

  /** A message of the chain by CID (BLS messages have no signature to show). */
  message(cid: CID): SignedMessage {
    const raw = decodeCbor(getBlock(this.store, cid));
    if (Array.isArray(raw) && raw.length === 2) return signedMessageFromIpld(raw);
    return { message: messageFromIpld(raw), signature: { type: SignatureType.BLS, data: new Uint8Array(96) } };
  }

  receipt(record: TipsetRecord, index: number): Receipt {
    const raw = Amt.load(this.store, record.receipts, { version: 'v0' }).get(index);
    if (raw === undefined) throw new RpcError(-32603, `tipset ${record.height} has no receipt ${index}`);
    return receiptFromIpld(raw);
  }

  /** The Ethereum transaction hash a message is known by: its transaction's keccak, or its CID digest. */
  txHash(signed: SignedMessage, cid: CID): Uint8Array {
    if (signed.signature.type !== SignatureType.DELEGATED) return cid.multihash.digest;
    return ethTransactionFromMessage(signed, this.chainId, (a) => this.ethAddress(a)).hash;
  }

  /** The message an Ethereum hash names: an indexed transaction, or a message CID's digest. */
  messageCid(hash: Uint8Array): CID | undefined {
    const indexed = this.node.chain.store.messageByEthTxHash(hash);
    if (indexed) return indexed;
    const cid = CID.createV1(DAG_CBOR, Digest.create(BLAKE2B_256, hash));
    return this.node.chain.store.messageLocation(cid) ? cid : undefined;
  }

  /** How an address shows in the Ethereum view: its f410 subaddress, else its masked id (null if unknown). */
  ethAddress(address: Address, at?: StateTree): Uint8Array | null {
    if (address.protocol === Protocol.DELEGATED && address.namespace === EAM_ACTOR_ID) return address.subaddress;
    const tree = at ?? this.tree(this.head());
    const id = address.protocol === Protocol.ID ? address.id : tree.lookupId(address);
    if (id === undefined) return null;
    const delegated = tree.getActor(id)?.delegatedAddress;
    if (delegated && delegated.protocol === Protocol.DELEGATED && delegated.namespace === EAM_ACTOR_ID) return delegated.subaddress;
    return maskedIdEthAddress(id);
  }
}
