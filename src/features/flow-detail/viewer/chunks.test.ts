import { describe, expect, it } from 'vitest';
import { FIRST_PIECE, FIRST_PIECE_MAX, firstPieceEnd, LOAD_AT_ONCE, pieceEnd } from './chunks';

describe('pieceEnd', () => {
  it('ends after the next line break when one is near', () => {
    expect(pieceEnd('ab\ncd\nef', 1)).toBe(3);
    expect(pieceEnd('ab\ncd\nef', 3)).toBe(6);
    expect(pieceEnd('ab\r\ncd', 2)).toBe(4);
  });

  it('cuts a long line where asked, but never inside a CRLF or a surrogate pair', () => {
    const line = 'x'.repeat(100);
    expect(pieceEnd(line, 10, 5)).toBe(10);
    expect(pieceEnd(`ab📦cd${line}`, 3, 5)).toBe(4);
    expect(pieceEnd(`ab\r\ncd${'x'.repeat(50)}\n`, 3, 5)).toBe(4);
    expect(pieceEnd('abc', 7)).toBe(3);
  });
});

describe('firstPieceEnd', () => {
  const big = 'x'.repeat(3 * FIRST_PIECE_MAX);

  it('loads small texts at once', () => {
    expect(firstPieceEnd('{}', 1)).toBe(2);
    expect(firstPieceEnd('x'.repeat(LOAD_AT_ONCE), null)).toBe(LOAD_AT_ONCE);
  });

  it('reaches past the error to show first, within the maximum', () => {
    expect(firstPieceEnd(big, null)).toBe(FIRST_PIECE);
    expect(firstPieceEnd(big, 10)).toBe(10 + FIRST_PIECE);
    expect(firstPieceEnd(big, 100_000)).toBe(100_000 + FIRST_PIECE);
    expect(firstPieceEnd(big, 2 * FIRST_PIECE_MAX)).toBe(FIRST_PIECE_MAX);
  });
});
