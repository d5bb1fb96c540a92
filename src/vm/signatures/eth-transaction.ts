// Signed Ethereum transactions → Filecoin messages with a delegated signature (FEVM-FACTS §6.2-6.4;
// LOTUS:chain/types/ethtypes). Accepted: type 2 (EIP-1559) with an empty access list, and legacy
// transactions (Homestead, or EIP-155 for this chain). Everything else is refused with a reason.

import { Mainnet, createCustomCommon, type Common } from '@ethereumjs/common';
import { RLP } from '@ethereumjs/rlp';
import { createTxFromRLP, type FeeMarket1559Tx, type LegacyTx } from '@ethereumjs/tx';
import { encodeCbor } from '../../ipld/index.ts';
import {
  Address,
  EAM_ACTOR_ID,
  SignatureType,
  bytesToUint,
  concatBytes,
  ethAddressToFilecoinAddress,
  keccak256,
  recoverSecp256k1PublicKey,
  uintToFixedBytes,
  uintToMinimalBytes,
  type EthAddress,
  type Message,
  type SignedMessage,
} from '../../primitives/index.ts';
import { SignatureError } from './signature-error.ts';

/** FRC-42 number of InvokeEVM: the method every call to a contract or an Ethereum account uses. */
export const METHOD_INVOKE_CONTRACT = 3844450837;
export const EAM_METHOD_CREATE_EXTERNAL = 4;

export interface ParsedEthTransaction {
  signed: SignedMessage;
  /** keccak256 of the raw bytes, as eth_sendRawTransaction answers. */
  txHash: Uint8Array;
  sender: EthAddress;
  type: 'eip1559' | 'legacy-homestead' | 'legacy-eip155';
}

const commons = new Map<number, Common>();
/**
 * FEVM's EVM as EIPs over Shanghai (FEVM-FACTS §4.3): Cancun's TSTORE/TLOAD (1153) and MCOPY (5656), but
 * not its blobs (4844, 7516), beacon root (4788) or same-transaction-only SELFDESTRUCT (6780, FEVM
 * tombstones instead); plus CLZ (7939, FIP-0114), the BLS12-381 precompiles (2537, v17) and P256VERIFY
 * (7951, v18).
 */
const FEVM_EIPS = [1153, 5656, 7939, 2537, 7951];

/**
 * @ethereumjs's ecrecover (transaction senders, the ECRECOVER precompile) over our faster recovery: the
 * 64-byte public key without its 0x04 prefix; v is 0/1, 27/28, or EIP-155's 35 + 2·chainId + {0, 1}.
 */
function ecrecover(digest: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint): Uint8Array {
  const recoveryId = v === 0n || v === 1n ? v : chainId === undefined ? v - 27n : v - (2n * chainId + 35n);
  if (recoveryId !== 0n && recoveryId !== 1n) throw new SignatureError(`invalid signature v value ${v}`);
  const publicKey = recoverSecp256k1PublicKey(digest, concatBytes(uintToFixedBytes(bytesToUint(r)), uintToFixedBytes(bytesToUint(s))), Number(recoveryId));
  if (!publicKey) throw new SignatureError('the signature does not recover a public key');
  return publicKey.subarray(1);
}

/** The @ethereumjs chain configuration of FEVM with this network's chain id. */
export function commonFor(chainId: number): Common {
  let common = commons.get(chainId);
  if (!common) {
    common = createCustomCommon({ chainId }, Mainnet, { hardfork: 'shanghai', eips: FEVM_EIPS, customCrypto: { ecrecover } });
    commons.set(chainId, common);
  }
  return common;
}

