import { createScanner } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { bigMinifiedFlow } from './fixtures/big-flow';
import { lineStartOffsets } from './lines';
import { scalarTokensAt } from './tokens';
import type { Range } from './types';

// jsonc-parser's SyntaxKind is an ambient const enum, which isolatedModules cannot read.
const NULL_KEYWORD = 7;
const NUMERIC_LITERAL = 11;
const EOF = 17;

/** The oracle: jsonc-parser's tokenizer run over the whole text, its key and scalar tokens by start offset. */
function tokensByScanner(text: string): Map<number, Range> {
  const tokens = new Map<number, Range>();
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind >= NULL_KEYWORD && kind <= NUMERIC_LITERAL) {
      const from = scanner.getTokenOffset();
      tokens.set(from, { from, to: from + scanner.getTokenLength() });
    }
  }
  return tokens;
}

/** scalarTokensAt asked at every offset of `text`, as a map like the oracle's. */
function tokensEverywhere(text: string): Map<number, Range> {
  const offsets = Array.from({ length: text.length }, (_, i) => i);
  const found = scalarTokensAt(text, lineStartOffsets(text), offsets);
  return new Map(found.flatMap((r, i) => (r ? [[i, r] as const] : [])));
}

const tricky = {
  a: 'x,"',
  'b"c': ['"', '\\', '\\"', 'q\\\\', ', "k": 1'],
  n: [-1.5e3, 0, 12, true, false, null],
  s: 'Größe 📦 "quoted" [{,:}] true 12',
};

describe('scalarTokensAt', () => {
  it('finds exactly the tokens the tokenizer finds, at every offset of a minified (one-line) text', () => {
    const text = JSON.stringify(tricky);
    expect(tokensEverywhere(text)).toEqual(tokensByScanner(text));
  });

  it('finds exactly the tokens the tokenizer finds, at every offset of a pretty-printed text, CRLF included', () => {
    const pretty = JSON.stringify(tricky, null, 2);
    expect(tokensEverywhere(pretty)).toEqual(tokensByScanner(pretty));
    const crlf = pretty.replace(/\n/g, '\r\n');
    expect(tokensEverywhere(crlf)).toEqual(tokensByScanner(crlf));
  });

  it('agrees with the tokenizer on a big minified flow with non-ASCII text', () => {
    const text = bigMinifiedFlow(60_000);
    const found = tokensEverywhere(text);
    expect(found).toEqual(tokensByScanner(text));
    const first = [...found.values()].slice(0, 6).map((r) => text.slice(r.from, r.to));
    expect(first).toEqual(['"version"', '"5.0"', '"screens"', '"id"', '"SCREEN_0"', '"title"']);
  });

  it('finds no token inside a string, and none at an offset past the text', () => {
    const text = '{"a": "b: 12"}';
    const [inString, past] = scalarTokensAt(text, lineStartOffsets(text), [text.indexOf('12'), text.length + 3]);
    expect(inString).toBeUndefined();
    expect(past).toBeUndefined();
  });
});
