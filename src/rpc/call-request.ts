// The transaction object of eth_call, eth_estimateGas and eth_sendTransaction (the Ethereum JSON-RPC
// spec's GenericTransaction). Fields are optional here; which ones a method needs is the method's call.
// `input` is the spec's name and `data` the older one: both are accepted, and must agree when both are
// given (geth's rule). Unknown fields (chainId aside) are ignored, as clients add their own.

import { bytesEqual } from '../primitives/index.ts';
import { InvalidParamsError } from './rpc-error.ts';
import { address, data, object, optionalField, quantity, uint64, type ParamParser } from './param-scalars.ts';

export interface CallRequest {
  from?: Uint8Array;
  /** `null` (or absent) creates a contract. */
  to?: Uint8Array | null;
  gas?: bigint;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  value?: bigint;
  /** From `input` or `data`. */
  data?: Uint8Array;
  nonce?: bigint;
  accessList?: unknown[];
  type?: bigint;
  chainId?: bigint;
}

/** gas and nonce are 64-bit, as geth's hexutil.Uint64 fields and Filecoin's message fields; the rest 256-bit. */
const QUANTITY_FIELDS = [
  ['gas', uint64], ['gasPrice', quantity], ['maxFeePerGas', quantity], ['maxPriorityFeePerGas', quantity],
  ['value', quantity], ['nonce', uint64], ['type', quantity], ['chainId', quantity],
] as const;

export const callRequest: ParamParser<CallRequest> = (value, name) => {
  const fields = object(value, name, 'a transaction object');
  const request: CallRequest = {};
  const from = optionalField(address, fields.from, `${name}.from`);
  if (from !== undefined) request.from = from;
  if (fields.to === null) request.to = null;
  else if (fields.to !== undefined) request.to = address(fields.to, `${name}.to`);
  for (const [field, parse] of QUANTITY_FIELDS) {
    const parsed = optionalField(parse, fields[field], `${name}.${field}`);
    if (parsed !== undefined) request[field] = parsed;
  }
  const input = optionalField(data, fields.input, `${name}.input`);
  const legacyData = optionalField(data, fields.data, `${name}.data`);
  if (input !== undefined && legacyData !== undefined && !bytesEqual(input, legacyData)) {
    throw new InvalidParamsError(`invalid ${name}: both "data" and "input" are set and differ; use "input"`);
  }
  const callData = input ?? legacyData;
  if (callData !== undefined) request.data = callData;
  if (fields.accessList !== undefined && fields.accessList !== null) {
    if (!Array.isArray(fields.accessList)) {
      throw new InvalidParamsError(`invalid ${name}.accessList: expected an array of {address, storageKeys}`);
    }
    request.accessList = fields.accessList;
  }
  return request;
};
