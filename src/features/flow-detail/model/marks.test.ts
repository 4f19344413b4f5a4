import { describe, expect, it } from 'vitest';
import { placeErrors } from '../../../lib/json-positions';
import type { ValidationError } from '../../../model/flow';
import { viewerMarks } from './marks';

const error = (code: string, lineStart: number | null, columnStart: number | null, columnEnd: number | null): ValidationError => ({
  code,
  type: null,
  message: `${code} message`,
  lineStart,
  lineEnd: lineStart,
  columnStart,
  columnEnd,
  pointers: [],
});

describe('viewerMarks', () => {
  it('marks every placed error with its index and message, and skips unlocated ones', () => {
    const text = '{"a": "x", "b": 2}';
    const errors = [error('A', 1, 7, 10), error('NOWHERE', null, null, null), error('B', 1, 17, 18)];
    const marks = viewerMarks(errors, placeErrors(text, errors).placed, null);
    expect(marks.map((m) => [m.index, text.slice(m.from, m.to), m.message])).toEqual([
      [0, '"x"', '#1 A: A message'],
      [2, '2', '#3 B: B message'],
    ]);
  });

  it('adds the parse error as a syntax mark with index -1', () => {
    const marks = viewerMarks([], [], { offset: 5, length: 1, message: "Expected ','", line: 1, column: 6 });
    expect(marks).toEqual([{ index: -1, from: 5, to: 6, message: "JSON syntax error: Expected ',' (line 1, column 6)", severity: 'syntax' }]);
  });

  it('has no marks before placement', () => {
    expect(viewerMarks([error('A', 1, 1, 2)], undefined, null)).toEqual([]);
  });
});
