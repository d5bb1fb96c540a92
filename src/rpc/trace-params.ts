// Parameters of the trace_* and debug_* methods: trace_replayBlockTransactions' trace types, the
// criteria of trace_filter (LOTUS:chain/types/ethtypes EthTraceFilterCriteria: fromBlock, toBlock,
// fromAddress and toAddress as one address or a list, after, count), and geth's TraceConfig
// (eth/tracers/api.go: the struct logger's switches, or a named tracer with its tracerConfig).
// Only parsing: which tracers exist and what limits apply belong to the methods.

import { blockNumberOrTag, type BlockRef } from './block-ref.ts';
import { InvalidParamsError } from './rpc-error.ts';
import { address, bool, invalidParam, object, optionalField, quantity, string, type ParamParser } from './param-scalars.ts';

export interface TraceFilter {
  fromBlock?: BlockRef;
  toBlock?: BlockRef;
  /** Empty: any sender. */
  fromAddress: Uint8Array[];
  /** Empty: any callee. */
  toAddress: Uint8Array[];
  after?: bigint;
  count?: bigint;
}

export const traceFilter: ParamParser<TraceFilter> = (value, name) => {
  const fields = object(value, name, 'a trace filter object');
  const filter: TraceFilter = { fromAddress: addressList(fields.fromAddress, `${name}.fromAddress`), toAddress: addressList(fields.toAddress, `${name}.toAddress`) };
  const fromBlock = optionalField(blockNumberOrTag, fields.fromBlock, `${name}.fromBlock`);
  const toBlock = optionalField(blockNumberOrTag, fields.toBlock, `${name}.toBlock`);
  const after = optionalField(quantity, fields.after, `${name}.after`);
  const count = optionalField(quantity, fields.count, `${name}.count`);
  return { ...filter, ...(fromBlock && { fromBlock }), ...(toBlock && { toBlock }), ...(after !== undefined && { after }), ...(count !== undefined && { count }) };
};

function addressList(value: unknown, name: string): Uint8Array[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item, i) => address(item, `${name}[${i}]`));
  return [address(value, name)];
}

/** trace_replayBlockTransactions' list of trace types ("trace", "vmTrace", "stateDiff"). */
export const traceTypes: ParamParser<string[]> = (value, name) => {
  if (!Array.isArray(value)) throw invalidParam(name, 'an array of trace types', value);
  return value.map((item, i) => string(item, `${name}[${i}]`));
};

/** geth's TraceConfig: the struct logger's options, or a named tracer and its configuration. */
export interface TraceConfig {
  /** Absent or empty: the struct (opcode) logger. */
  tracer?: string;
  tracerConfig: Record<string, unknown>;
  enableMemory: boolean;
  disableStack: boolean;
  disableStorage: boolean;
  enableReturnData: boolean;
  /** Most struct log entries kept (0: no limit). */
  limit: number;
}

const DEFAULT_TRACE_CONFIG: TraceConfig = { tracerConfig: {}, enableMemory: false, disableStack: false, disableStorage: false, enableReturnData: false, limit: 0 };

export const traceConfig: ParamParser<TraceConfig> = (value, name) => {
  const fields = object(value, name, 'a trace configuration object');
  const flag = (key: keyof TraceConfig) => optionalField(bool, fields[key], `${name}.${key}`) ?? false;
  const limit = optionalField(quantity, fields.limit, `${name}.limit`) ?? 0n;
  const tracer = optionalField(string, fields.tracer, `${name}.tracer`);
  const tracerConfig = optionalField((v, n) => object(v, n, 'an object'), fields.tracerConfig, `${name}.tracerConfig`) ?? {};
  if (fields.timeout !== undefined && fields.timeout !== null) string(fields.timeout, `${name}.timeout`);
  for (const key of ['stateOverrides', 'blockOverrides']) {
    if (fields[key] !== undefined && fields[key] !== null) throw new InvalidParamsError(`invalid ${name}.${key}: overrides are not supported`);
  }
  return {
    ...DEFAULT_TRACE_CONFIG,
    ...(tracer && { tracer }),
    tracerConfig,
    enableMemory: flag('enableMemory'),
    disableStack: flag('disableStack'),
    disableStorage: flag('disableStorage'),
    enableReturnData: flag('enableReturnData'),
    limit: Number(limit),
  };
};

/** What an absent TraceConfig means. */
export function defaultTraceConfig(): TraceConfig {
  return { ...DEFAULT_TRACE_CONFIG, tracerConfig: {} };
}
