// The reference transactions of docs/gas.md (bench/gas-reference.ts) still run, and their gas keeps the
// shape the document describes. The figures themselves live in the document, not here.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { measureReferenceGas } from '../../../bench/gas-reference.ts';

describe('docs/gas.md reference transactions', async () => {
  const rows = await measureReferenceGas();
  const gasOf = (name: string) => {
    const row = rows.find((r) => r.name === name);
    assert.ok(row, `no reference transaction "${name}"`);
    return row.gasUsed;
  };

  it('each fits its gas limit', () => {
    for (const r of rows) assert.ok(r.gasUsed > 0 && r.gasUsed <= r.gasLimit, `${r.name}: ${r.gasUsed} of ${r.gasLimit}`);
  });

  it('an ERC-20 transfer costs more than a FIL transfer, and a new holder more than an existing one', () => {
    assert.ok(gasOf('ERC-20 transfer to an existing holder') > gasOf('FIL transfer between Ethereum accounts'));
    assert.ok(gasOf('ERC-20 transfer to a new holder') > gasOf('ERC-20 transfer to an existing holder'));
  });
});
