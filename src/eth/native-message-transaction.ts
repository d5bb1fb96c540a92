// Native (secp256k1 or BLS signed) messages shown as Ethereum transactions, as Lotus shows them
// (FEVM-FACTS §7.3; LOTUS:node/impl/eth/utils.go `ethTxFromNativeMessage`): type 2, the hash is the
// message CID's digest (§6.5), the input is the ABI call `handle_filecoin_method(method, codec,
// params)` unless the message is a contract call or a deployment through the EAM, and v, r, s are 0.
// Resolving addresses needs state, so the caller passes the lookup.

import { decodeCbor, signedMessageCid } from '../ipld/index.ts';
import {
  EAM_ACTOR_ID,
  Protocol,
  concatBytes,
  hexToBytes,
  uintToFixedBytes,
  type Address,
  type EthAddress,
  type SignedMessage,
} from '../primitives/index.ts';
import { EthTranslationError } from './eth-translation-error.ts';
import { EAM_METHOD_CREATE_EXTERNAL, METHOD_INVOKE_CONTRACT } from './filecoin-methods.ts';
import type { EthTransaction } from './types.ts';

/** `to` of a message whose recipient does not exist (it can only have failed): Lotus's `revertedEthAddress`. */
export const REVERTED_ETH_ADDRESS: EthAddress = hexToBytes('0xff0000000000000000000000ffffffffffffffff');
/** keccak256("handle_filecoin_method(uint64,uint64,bytes)")[0..4]. */
export const HANDLE_FILECOIN_METHOD_SELECTOR = hexToBytes('0x868e10c4');
/** Multicodec CBOR: the codec of non-empty native params (0, "none", when there are none). */
const CBOR_CODEC = 0x51;

/**
 * A secp or BLS message as a type 2 transaction. `toEthAddress` is Lotus's `lookupEthAddress`; it must
 * name the sender, and a recipient it cannot name becomes {@link REVERTED_ETH_ADDRESS}.
 */
export function nativeMessageAsEthTransaction(signed: SignedMessage, chainId: number, toEthAddress: (a: Address) => Uint8Array | null): EthTransaction {
  const m = signed.message;
  const from = toEthAddress(m.from);
  if (!from) throw new EthTranslationError(`the sender ${m.from.toString()} has no Ethereum address`);
  const codec = m.params.length > 0 ? CBOR_CODEC : 0;
  let to: EthAddress | null = toEthAddress(m.to) ?? REVERTED_ETH_ADDRESS;
  let input = encodeFilecoinParamsAsAbi(m.method, codec, m.params);
  // Lotus keeps the ABI form whenever the params do not decode: senders may put anything there.
  if (m.method === METHOD_INVOKE_CONTRACT) {
    input = decodePayload(m.params) ?? input;
  } else if (m.to.protocol === Protocol.ID && m.to.id === EAM_ACTOR_ID && m.method === EAM_METHOD_CREATE_EXTERNAL) {
    const initcode = decodePayload(m.params);
    if (initcode) [to, input] = [null, initcode];
  }
  return {
    type: 2,
    chainId,
    nonce: m.sequence,
    to,
    value: m.value,
    input,
    gas: m.gasLimit,
    maxFeePerGas: m.gasFeeCap,
    maxPriorityFeePerGas: m.gasPremium,
    v: 0n,
    r: 0n,
    s: 0n,
    hash: Uint8Array.from(signedMessageCid(signed).multihash.digest),
    from,
  };
}

/** `handle_filecoin_method(uint64 method, uint64 codec, bytes params)` calldata, selector included. */
export function encodeFilecoinParamsAsAbi(method: number, codec: number, params: Uint8Array): Uint8Array {
  const word = (n: number | bigint): Uint8Array => uintToFixedBytes(BigInt(n));
  const padded = new Uint8Array(Math.ceil(params.length / 32) * 32);
  padded.set(params);
  return concatBytes(HANDLE_FILECOIN_METHOD_SELECTOR, word(method), word(codec), word(3 * 32), word(params.length), padded);
}

/** The bytes inside CBOR params; empty for no params; null when the params are not one byte string. */
function decodePayload(params: Uint8Array): Uint8Array | null {
  if (params.length === 0) return new Uint8Array(0);
  try {
    const decoded = decodeCbor(params);
    return decoded instanceof Uint8Array ? decoded : null;
  } catch {
    return null;
  }
}
