// How calldata and return data travel (FEVM-FACTS §4.2, §4.5): a top-level message carries calldata as a
// CBOR byte string (codec 0x51), a contract calling a contract as a raw block (0x55), empty calldata as
// no params at all. Return data goes back as a CBOR byte string; a revert is exit 33 with the revert
// data the same way. A caller unwraps a return block that is a CBOR byte string, or takes it raw.

import { decodeCbor, encodeCbor } from '../../ipld/index.ts';
import { ExitCode } from '../../primitives/index.ts';
import { ActorError, CBOR, DAG_CBOR, IPLD_RAW, type IpldBlock } from '../../vm/index.ts';

/** InvokeContract: FRC-42 hash of "InvokeEVM". */
export const EVM_METHOD_INVOKE_CONTRACT = 3844450837;

export function decodeInvokeParams(params: IpldBlock | null): Uint8Array {
  if (!params) return new Uint8Array(0);
  if (params.codec === IPLD_RAW) return params.data;
  if (params.codec === CBOR || params.codec === DAG_CBOR) {
    let decoded: unknown;
    try {
      decoded = decodeCbor(params.data);
    } catch {
      decoded = undefined;
    }
    if (decoded instanceof Uint8Array) return decoded;
  }
  throw new ActorError(ExitCode.USR_SERIALIZATION, 'InvokeContract takes a CBOR byte string or a raw block of calldata');
}

export function encodeInvokeReturn(data: Uint8Array): IpldBlock {
  return { codec: CBOR, data: encodeCbor(data) };
}

export function revertError(data: Uint8Array): ActorError {
  return new ActorError(ExitCode.EVM_REVERTED, 'contract reverted', encodeInvokeReturn(data));
}

/** Return data as a calling contract sees it (RETURNDATA). */
export function unwrapReturnData(block: IpldBlock | null): Uint8Array {
  if (!block) return new Uint8Array(0);
  try {
    const decoded = decodeCbor(block.data);
    if (decoded instanceof Uint8Array) return decoded;
  } catch {
    // Not CBOR: the raw bytes are the data.
  }
  return block.data;
}
