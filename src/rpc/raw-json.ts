// A method result that is JSON text already: a method that keeps its answers serialized (eth_getLogs
// keeps each log's JSON) returns the text, and whoever serializes the response (server/rpc-exchange.ts)
// splices it in as is instead of building objects only to stringify them again; the in-process
// provider parses it. The text is kept in pieces that the writer copies once, with the envelope around
// them, into what it sends (server/response-payload.ts): on a large answer every extra copy of the whole
// text costs. Nothing here checks that the pieces make valid JSON.

export class RawJson {
  /** Pieces whose concatenation is the JSON text. */
  readonly parts: readonly string[];

  constructor(parts: readonly string[]) {
    this.parts = parts;
  }

  /** A JSON array of `items`, each JSON text. */
  static array(items: readonly string[]): RawJson {
    const parts: string[] = ['['];
    items.forEach((item, i) => (i === 0 ? parts.push(item) : parts.push(',', item)));
    parts.push(']');
    return new RawJson(parts);
  }

  text(): string {
    return this.parts.join('');
  }
}

/** A response's result as a value: RawJson parsed, anything else as it is. */
export function resultValue(result: unknown): unknown {
  return result instanceof RawJson ? JSON.parse(result.text()) : result;
}
