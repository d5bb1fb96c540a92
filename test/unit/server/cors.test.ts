// CORS and origins: pages on loopback get CORS headers and preflight answers; other web pages are
// refused (a text/plain POST skips preflight and WebSockets skip CORS, so headers alone would not stop
// them); tools without an Origin and wallet extensions pass.

import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackOrigin, originPolicy, type RunningServer } from '../../../src/server/index.ts';
import { call, post, startToyServer } from './toy-methods.ts';
import { connect } from './ws-client.ts';

let server: RunningServer;
beforeEach(async () => {
  server = await startToyServer();
});
afterEach(() => server.close());

function preflight(origin: string): Promise<Response> {
  return fetch(`${server.url}/rpc/v1`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

describe('CORS', () => {
  it('answers a preflight from http://localhost:5173', async () => {
    const response = await preflight('http://localhost:5173');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /content-type/);
  });

  it('gives loopback pages the allow-origin header on the call itself', async () => {
    for (const origin of ['http://127.0.0.1:3000', 'https://localhost', 'http://[::1]:8080']) {
      const { headers, json } = await post(`${server.url}/rpc/v1`, call('echo', ['x']), { origin, 'content-type': 'application/json' });
      assert.equal(headers.get('access-control-allow-origin'), origin);
      assert.equal(json.result, 'x');
    }
  });

  it('gives https://evil.example no allow-origin header, and does not run its calls', async () => {
    const response = await preflight('https://evil.example');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const { status, headers, json } = await post(`${server.url}/rpc/v1`, call('echo', ['x']), { origin: 'https://evil.example', 'content-type': 'text/plain' });
    assert.equal(status, 403);
    assert.equal(headers.get('access-control-allow-origin'), null);
    assert.equal(json.error.message, 'origin https://evil.example is not allowed');
    await assert.rejects(connect(`${server.wsUrl}/rpc/v1`, { origin: 'https://evil.example' }));
  });

  it('lets tools without an Origin and wallet extensions through, without CORS headers', async () => {
    const tool = await post(`${server.url}/rpc/v1`, call('echo', ['x']));
    assert.equal(tool.json.result, 'x');
    const wallet = await post(`${server.url}/rpc/v1`, call('echo', ['x']), { origin: 'chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn' });
    assert.equal(wallet.json.result, 'x');
    assert.equal(wallet.headers.get('access-control-allow-origin'), null);
  });
});

describe('originPolicy', () => {
  it('sorts origins', () => {
    assert.equal(originPolicy(undefined), 'no-origin');
    assert.equal(originPolicy('http://localhost:5173'), 'loopback');
    assert.equal(originPolicy('https://127.0.0.1'), 'loopback');
    assert.equal(originPolicy('http://[::1]:1234'), 'loopback');
    assert.equal(originPolicy('moz-extension://abc'), 'extension');
    assert.equal(originPolicy('null'), 'refused');
    assert.equal(originPolicy('http://localhost.evil.example'), 'refused');
    assert.equal(originPolicy('http://127.0.0.2'), 'refused');
    assert.equal(originPolicy('ftp://localhost'), 'refused');
    assert.equal(isLoopbackOrigin('http://localhost:5173'), true);
    assert.equal(isLoopbackOrigin('https://evil.example'), false);
  });
});
