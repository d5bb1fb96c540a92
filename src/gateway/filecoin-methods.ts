// The Filecoin.* companions FEVM tools call next to eth_* (FEVM-FACTS §10), with Lotus's JSON shapes:
// CIDs as {"/": "…"}, token amounts as decimal strings, addresses with the testnet prefix `t`.
// MpoolPush takes a native (f1, secp256k1) signed message in Lotus's JSON.

import type { TipsetRecord } from '../chain/store/tipset-record.ts';
import { toData } from '../eth/index.ts';
import { CID, Hamt, getBlock } from '../ipld/index.ts';
import { NETWORK_VERSION } from '../vm/index.ts';
import { Address, Protocol, ethAddressToFilecoinAddress, parseAddress, type Message, type SignedMessage } from '../primitives/index.ts';
import { INIT_ACTOR_ID, INIT_HAMT_BIT_WIDTH, readInitState, type ActorState } from '../state/index.ts';
import { ActorType } from '../vm/index.ts';
import { accountStateAddress } from '../actors/account/account-actor.ts';
import { verifyMessageSignature } from '../vm/index.ts';
import { InvalidParamsError, RpcError, address, any, hash32, method, safeInteger, string, type RpcMethod } from '../rpc/index.ts';
import type { ChainView } from './chain-view.ts';
import { getActorEventsRaw } from './actor-events.ts';

const link = (cid: CID) => ({ '/': cid.toString() });

function filecoinAddress(text: unknown): Address {
  if (typeof text !== 'string') throw new RpcError(-32602, 'a Filecoin address is a string such as t01234 or t410f…');
  return parseAddress(text).address;
}

function tipsetJson(view: ChainView, record: TipsetRecord): unknown {
  const h = view.node.chain.header(record);
  return {
    Cids: record.blocks.map(link),
    Blocks: [
      {
        Miner: h.miner.toString('t'),
        Parents: h.parents.map(link),
        ParentWeight: h.parentWeight.toString(),
        Height: h.height,
        ParentStateRoot: link(h.parentStateRoot),
        ParentMessageReceipts: link(h.parentMessageReceipts),
        Messages: link(h.messages),
        Timestamp: h.timestamp,
        ParentBaseFee: h.parentBaseFee.toString(),
      },
    ],
    Height: record.height,
  };
}

/** A signed message in Lotus's JSON (`{ Message: { Version, To, From, Nonce, Value, … }, Signature: { Type, Data } }`). */
function signedMessageFromLotusJson(value: unknown): SignedMessage {
  const fail = (why: string): never => {
    throw new RpcError(-32602, `invalid signed message: ${why}`);
  };
  const o = value as { Message?: Record<string, unknown>; Signature?: { Type?: unknown; Data?: unknown } };
  const m = o?.Message ?? fail('no Message');
  const sig = o?.Signature ?? fail('no Signature');
  const int = (v: unknown, name: string) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail(`${name} is not a whole number`));
  const big = (v: unknown, name: string) => (typeof v === 'string' && /^\d+$/.test(v) ? BigInt(v) : fail(`${name} is not a decimal string`));
  const bytes = (v: unknown, name: string) => (v === null || v === undefined ? new Uint8Array(0) : typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'base64')) : fail(`${name} is not base64`));
  const message: Message = {
    version: int(m.Version ?? 0, 'Version'),
    to: filecoinAddress(m.To),
    from: filecoinAddress(m.From),
    sequence: BigInt(int(m.Nonce, 'Nonce')),
    value: big(m.Value, 'Value'),
    gasLimit: int(m.GasLimit, 'GasLimit'),
    gasFeeCap: big(m.GasFeeCap, 'GasFeeCap'),
    gasPremium: big(m.GasPremium, 'GasPremium'),
    method: int(m.Method, 'Method'),
    params: bytes(m.Params, 'Params'),
  };
  return { message, signature: { type: int(sig.Type, 'Signature.Type') as SignedMessage['signature']['type'], data: bytes(sig.Data, 'Signature.Data') } };
}

/** An actor's robust address: its f410, an account's key address, or the f2 the init actor maps to it. */
function robustAddress(view: ChainView, id: bigint, actor: ActorState): Address {
  if (actor.delegatedAddress) return actor.delegatedAddress;
  if (view.node.chain.registry.typeOf(actor.code) === ActorType.Account) return accountStateAddress(getBlock(view.store, actor.head));
  const tree = view.tree(view.head());
  const init = tree.getActor(INIT_ACTOR_ID)!;
  const map = Hamt.load(view.store, readInitState(view.store, init.head).addressMap, { bitWidth: INIT_HAMT_BIT_WIDTH });
  for (const [key, value] of map.entries()) {
    const address = Address.fromBytes(key);
    if (BigInt(value as number | bigint) === id && address.protocol === Protocol.ACTOR) return address;
  }
  throw new RpcError(-32000, `actor t0${id} has no robust address`);
}

/** A CID as Lotus's JSON writes it, `{"/": "bafy…"}`, or as the bare string. */
function cidParam(value: unknown, name: string): CID {
  const text = typeof value === 'object' && value !== null && '/' in value ? (value as { '/': unknown })['/'] : value;
  try {
    if (typeof text === 'string') return CID.parse(text);
  } catch {
    // Refused below, with what was given.
  }
  throw new InvalidParamsError(`invalid ${name}: expected a CID ({"/": "bafy…"}), got ${JSON.stringify(value)?.slice(0, 80)}`);
}

