// Parameters of trace_filter, trace_replayBlockTransactions and geth's TraceConfig.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidParamsError, defaultTraceConfig, traceConfig, traceFilter, traceTypes } from '../../../src/rpc/index.ts';

const A = `0x${'aa'.repeat(20)}`;
const B = `0x${'bb'.repeat(20)}`;

describe('trace parameters', () => {
  it('trace_filter: blocks, one address or a list, after and count', () => {
    const f = traceFilter({ fromBlock: '0x1', toBlock: 'latest', fromAddress: A, toAddress: [A, B], after: '0x2', count: 10 }, 'filter');
    assert.deepEqual(f.fromBlock, { kind: 'number', number: 1n });
    assert.deepEqual(f.toBlock, { kind: 'tag', tag: 'latest' });
    assert.equal(f.fromAddress.length, 1);
    assert.equal(f.toAddress.length, 2);
    assert.equal(f.after, 2n);
    assert.equal(f.count, 10n);
    assert.deepEqual(traceFilter({}, 'filter'), { fromAddress: [], toAddress: [] });
    assert.throws(() => traceFilter({ fromAddress: '0x12' }, 'filter'), /invalid filter.fromAddress/);
    assert.throws(() => traceFilter([], 'filter'), InvalidParamsError);
  });

  it('trace types are a list of strings', () => {
    assert.deepEqual(traceTypes(['trace'], 'traceTypes'), ['trace']);
    assert.throws(() => traceTypes('trace', 'traceTypes'), InvalidParamsError);
  });

  it("TraceConfig: geth's defaults, the struct logger's switches, a named tracer with its config; no overrides", () => {
    assert.deepEqual(traceConfig({}, 'config'), defaultTraceConfig());
    assert.deepEqual(defaultTraceConfig(), { tracerConfig: {}, enableMemory: false, disableStack: false, disableStorage: false, enableReturnData: false, limit: 0 });
    const c = traceConfig({ enableMemory: true, limit: '0x10', tracer: 'callTracer', tracerConfig: { withLog: true }, timeout: '5s' }, 'config');
    assert.equal(c.enableMemory, true);
    assert.equal(c.limit, 16);
    assert.equal(c.tracer, 'callTracer');
    assert.deepEqual(c.tracerConfig, { withLog: true });
    assert.throws(() => traceConfig({ disableStack: 'yes' }, 'config'), /invalid config.disableStack/);
    assert.throws(() => traceConfig({ stateOverrides: {} }, 'config'), /not supported/);
  });
});
