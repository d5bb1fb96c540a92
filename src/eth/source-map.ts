// Where in the Solidity source a program counter is, from solc's source map (the `sourceMap` of
// evm.deployedBytecode: one `s:l:f:j:m` entry per instruction, `;`-separated, an empty field repeating
// the entry before; solc docs "Source Mappings") and the sources of the compilation, by their ids. The
// instruction of a pc is counted over the code, PUSH data skipped. A pc in code solc generated itself
// (file -1, or an id without a source) has no location. Offsets are solc's: bytes of UTF-8.

/** A source file of a compilation: its name as the project writes it, and its text. */
export interface SourceFile {
  name: string;
  content: string;
}

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The source line, trimmed. */
  text: string;
}

interface Entry {
  start: number;
  length: number;
  file: number;
}

const PUSH1 = 0x60;
const PUSH32 = 0x7f;

/** solc's compressed source map, expanded. */
export function parseSourceMap(map: string): Entry[] {
  const entries: Entry[] = [];
  let last: Entry = { start: -1, length: -1, file: -1 };
  for (const item of map.split(';')) {
    const [s, l, f] = item.split(':');
    last = { start: field(s, last.start), length: field(l, last.length), file: field(f, last.file) };
    entries.push(last);
  }
  return entries;
}

function field(text: string | undefined, previous: number): number {
  return text === undefined || text === '' ? previous : Number(text);
}

/** The index of the instruction that starts at `pc`, or undefined when `pc` is inside PUSH data or past the end. */
export function instructionIndex(code: Uint8Array, pc: number): number | undefined {
  let index = 0;
  for (let at = 0; at < code.length; index++) {
    if (at === pc) return index;
    if (at > pc) return undefined;
    const op = code[at]!;
    at += op >= PUSH1 && op <= PUSH32 ? op - PUSH1 + 2 : 1;
  }
  return undefined;
}

export function sourceLocation(code: Uint8Array, pc: number, entries: readonly Entry[], sources: ReadonlyMap<number, SourceFile>): SourceLocation | undefined {
  const index = instructionIndex(code, pc);
  const entry = index === undefined ? undefined : entries[index];
  const source = entry && entry.start >= 0 ? sources.get(entry.file) : undefined;
  // solc counts bytes of UTF-8.
  const bytes = source && Buffer.from(source.content, 'utf8');
  if (!entry || !source || !bytes || entry.start > bytes.length) return undefined;
  const NEWLINE = 0x0a;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < entry.start; i++) {
    if (bytes[i] === NEWLINE) [line, lineStart] = [line + 1, i + 1];
  }
  const lineEnd = bytes.indexOf(NEWLINE, entry.start);
  const text = bytes.subarray(lineStart, lineEnd === -1 ? undefined : lineEnd).toString('utf8').trim();
  return { file: source.name, line, column: bytes.subarray(lineStart, entry.start).toString('utf8').length + 1, text };
}
