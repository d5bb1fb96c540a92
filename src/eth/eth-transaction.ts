// The Ethereum transaction a chain message stands for (FEVM-FACTS §6.2-6.5, §7.3). A delegated-signature
// message is rebuilt into the transaction it was made from (the reverse of vm/signatures
// `ethTransactionToSignedMessage`), hashed as keccak256 of its signed serialization, which is the
// hash eth_sendRawTransaction answered; secp and BLS messages are shown as type 2 transactions
// (native-message-transaction.ts). Checks the message's shape, never its signature (the vm does).

import { RLP } from '@ethereumjs/rlp';
import { decodeCbor } from '../ipld/index.ts';
import {
  EAM_ACTOR_ID,
  Protocol,
  SignatureType,
  bytesToUint,
  concatBytes,
  filecoinAddressToEthAddress,
  isEthAddress,
  keccak256,
  uintToMinimalBytes,
  type Address,
  type EthAddress,
  type Message,
  type SignedMessage,
} from '../primitives/index.ts';
import { EthTranslationError } from './eth-translation-error.ts';
import { EAM_METHOD_CREATE_EXTERNAL, METHOD_INVOKE_CONTRACT } from './filecoin-methods.ts';
import { nativeMessageAsEthTransaction } from './native-message-transaction.ts';
import type { EthTransaction } from './types.ts';

/**
 * The Ethereum transaction of any chain message: delegated (type 3) signatures give back the signed
 * transaction; secp and BLS messages are rendered per §7.3, with `toEthAddress` (Lotus's
 * `lookupEthAddress`: f410 payload, else the actor's f410, else masked-ID; null when the actor does
 * not exist) naming their sender and recipient. A delegated message's addresses need no lookup.
 *
 * @example
 * const { signed } = ethTransactionToSignedMessage(raw, 314);
 * ethTransactionFromMessage(signed, 314, lookup).hash; // = keccak256(raw)
 */
export function ethTransactionFromMessage(signed: SignedMessage, chainId: number, toEthAddress: (a: Address) => Uint8Array | null): EthTransaction {
  if (signed.signature.type !== SignatureType.DELEGATED) return nativeMessageAsEthTransaction(signed, chainId, toEthAddress);
  const { message: m, signature } = signed;
  if (m.version !== 0) throw new EthTranslationError(`unsupported message version ${m.version}`);
  if (!isEthAddress(m.from)) throw new EthTranslationError(`the sender ${m.from.toString()} of a delegated-signature message is not an f410 address`);
  const fields = { nonce: m.sequence, ...recipientAndInput(m), value: m.value, gas: m.gasLimit, from: Uint8Array.from(m.from.subaddress) };
  const sig = signature.data;
  let tx: Omit<EthTransaction, 'hash'>;
  if (sig.length === 65) {
    const [r, s, v] = [bytesToUint(sig.subarray(0, 32)), bytesToUint(sig.subarray(32, 64)), BigInt(sig[64]!)];
    tx = { type: 2, chainId, ...fields, maxFeePerGas: m.gasFeeCap, maxPriorityFeePerGas: m.gasPremium, v, r, s };
  } else if ((sig[0] === 0x01 && sig.length === 66) || (sig[0] === 0x02 && sig.length >= 66)) {
    // 0x02 ‖ r ‖ s ‖ v is 66 bytes too when v fits one byte (chain ids up to 110).
    const [r, s, v] = [bytesToUint(sig.subarray(1, 33)), bytesToUint(sig.subarray(33, 65)), bytesToUint(sig.subarray(65))];
    tx = { type: 0, chainId: sig[0] === 0x01 ? 0 : eip155ChainId(v), ...fields, gasPrice: m.gasFeeCap, v, r, s };
  } else {
    throw new EthTranslationError(`a delegated signature of ${sig.length} bytes matches no Ethereum transaction type`);
  }
  return { ...tx, hash: keccak256(serializeEthTransaction(tx)) };
}

/** The signed serialization: 0x02 ‖ RLP(12 fields) for type 2, RLP(9 fields) for legacy (§6.5). */
export function serializeEthTransaction(tx: Omit<EthTransaction, 'hash' | 'from'>): Uint8Array {
  const int = uintToMinimalBytes;
  const to = tx.to ?? new Uint8Array(0);
  const signature = [int(tx.v), int(tx.r), int(tx.s)];
  if (tx.type === 2) {
    const fields = [int(BigInt(tx.chainId)), int(tx.nonce), int(tx.maxPriorityFeePerGas ?? 0n), int(tx.maxFeePerGas ?? 0n), int(BigInt(tx.gas)), to, int(tx.value), tx.input, [], ...signature];
    return concatBytes(Uint8Array.of(0x02), RLP.encode(fields));
  }
  return RLP.encode([int(tx.nonce), int(tx.gasPrice ?? 0n), int(BigInt(tx.gas)), to, int(tx.value), tx.input, ...signature]);
}

/** §6.2: a deployment is CreateExternal on f010 with the initcode; a call is InvokeContract on an f410 or f0. */
function recipientAndInput(m: Message): { to: EthAddress | null; input: Uint8Array } {
  if (m.to.protocol === Protocol.ID && m.to.id === EAM_ACTOR_ID && m.method === EAM_METHOD_CREATE_EXTERNAL) {
    return { to: null, input: cborByteString(m.params) };
  }
  if (m.method !== METHOD_INVOKE_CONTRACT) {
    throw new EthTranslationError(`a delegated signature signs only InvokeContract (${METHOD_INVOKE_CONTRACT}) or CreateExternal on f010, not method ${m.method}`);
  }
  let to: EthAddress;
  try {
    to = filecoinAddressToEthAddress(m.to);
  } catch (cause) {
    throw new EthTranslationError(`the recipient ${m.to.toString()} has no Ethereum address`, { cause });
  }
  return { to, input: m.params.length === 0 ? new Uint8Array(0) : cborByteString(m.params) };
}

function cborByteString(params: Uint8Array): Uint8Array {
  let decoded: unknown;
  try {
    decoded = decodeCbor(params);
  } catch (cause) {
    throw new EthTranslationError('the params of a delegated-signature message are not CBOR', { cause });
  }
  if (!(decoded instanceof Uint8Array)) throw new EthTranslationError('the params of a delegated-signature message must be one CBOR byte string');
  return decoded;
}

function eip155ChainId(v: bigint): number {
  if (v < 35n) throw new EthTranslationError(`an EIP-155 signature has v ≥ 35, got ${v}`);
  return Number((v - 35n) / 2n);
}
