// Parameters and return values as the FVM passes them between actors: a codec and bytes
// (FVM:shared/src/ipld_block? `IpldBlock`). Codec 0x51 (CBOR) for actor method params, 0x55 (raw) for
// EVM calldata between contracts, 0x71 (dag-cbor) where links matter.

import { encodeCbor } from '../ipld/index.ts';

export const CBOR = 0x51;
export const IPLD_RAW = 0x55;
export const DAG_CBOR = 0x71;

export interface IpldBlock {
  codec: number;
  data: Uint8Array;
}

export function cborBlock(value: unknown): IpldBlock {
  return { codec: CBOR, data: encodeCbor(value) };
}
