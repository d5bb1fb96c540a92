// Block and CID conventions of Filecoin (FEVM-FACTS §2.1-2.2).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_ARR_CID, RAW, blockCid, identityCid } from '../../../src/ipld/index.ts';

describe('CIDs', () => {
  it('EMPTY_ARR_CID is bafy2bzacebc3bt6cedhoyw34drrmjvazhu4oj25er2ebk4u445pzycvq4ta4a', () => {
    assert.equal(EMPTY_ARR_CID.toString(), 'bafy2bzacebc3bt6cedhoyw34drrmjvazhu4oj25er2ebk4u445pzycvq4ta4a');
  });

  it('identity code CID of fil/test/evm is bafkqaddgnfwc65dfon2c6zlwnu', () => {
    assert.equal(identityCid('fil/test/evm').toString(), 'bafkqaddgnfwc65dfon2c6zlwnu');
  });

  it('raw blocks (bytecode) get raw-codec blake2b CIDs', () => {
    const cid = blockCid(new Uint8Array(0), RAW);
    assert.equal(cid.code, RAW);
    assert.ok(cid.toString().startsWith('bafk2bza'));
  });
});
