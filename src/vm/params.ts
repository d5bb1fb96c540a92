// Decoding actor method parameters: a malformed or missing block is the sender's fault and ends the
// call with USR_SERIALIZATION, as builtin-actors does.

import { decodeCbor } from '../ipld/index.ts';
import { ExitCode } from '../primitives/index.ts';
import { ActorError } from './errors.ts';
import { CBOR, DAG_CBOR, type IpldBlock } from './ipld-block.ts';

/** Decodes CBOR params; a malformed or missing block is the sender's fault: USR_SERIALIZATION. */
export function decodeParams<T = unknown>(params: IpldBlock | null, what: string): T {
  if (!params || (params.codec !== CBOR && params.codec !== DAG_CBOR)) {
    throw new ActorError(ExitCode.USR_SERIALIZATION, `${what}: expected CBOR parameters`);
  }
  try {
    return decodeCbor<T>(params.data);
  } catch (cause) {
    throw new ActorError(ExitCode.USR_SERIALIZATION, `${what}: cannot decode parameters (${(cause as Error).message})`);
  }
}
