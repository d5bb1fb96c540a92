// Source lines from solc source maps: the compressed map expanded (empty fields repeat the entry
// before), a pc counted in instructions (PUSH data skipped), a byte offset turned into a line and
// column (UTF-8, as solc counts), and no location for generated code or a pc inside PUSH data.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instructionIndex, parseSourceMap, sourceLocation } from '../../../src/eth/source-map.ts';

const SOURCE = '// é\ncontract C {\n    function f() { revert(); }\n}\n';
const sources = new Map([[0, { name: 'src/C.sol', content: SOURCE }]]);
const offset = (text: string) => Buffer.byteLength(SOURCE.slice(0, SOURCE.indexOf(text)), 'utf8');

describe('source maps', () => {
  it("expands solc's compressed entries", () => {
    assert.deepEqual(parseSourceMap('1:2:0:-:0;;3::;:4:-1'), [
      { start: 1, length: 2, file: 0 },
      { start: 1, length: 2, file: 0 },
      { start: 3, length: 2, file: 0 },
      { start: 3, length: 4, file: -1 },
    ]);
  });

  it('counts instructions, skipping PUSH data', () => {
    // PUSH1 0x80, PUSH2 0x0102, JUMPDEST, REVERT
    const code = Uint8Array.of(0x60, 0x80, 0x61, 0x01, 0x02, 0x5b, 0xfd);
    assert.equal(instructionIndex(code, 0), 0);
    assert.equal(instructionIndex(code, 2), 1);
    assert.equal(instructionIndex(code, 5), 2);
    assert.equal(instructionIndex(code, 6), 3);
    assert.equal(instructionIndex(code, 3), undefined, 'inside PUSH2 data');
    assert.equal(instructionIndex(code, 7), undefined, 'past the end');
  });

  it('finds the line, the column and the text of an instruction, in UTF-8 offsets', () => {
    const code = Uint8Array.of(0x60, 0x00, 0xfd);
    const map = `0:10:0;${offset('revert();')}:8:0`;
    assert.deepEqual(sourceLocation(code, 2, parseSourceMap(map), sources), { file: 'src/C.sol', line: 3, column: 20, text: 'function f() { revert(); }' });
    assert.deepEqual(sourceLocation(code, 0, parseSourceMap(map), sources), { file: 'src/C.sol', line: 1, column: 1, text: '// é' });
  });

  it('has no location for code solc generated, or a source it was not given', () => {
    const code = Uint8Array.of(0x60, 0x00, 0xfd);
    assert.equal(sourceLocation(code, 2, parseSourceMap('0:10:0;5:3:-1'), sources), undefined);
    assert.equal(sourceLocation(code, 2, parseSourceMap('0:10:0;5:3:7'), sources), undefined);
  });
});
