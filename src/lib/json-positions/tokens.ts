import { createScanner } from 'jsonc-parser';
import { lineIndexAt } from './lines';
import type { Range } from './types';

// jsonc-parser's SyntaxKind is an ambient const enum, which isolatedModules cannot read.
const NULL_KEYWORD = 7;
const NUMERIC_LITERAL = 11;
const EOF = 17;

/** String (key or value), number, true, false or null. */
export function isScalarToken(kind: number): boolean {
  return kind >= NULL_KEYWORD && kind <= NUMERIC_LITERAL;
}

/**
 * For each offset, the JSON key or scalar token that begins exactly there, if any.
 *
 * JSON strings cannot hold raw line breaks, so scanning from a line's start is always in sync.
 * Offsets are visited in ascending order and each line is scanned at most once up to its last
 * wanted offset, so many offsets on one huge minified line cost one forward pass.
 */
export function scalarTokensAt(text: string, lineStarts: Uint32Array, offsets: readonly number[]): (Range | undefined)[] {
  const result: (Range | undefined)[] = new Array(offsets.length).fill(undefined);
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  const scanner = createScanner(text, true);
  let scannedLine = -1;
  let kind = EOF;

  for (const i of order) {
    const offset = offsets[i]!;
    if (offset < 0 || offset >= text.length) continue;
    const line = lineIndexAt(lineStarts, offset);
    if (line !== scannedLine) {
      scanner.setPosition(lineStarts[line]!);
      kind = scanner.scan();
      scannedLine = line;
    }
    while (kind !== EOF && scanner.getTokenOffset() < offset) kind = scanner.scan();
    if (kind !== EOF && scanner.getTokenOffset() === offset && isScalarToken(kind)) {
      result[i] = { from: offset, to: offset + scanner.getTokenLength() };
    }
  }
  return result;
}
