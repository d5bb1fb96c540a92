// `handle_filecoin_method` (FEVM-FACTS §4.2; BA:actors/evm/src/lib.rs): a native Filecoin method ≥ 1024
// sent to a contract runs its EVM code with the ABI call `handle_filecoin_method(uint64 method, uint64
// codec, bytes params)` (selector 0x868e10c4); the contract answers the ABI tuple `(uint32 exit_code,
// uint64 codec, bytes data)`. Codec 0 only with empty data, 0x51 (CBOR) otherwise; a non-zero exit code
// becomes the actor's exit code, with the data.

import { ExitCode, concatBytes, hexToBytes, uintToFixedBytes } from '../../primitives/index.ts';
import { ActorError, CBOR, type IpldBlock } from '../../vm/index.ts';
import { ValueOutOfRange, ValueReader, WORD } from './value-reader.ts';

export const NATIVE_METHOD_SELECTOR = hexToBytes('0x868e10c4');
/** Methods up to this number are reserved; only larger ones reach `handle_filecoin_method`. */
export const EVM_MAX_RESERVED_METHOD = 1023;

/** The calldata a native method call becomes. */
export function handleFilecoinMethodInput(method: bigint, codec: bigint, params: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil(params.length / WORD) * WORD);
  padded.set(params);
  return concatBytes(NATIVE_METHOD_SELECTOR, ...[method, codec, BigInt(WORD * 3), BigInt(params.length)].map((n) => uintToFixedBytes(n)), padded);
}

/** The contract's answer as an actor result: the return block, or an ActorError carrying its exit code. */
export function handleFilecoinMethodOutput(output: Uint8Array): IpldBlock | null {
  try {
    return readFilecoinMethodOutput(output);
  } catch (error) {
    if (error instanceof ValueOutOfRange) throw new ActorError(ExitCode.USR_SERIALIZATION, error.message);
    throw error;
  }
}

function readFilecoinMethodOutput(output: Uint8Array): IpldBlock | null {
  if (output.length === 0) return null;
  const reader = new ValueReader(output);
  const exitCode = Number(reader.readUint(32, 'exit code'));
  const codec = reader.readUint(64, 'returned codec');
  const lengthOffset = reader.readUint(32, 'return value offset');
  reader.seek(Number(lengthOffset));
  const length = Number(reader.readUint(32, 'return length'));
  const data = reader.readPadded(length);
  let block: IpldBlock | null;
  if (codec === 0n) {
    if (length !== 0) throw new ActorError(ExitCode.USR_SERIALIZATION, `codec 0 is only valid for empty returns, got a return value of length ${length}`);
    block = null;
  } else if (codec === BigInt(CBOR)) {
    block = { codec: CBOR, data };
  } else {
    throw new ActorError(ExitCode.USR_SERIALIZATION, `unsupported codec: ${codec}`);
  }
  if (exitCode !== ExitCode.OK) throw new ActorError(exitCode, 'EVM contract explicitly exited with a non-zero exit code', block);
  return block;
}
