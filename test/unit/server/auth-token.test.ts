// API tokens (server/auth-token.ts) and who holds which permission (server/access.ts): Lotus's JWT
// shape, HS256 with our secret, what each --perm grants, and the loopback rule.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createToken, verifyToken, InvalidTokenError, isLoopbackHost, requestPermissions } from '../../../src/server/index.ts';
import { expandPermissions } from '../../../src/rpc/index.ts';

const secret = new Uint8Array(32).fill(7);
const other = new Uint8Array(32).fill(8);

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signed(header: unknown, payload: unknown, key: Uint8Array = secret): string {
  const body = `${part(header)}.${part(payload)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('API tokens', () => {
  it('are Lotus JWTs: HS256 header, {"Allow": [...]} payload, base64url without padding', () => {
    const token = createToken(secret, 'write');
    const [header, payload, signature] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(JSON.parse(Buffer.from(payload!, 'base64url').toString()), { Allow: ['read', 'write'] });
    assert.doesNotMatch(token, /[=+/]/);
    assert.equal(signature, createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'));
  });

  it('grant what their permission implies: admin all four, sign sign/write/read, write write/read, read read', () => {
    assert.deepEqual([...verifyToken(secret, createToken(secret, 'admin'))], ['read', 'write', 'sign', 'admin']);
    assert.deepEqual([...verifyToken(secret, createToken(secret, 'sign'))], ['read', 'write', 'sign']);
    assert.deepEqual([...verifyToken(secret, createToken(secret, 'write'))], ['read', 'write']);
    assert.deepEqual([...verifyToken(secret, createToken(secret, 'read'))], ['read']);
    // A Lotus token that lists only its highest permission grants the ones below it too.
    assert.deepEqual([...verifyToken(secret, signed({ alg: 'HS256', typ: 'JWT' }, { Allow: ['admin'] }))], ['read', 'write', 'sign', 'admin']);
    assert.deepEqual([...expandPermissions(['sign', 'read'])], ['read', 'write', 'sign']);
  });

  it('made with another secret are refused', () => {
    assert.throws(() => verifyToken(secret, createToken(other, 'admin')), InvalidTokenError);
  });

  it('that were tampered with are refused', () => {
    const [header, , signature] = createToken(secret, 'read').split('.');
    assert.throws(() => verifyToken(secret, `${header}.${part({ Allow: ['admin'] })}.${signature}`), /signature/);
    assert.throws(() => verifyToken(secret, `${createToken(secret, 'read')}x`), /signature/);
    assert.throws(() => verifyToken(secret, 'not-a-jwt'), /not a JWT/);
  });

  it('without an Allow list, with an unknown permission or another algorithm are refused', () => {
    assert.throws(() => verifyToken(secret, signed({ alg: 'HS256', typ: 'JWT' }, {})), /no Allow/);
    assert.throws(() => verifyToken(secret, signed({ alg: 'HS256', typ: 'JWT' }, { Allow: [] })), /no Allow/);
    assert.throws(() => verifyToken(secret, signed({ alg: 'HS256', typ: 'JWT' }, { Allow: ['root'] })), /unknown permission "root"/);
    assert.throws(() => verifyToken(secret, signed({ alg: 'none', typ: 'JWT' }, { Allow: ['admin'] })), /not HS256/);
  });
});

describe('access', () => {
  it('counts 127.0.0.0/8, ::1 and localhost as loopback, nothing else', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '::', '192.0.2.2', '10.0.0.1', 'fd00::2', 'example.com']) assert.equal(isLoopbackHost(host), false, host);
  });

  it('gives everything without tokens, read without a header, the token\'s grant with one, an error for a bad one', () => {
    assert.equal(requestPermissions(undefined, undefined), undefined);
    const access = { secret };
    assert.deepEqual([...(requestPermissions(access, undefined) as Set<string>)], ['read']);
    assert.deepEqual([...(requestPermissions(access, `Bearer ${createToken(secret, 'sign')}`) as Set<string>)], ['read', 'write', 'sign']);
    assert.ok(requestPermissions(access, `Bearer ${createToken(other, 'sign')}`) instanceof InvalidTokenError);
    assert.ok(requestPermissions(access, 'Basic dXNlcjpwYXNz') instanceof InvalidTokenError);
  });
});
