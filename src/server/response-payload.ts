// A JSON-RPC response (or batch) as what a transport sends: JSON.stringify's text, except when a result
// is RawJson (JSON text already, as eth_getLogs answers): then its pieces go in as they are, and for
// HTTP straight into one buffer of UTF-8 bytes. A large answer (thousands of logs) is then never one
// big JavaScript string: each big string is fresh memory the system has to map, twice (the string, and
// its UTF-8 copy when the socket writes it), and that cost more than making the answer.
// Not owned here: the envelope's fields (rpc/dispatch.ts), what the transports do with it.

import { RawJson, type JsonRpcResponse } from '../rpc/index.ts';

/** Pieces are written to the buffer in groups of about this many characters, joined first. */
const GROUP_CHARS = 32 * 1024;

/** The response as text, or as bytes when `bytes` and a result is RawJson. */
export function responsePayload(response: JsonRpcResponse | JsonRpcResponse[], bytes: boolean): string | Buffer {
  const responses = Array.isArray(response) ? response : [response];
  if (!responses.some(hasRawResult)) return JSON.stringify(response);
  const pieces: string[] = [];
  if (Array.isArray(response)) pieces.push('[');
  responses.forEach((r, i) => {
    if (i > 0) pieces.push(',');
    if (!hasRawResult(r)) return void pieces.push(JSON.stringify(r));
    pieces.push('{"jsonrpc":"2.0","id":', JSON.stringify(r.id), ',"result":');
    for (const part of r.result.parts) pieces.push(part);
    pieces.push('}');
  });
  if (Array.isArray(response)) pieces.push(']');
  return bytes ? utf8Of(pieces) : pieces.join('');
}

function hasRawResult(r: JsonRpcResponse): r is JsonRpcResponse & { result: RawJson } {
  return 'result' in r && r.result instanceof RawJson;
}

/** The UTF-8 bytes of the concatenated pieces, written group by group into one buffer. */
function utf8Of(pieces: readonly string[]): Buffer {
  const groups: string[] = [];
  let group: string[] = [];
  let chars = 0;
  let size = 0;
  for (const piece of pieces) {
    group.push(piece);
    chars += piece.length;
    if (chars < GROUP_CHARS) continue;
    groups.push(group.join(''));
    group = [];
    chars = 0;
  }
  groups.push(group.join(''));
  for (const g of groups) size += Buffer.byteLength(g);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const g of groups) at += out.write(g, at);
  return out;
}