/** Reads the chain id and shape without trusting anything, so refusals can say exactly what is wrong. */
function inspect(raw: Uint8Array, chainId: number): ParsedEthTransaction['type'] {
  if (raw.length === 0) throw new SignatureError('empty transaction');
  const first = raw[0]!;
  if (first === 0x01) throw new SignatureError('EIP-2930 (type 1) transactions are not supported on Filecoin: send a type 2 (EIP-1559) or a legacy transaction');
  if (first !== 0x02 && first < 0xc0) {
    throw new SignatureError(`transaction type ${first} is not supported on Filecoin: send a type 2 (EIP-1559) or a legacy transaction`);
  }
  let fields: unknown;
  try {
    fields = RLP.decode(first === 0x02 ? raw.subarray(1) : raw);
  } catch {
    throw new SignatureError('transaction is not valid RLP');
  }
  if (!Array.isArray(fields) || fields.some((f) => f instanceof Uint8Array === false && !Array.isArray(f))) throw new SignatureError('transaction is not an RLP list');
  if (first === 0x02) {
    if (fields.length !== 12) throw new SignatureError(`an EIP-1559 transaction has 12 fields, got ${fields.length}`);
    const txChainId = bytesToUint(fields[0] as Uint8Array);
    if (txChainId !== BigInt(chainId)) throw new SignatureError(`transaction chain id ${txChainId} does not match this network's ${chainId}`);
    if ((fields[8] as unknown[]).length !== 0) throw new SignatureError('access lists are not supported on Filecoin: send the transaction with an empty access list');
    return 'eip1559';
  }
  if (fields.length !== 9) throw new SignatureError(`a legacy transaction has 9 fields, got ${fields.length}`);
  const v = bytesToUint(fields[6] as Uint8Array);
  if (v === 27n || v === 28n) return 'legacy-homestead';
  const txChainId = (v - 35n) / 2n;
  if (v < 35n || txChainId !== BigInt(chainId)) throw new SignatureError(`transaction chain id ${v < 35n ? `(v=${v})` : txChainId} does not match this network's ${chainId}`);
  return 'legacy-eip155';
}

/** Parses and checks a raw signed Ethereum transaction and builds its Filecoin message (§6.4). */
export function ethTransactionToSignedMessage(raw: Uint8Array, chainId: number): ParsedEthTransaction {
  const type = inspect(raw, chainId);
  let tx: FeeMarket1559Tx | LegacyTx;
  let sender: EthAddress;
  try {
    tx = createTxFromRLP(raw, { common: commonFor(chainId) }) as FeeMarket1559Tx | LegacyTx;
    sender = tx.getSenderAddress().bytes;
  } catch (cause) {
    throw new SignatureError('invalid transaction signature', { cause, details: (cause as Error).message });
  }
  if (tx.gasLimit > BigInt(Number.MAX_SAFE_INTEGER)) throw new SignatureError(`gas limit ${tx.gasLimit} is out of range`);
  const isCreate = tx.to === undefined;
  const data = tx.data;
  const [feeCap, premium] = type === 'eip1559' ? [(tx as FeeMarket1559Tx).maxFeePerGas, (tx as FeeMarket1559Tx).maxPriorityFeePerGas] : [(tx as LegacyTx).gasPrice, (tx as LegacyTx).gasPrice];
  const message: Message = {
    version: 0,
    to: isCreate ? Address.newId(EAM_ACTOR_ID) : ethAddressToFilecoinAddress(tx.to!.bytes),
    from: ethAddressToFilecoinAddress(sender),
    sequence: tx.nonce,
    value: tx.value,
    gasLimit: Number(tx.gasLimit),
    gasFeeCap: feeCap,
    gasPremium: premium,
    method: isCreate ? EAM_METHOD_CREATE_EXTERNAL : METHOD_INVOKE_CONTRACT,
    params: isCreate || data.length > 0 ? encodeCbor(data) : new Uint8Array(0),
  };
  const r = uintToFixedBytes(tx.r!);
  const s = uintToFixedBytes(tx.s!);
  const v = tx.v!;
  const data65 =
    type === 'eip1559' ? concatBytes(r, s, Uint8Array.of(Number(v))) : concatBytes(Uint8Array.of(type === 'legacy-homestead' ? 0x01 : 0x02), r, s, uintToMinimalBytes(v));
  return { signed: { message, signature: { type: SignatureType.DELEGATED, data: data65 } }, txHash: keccak256(raw), sender, type };
}
