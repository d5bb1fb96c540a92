// Every method the gateway registers has a permission class (gateway/method-permissions.ts), so that
// none falls to the dispatcher's 'admin' default unnoticed, and the table names no method that is gone.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createNode } from '../../../src/chain/node.ts';
import { ChainView, METHOD_PERMISSIONS, ethMethods } from '../../../src/gateway/index.ts';

describe('method permissions', () => {
  it('classify every registered method, and only those', async () => {
    const node = createNode({ memory: true });
    try {
      const names = ethMethods(new ChainView(node, 31415926)).map((m) => m.name);
      assert.deepEqual(names.filter((n) => !Object.hasOwn(METHOD_PERMISSIONS, n)), []);
      assert.deepEqual(Object.keys(METHOD_PERMISSIONS).filter((n) => !names.includes(n)), []);
    } finally {
      await node.close();
    }
  });

  it('ask a token for development methods that change the chain and for signing', () => {
    assert.equal(METHOD_PERMISSIONS.eth_getBalance, 'read');
    assert.equal(METHOD_PERMISSIONS.eth_sendRawTransaction, 'read');
    assert.equal(METHOD_PERMISSIONS.evm_mine, 'write');
    assert.equal(METHOD_PERMISSIONS.hardhat_setBalance, 'write');
    assert.equal(METHOD_PERMISSIONS.eth_sendTransaction, 'sign');
    assert.equal(METHOD_PERMISSIONS.eth_signTransaction, 'sign');
    assert.equal(METHOD_PERMISSIONS.personal_sign, 'sign');
    assert.equal(METHOD_PERMISSIONS.anvil_loadState, 'admin');
  });
});