export function filecoinMethods(view: ChainView, networkName: string): RpcMethod[] {
  const actorOf = (text: unknown) => {
    const a = filecoinAddress(text);
    const tree = view.tree(view.head());
    const id = a.protocol === Protocol.ID ? a.id : tree.lookupId(a);
    const actor = id === undefined ? undefined : tree.getActor(id);
    return { a, id, actor };
  };
  return [
    method('Filecoin.EthAddressToFilecoinAddress', [{ name: 'ethAddress', parse: address }], ([eth]) => ethAddressToFilecoinAddress(eth as Uint8Array).toString('t')),
    method('Filecoin.FilecoinAddressToEthAddress', [{ name: 'address', parse: string }, { name: 'block', parse: any, optional: true }], ([text]) => {
      const eth = view.ethAddress(filecoinAddress(text));
      if (!eth) throw new RpcError(-32000, `actor ${text} not found`);
      return toData(eth);
    }),
    method('Filecoin.EthGetMessageCidByTransactionHash', [{ name: 'hash', parse: hash32 }], ([h]) => {
      const cid = view.messageCid(h as Uint8Array);
      return cid ? link(cid) : null;
    }),
    method('Filecoin.EthGetTransactionHashByCid', [{ name: 'cid', parse: cidParam }], ([cid]) => {
      return view.node.chain.store.messageLocation(cid) ? toData(view.txHash(view.message(cid), cid)) : null;
    }),
    method('Filecoin.ChainHead', [], () => tipsetJson(view, view.head())),
    method('Filecoin.ChainGetTipSetByHeight', [{ name: 'height', parse: safeInteger }, { name: 'tipsetKey', parse: any, optional: true }], ([height]) => {
      const record = view.stateAt({ kind: 'number', number: BigInt(height) });
      return tipsetJson(view, record);
    }),
    method('Filecoin.StateNetworkName', [], () => networkName),
    method('Filecoin.MpoolPush', [{ name: 'message', parse: any }], ([raw]) => {
      const signed = signedMessageFromLotusJson(raw);
      const from = signed.message.from;
      let key = from;
      if (from.protocol === Protocol.ID) {
        const actor = view.tree(view.head()).getActor(from.id);
        if (!actor) throw new RpcError(-32000, `sender ${from.toString('t')} not found`);
        key = accountStateAddress(getBlock(view.store, actor.head));
      }
      verifyMessageSignature(signed, key, view.chainId);
      return link(view.node.submit({ ...signed, message: { ...signed.message, from: key } }));
    }),
    method('Filecoin.ChainGetBlock', [{ name: 'cid', parse: cidParam }], ([cid]) => {
      const text = cid.toString();
      const height = view.node.chain.header(view.head()).height;
      for (let h = height; h >= 0; h--) {
        const record = view.node.chain.store.atHeight(h);
        if (record?.blocks[0]!.toString() === text) return (tipsetJson(view, record) as { Blocks: unknown[] }).Blocks[0];
      }
      throw new RpcError(-32000, `block ${text} not found`);
    }),
    method('Filecoin.StateNetworkVersion', [{ name: 'tipsetKey', parse: any, optional: true }], () => NETWORK_VERSION),
    method('Filecoin.WalletBalance', [{ name: 'address', parse: string }], ([text]) => (actorOf(text).actor?.balance ?? 0n).toString()),
    method('Filecoin.MpoolGetNonce', [{ name: 'address', parse: string }], ([text]) => {
      const a = filecoinAddress(text);
      return Number(view.node.mempool.pendingNonce(a, view.node.producer.senderLookup()));
    }),
    method('Filecoin.StateLookupID', [{ name: 'address', parse: string }, { name: 'tipsetKey', parse: any, optional: true }], ([text]) => {
      const { id, actor } = actorOf(text);
      if (id === undefined || !actor) throw new RpcError(-32000, `actor not found: ${text}`);
      return `t0${id}`;
    }),
    method('Filecoin.GetActorEventsRaw', [{ name: 'filter', parse: any, optional: true }], ([filter]) => getActorEventsRaw(view, filter)),
    method('Filecoin.StateLookupRobustAddress', [{ name: 'address', parse: string }, { name: 'tipsetKey', parse: any, optional: true }], ([text]) => {
      const { id, actor } = actorOf(text);
      if (id === undefined || !actor) throw new RpcError(-32000, `actor not found: ${text}`);
      return robustAddress(view, id, actor).toString('t');
    }),
    method('Filecoin.StateGetActor', [{ name: 'address', parse: string }, { name: 'tipsetKey', parse: any, optional: true }], ([text]) => {
      const { actor } = actorOf(text);
      if (!actor) throw new RpcError(-32000, `actor not found: ${text}`);
      return { Code: link(actor.code), Head: link(actor.head), Nonce: Number(actor.sequence), Balance: actor.balance.toString(), DelegatedAddress: actor.delegatedAddress?.toString('t') ?? null };
    }),
  ];
}
