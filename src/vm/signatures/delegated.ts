// Verifying delegated (type 3) signatures (FEVM-FACTS §6.2; LOTUS:chain/consensus/signatures.go): from the
// Filecoin message and the signature bytes rebuild the Ethereum transaction (EIP-1559 for 65 bytes,
// Homestead for 0x01 ‖ 65, EIP-155 for 0x02 ‖ 64 ‖ v), recover its signer and require the sender's f410
// to be that signer's. Only contract calls and deployments can carry such a signature.

import { createFeeMarket1559Tx, createLegacyTx } from '@ethereumjs/tx';
import { decodeCbor } from '../../ipld/index.ts';
import {
  EAM_ACTOR_ID,
  Protocol,
  SignatureType,
  bytesToHex,
  bytesToUint,
  ethAddressToFilecoinAddress,
  filecoinAddressToEthAddress,
  type EthAddress,
  type SignedMessage,
} from '../../primitives/index.ts';
import { EAM_METHOD_CREATE_EXTERNAL, METHOD_INVOKE_CONTRACT, commonFor } from './eth-transaction.ts';
import { SignatureError } from './signature-error.ts';

function cborBytes(params: Uint8Array, what: string): Uint8Array {
  let decoded: unknown;
  try {
    decoded = decodeCbor(params);
  } catch {
    decoded = undefined;
  }
  if (!(decoded instanceof Uint8Array)) throw new SignatureError(`${what}: params must be a CBOR byte string`);
  return decoded;
}

/** Throws SignatureError unless the message is a well-formed Ethereum transaction signed by its sender. */
export function verifyDelegatedMessage(signed: SignedMessage, chainId: number): EthAddress {
  const { message: m, signature } = signed;
  if (signature.type !== SignatureType.DELEGATED) throw new SignatureError('not a delegated signature');
  if (m.version !== 0) throw new SignatureError(`unsupported message version ${m.version}`);
  let to: Uint8Array | undefined;
  let data: Uint8Array;
  if (m.to.protocol === Protocol.ID && m.to.id === EAM_ACTOR_ID && m.method === EAM_METHOD_CREATE_EXTERNAL) {
    if (m.params.length === 0) throw new SignatureError('a contract deployment needs its initcode as params');
    to = undefined;
    data = cborBytes(m.params, 'deployment');
  } else if (m.method === METHOD_INVOKE_CONTRACT) {
    try {
      to = filecoinAddressToEthAddress(m.to);
    } catch {
      throw new SignatureError(`delegated signatures can only call f410 or f0 addresses, not ${m.to}`);
    }
    data = m.params.length === 0 ? new Uint8Array(0) : cborBytes(m.params, 'call');
    if (m.params.length > 0 && data.length === 0) throw new SignatureError('empty calldata must be sent without params');
  } else {
    throw new SignatureError(`delegated signatures sign only contract calls (method ${METHOD_INVOKE_CONTRACT}) and deployments (f010 method 4), not method ${m.method}`);
  }

  const sig = signature.data;
  const fields = { nonce: m.sequence, gasLimit: BigInt(m.gasLimit), to, value: m.value, data };
  const common = commonFor(chainId);
  let sender: EthAddress;
  try {
    if (sig.length === 65) {
      const tx = createFeeMarket1559Tx(
        { ...fields, chainId: BigInt(chainId), maxFeePerGas: m.gasFeeCap, maxPriorityFeePerGas: m.gasPremium, accessList: [], r: sig.subarray(0, 32), s: sig.subarray(32, 64), v: BigInt(sig[64]!) },
        { common },
      );
      sender = tx.getSenderAddress().bytes;
    } else if ((sig[0] === 0x01 && sig.length === 66) || (sig[0] === 0x02 && sig.length > 66)) {
      if (m.gasFeeCap !== m.gasPremium) throw new SignatureError('a legacy transaction has one gas price: fee cap and premium must be equal');
      const v = bytesToUint(sig.subarray(65));
      if (sig[0] === 0x01 && v !== 27n && v !== 28n) throw new SignatureError(`a Homestead signature has v 27 or 28, got ${v}`);
      const tx = createLegacyTx({ ...fields, gasPrice: m.gasFeeCap, r: sig.subarray(1, 33), s: sig.subarray(33, 65), v }, { common });
      sender = tx.getSenderAddress().bytes;
    } else {
      throw new SignatureError(`unrecognized delegated signature of ${sig.length} bytes`);
    }
  } catch (cause) {
    if (cause instanceof SignatureError) throw cause;
    throw new SignatureError('invalid delegated signature', { cause, details: (cause as Error).message });
  }
  if (!ethAddressToFilecoinAddress(sender).equals(m.from)) {
    throw new SignatureError(`the transaction is signed by ${bytesToHex(sender)}, not by the sender ${m.from}`);
  }
  return sender;
}
