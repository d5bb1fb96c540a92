// Every parameter parser a method declaration can use, in one import: the scalar kinds and the
// composite objects (block references, call requests, log filters, trace filters and trace configurations). Each parser throws
// InvalidParamsError with a message naming the parameter.

export { address, any, bool, data, dataUpTo, hash32, quantity, safeInteger, string, uint64, type ParamParser } from './param-scalars.ts';
export { blockNumberOrTag, blockRef, type BlockRef, type BlockTag } from './block-ref.ts';
export { callRequest, type CallRequest } from './call-request.ts';
export { logFilter, type LogFilter } from './log-filter.ts';
export { defaultTraceConfig, traceConfig, traceFilter, traceTypes, type TraceConfig, type TraceFilter } from './trace-params.ts';
