// Every JSON-RPC result of a realistic session (rpc-session.ts) against the Ethereum execution-apis
// result schemas: a result that does not match fails the test, unless docs/differences.md lists the
// method and field with the reason FEVM differs there. Methods the schemas do not declare (Filecoin.*,
// net_listening, web3_clientVersion, ...) are skipped. Each difference is printed with the call that
// showed it; a listed difference the session no longer shows fails too, so the list stays true.
// Data: FEVM_CONFORMANCE_DIR, or ../shared/conformance beside the repository.

import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';
import { deriveDevAccounts } from '../../src/chain/dev-accounts.ts';
import { conformanceDir } from './state-test-case.ts';
import { createRpcRecorder, type RecordedCall, type RpcRecorder } from './rpc-recorder.ts';
import { SchemaChecker, loadMethodSchemas, type MethodSchema, type SchemaDifference } from './rpc-schema-check.ts';
import { runRpcSession } from './rpc-session.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const DIFFERENCES_DOC = path.join(REPO_ROOT, 'docs', 'differences.md');
/** Methods the session must have answered with a result, so that a broken session cannot pass empty. */
const COVERED = [
  'eth_chainId', 'net_version', 'eth_syncing', 'eth_accounts', 'eth_blockNumber', 'eth_getBalance', 'eth_getTransactionCount', 'eth_getCode',
  'eth_getStorageAt', 'eth_call', 'eth_estimateGas', 'eth_gasPrice', 'eth_maxPriorityFeePerGas', 'eth_baseFee', 'eth_feeHistory',
  'eth_sendRawTransaction', 'eth_getTransactionByHash', 'eth_getTransactionReceipt', 'eth_getTransactionByBlockHashAndIndex',
  'eth_getTransactionByBlockNumberAndIndex', 'eth_getBlockByNumber', 'eth_getBlockByHash', 'eth_getBlockReceipts',
  'eth_getBlockTransactionCountByNumber', 'eth_getBlockTransactionCountByHash', 'eth_getLogs', 'eth_newFilter', 'eth_newBlockFilter',
  'eth_newPendingTransactionFilter', 'eth_getFilterChanges', 'eth_getFilterLogs', 'eth_uninstallFilter',
  'debug_traceTransaction', 'debug_traceBlockByNumber', 'debug_traceBlockByHash',
];

interface Found extends SchemaDifference {
  call: RecordedCall;
}

/** The `| \`method\` | \`field\` | reason |` rows of docs/differences.md, keyed `method field`. */
function listedDifferences(): Map<string, string> {
  const listed = new Map<string, string>();
  for (const line of readFileSync(DIFFERENCES_DOC, 'utf8').split('\n')) {
    const row = /^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!row) continue;
    const [, method, field, reason] = row;
    const key = `${method} ${field}`;
    assert.ok(!listed.has(key), `docs/differences.md lists ${key} twice`);
    assert.ok(reason!.trim().length > 0, `docs/differences.md lists ${key} without a reason`);
    listed.set(key, reason!.trim());
  }
  return listed;
}

/** `method(params)`, each param cut to 100 characters (calldata and raw transactions are long). */
const callText = (call: RecordedCall) => `${call.method}(${call.params.map((p) => cut(JSON.stringify(p), 100)).join(',')})`;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

describe('JSON-RPC results against the execution-apis schemas', () => {
  const accounts = deriveDevAccounts({ count: 2 });
  const checker = new SchemaChecker();
  let schemas: Record<string, MethodSchema>;
  let loadError: Error | undefined;
  let devnet: Devnet | undefined;
  let rpc: RpcRecorder;

  before(async () => {
    try {
      schemas = loadMethodSchemas(conformanceDir(REPO_ROOT));
    } catch (error) {
      loadError = error as Error;
      return;
    }
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2, mining: { kind: 'manual' } });
    rpc = createRpcRecorder(devnet.url);
    await runRpcSession(devnet, rpc, accounts);
  });

  after(async () => {
    await devnet?.close();
  });

  it('finds the execution-apis schemas', () => {
    assert.ifError(loadError);
  });

  it('the session answers every method a wallet or an indexer uses, and calls each as the spec declares its params', (t: TestContext) => {
    assert.ifError(loadError);
    const answered = new Set(rpc.calls.filter((c) => 'result' in c).map((c) => c.method));
    assert.deepEqual(COVERED.filter((m) => !answered.has(m)), [], 'methods the session never got a result from');
    const skipped = [...new Set(rpc.calls.map((c) => c.method).filter((m) => !schemas[m]))];
    t.diagnostic(`${rpc.calls.length} calls of ${new Set(rpc.calls.map((c) => c.method)).size} methods; not in the schemas, skipped: ${skipped.join(', ')}`);
    const badParams = rpc.calls.flatMap((call) => {
      const declared = schemas[call.method]?.params;
      if (!declared) return [];
      return declared.flatMap((p, i) => {
        if (i >= call.params.length) return p.required ? [`${callText(call)}: missing ${p.name}`] : [];
        return checker.check(p.schema, call.params[i]).map((d) => `${callText(call)}: ${p.name}${d.at === '(result)' ? '' : `.${d.at}`}: ${d.message}`);
      });
    });
    assert.deepEqual(badParams, [], 'the session itself must call methods as the spec says');
  });

  it('every result matches its schema, or differs only where docs/differences.md says why', (t: TestContext) => {
    assert.ifError(loadError);
    const listed = listedDifferences();
    const found: Found[] = rpc.calls.flatMap((call) => {
      const schema = schemas[call.method]?.result.schema;
      if (!schema || !('result' in call)) return [];
      return checker.check(schema, call.result).map((d) => ({ ...d, call }));
    });
    const groups = new Map<string, Found[]>();
    for (const f of found) {
      const key = `${f.call.method} ${f.field}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const unlisted: string[] = [];
    for (const [key, list] of groups) {
      const reason = listed.get(key);
      if (!reason) unlisted.push(`${key}: ${list[0]!.message}, in ${callText(list[0]!.call)}`);
      t.diagnostic(`${reason ? 'LISTED' : 'NOT LISTED'} ${key} (${list.length}×)${reason ? `: ${reason}` : ''}`);
      for (const f of list) t.diagnostic(`    ${callText(f.call)} → ${f.at}: ${f.message}`);
    }
    const checked = rpc.calls.filter((c) => schemas[c.method] && 'result' in c).length;
    t.diagnostic(`${checked} results checked; ${found.length} differences in ${groups.size} method+field pairs, ${unlisted.length} not listed in docs/differences.md`);
    assert.deepEqual(unlisted, [], 'results that differ from the execution-apis schemas: fix them, or list them in docs/differences.md with the reason');
    const stale = [...listed.keys()].filter((key) => !groups.has(key));
    assert.deepEqual(stale, [], 'docs/differences.md lists differences the session no longer shows: remove them');
  });
});
