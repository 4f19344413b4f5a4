import { createScanner } from 'jsonc-parser';
import { lineEndOffset, lineIndexAt } from './lines';
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
 * Lines longer than this (minified flows are one line of up to 10 MB) are searched by counting
 * quotes instead of tokenizing everything before the wanted offsets: about ten times faster.
 */
export const LONG_LINE = 4096;

/**
 * For each offset, the JSON key or scalar token that begins exactly there, if any.
 *
 * JSON strings cannot hold raw line breaks, so scanning from a line's start is always in sync.
 * Offsets are visited in ascending order and each line is scanned at most once up to its last
 * wanted offset, so many offsets on one huge minified line cost one forward pass.
 */
export function scalarTokensAt(text: string, lineStarts: Uint32Array, offsets: readonly number[]): (Range | undefined)[] {
  const result: (Range | undefined)[] = new Array(offsets.length).fill(undefined);
  const order = offsets.map((_, i) => i).filter((i) => offsets[i]! >= 0 && offsets[i]! < text.length);
  order.sort((a, b) => offsets[a]! - offsets[b]!);
  const scanner = createScanner(text, true);

  for (let k = 0; k < order.length; ) {
    const line = lineIndexAt(lineStarts, offsets[order[k]!]!);
    const lineFrom = lineStarts[line]!;
    const lineTo = lineEndOffset(text, lineStarts, line);
    const nextLine = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
    let end = k + 1;
    while (end < order.length && offsets[order[end]!]! < nextLine) end++;
    const onLine = order.slice(k, end);
    if (lineTo - lineFrom > LONG_LINE) tokensOnLongLine(text, lineFrom, lineTo, offsets, onLine, result);
    else tokensByScanner(scanner, lineFrom, offsets, onLine, result);
    k = end;
  }
  return result;
}

/** Tokenizes one line from its start up to its last wanted offset. */
function tokensByScanner(
  scanner: ReturnType<typeof createScanner>,
  lineFrom: number,
  offsets: readonly number[],
  wanted: readonly number[],
  result: (Range | undefined)[],
) {
  scanner.setPosition(lineFrom);
  let kind = scanner.scan();
  for (const i of wanted) {
    const offset = offsets[i]!;
    while (kind !== EOF && scanner.getTokenOffset() < offset) kind = scanner.scan();
    if (kind !== EOF && scanner.getTokenOffset() === offset && isScalarToken(kind)) {
      result[i] = { from: offset, to: offset + scanner.getTokenLength() };
    }
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /(?:true|false|null)(?![\w$])/y;
const WORD_CHAR = /[\w$.+-]/;

/** The next quote at or after `from` (before `to`) that is not escaped by an odd run of backslashes, or -1. */
function nextQuote(text: string, from: number, to: number): number {
  for (let q = text.indexOf('"', from); q !== -1 && q < to; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (q - backslashes - 1 >= from && text.charCodeAt(q - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
}

/**
 * The same as tokensByScanner, for a long line: whether an offset is inside a string follows from
 * the number of unescaped quotes before it, so only quotes are visited (a native `indexOf` each),
 * and tokens are read where they start.
 */
function tokensOnLongLine(text: string, lineFrom: number, lineTo: number, offsets: readonly number[], wanted: readonly number[], result: (Range | undefined)[]) {
  let inString = false;
  let quote = nextQuote(text, lineFrom, lineTo);
  for (const i of wanted) {
    const offset = offsets[i]!;
    while (quote !== -1 && quote < offset) {
      inString = !inString;
      quote = nextQuote(text, quote + 1, lineTo);
    }
    if (inString) continue;
    const c = text.charCodeAt(offset);
    if (c === QUOTE) {
      if (quote !== offset) continue;
      const close = nextQuote(text, offset + 1, lineTo);
      if (close !== -1) result[i] = { from: offset, to: close + 1 };
      continue;
    }
    if (offset > lineFrom && WORD_CHAR.test(text[offset - 1]!)) continue;
    for (const pattern of [NUMBER, LITERAL]) {
      pattern.lastIndex = offset;
      const m = pattern.exec(text);
      if (m && m[0].length > 0 && offset + m[0].length <= lineTo) {
        result[i] = { from: offset, to: offset + m[0].length };
        break;
      }
    }
  }
}
