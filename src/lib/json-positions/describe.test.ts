import { describe, expect, it } from 'vitest';
import { describePlaced, describeReported, describeSpan } from './describe';
import { EIGHT_BY_EIGHT_ERROR, validationError } from './fixtures/flows';

describe('describeSpan', () => {
  it('words single-line, multi-line and partial ranges', () => {
    expect(describeSpan({ lineStart: 1, columnStart: 84, lineEnd: 1, columnEnd: 92 })).toBe('line 1, columns 84–92');
    expect(describeSpan({ lineStart: 3, columnStart: 5, lineEnd: null, columnEnd: null })).toBe('line 3, column 5');
    expect(describeSpan({ lineStart: 3, columnStart: 2, lineEnd: 5, columnEnd: 7 })).toBe('lines 3–5 (column 2 to column 7)');
    expect(describeSpan({ lineStart: 3, columnStart: null, lineEnd: 5, columnEnd: null })).toBe('lines 3–5');
    expect(describeSpan({ lineStart: 4, columnStart: null, lineEnd: 4, columnEnd: null })).toBe('line 4');
    expect(describeSpan({ lineStart: null, columnStart: 4, lineEnd: 4, columnEnd: 5 })).toBeNull();
  });

  it('describes the reported position, falling back to the first pointer', () => {
    expect(describeReported(EIGHT_BY_EIGHT_ERROR)).toBe('line 1, columns 84–92');
    const pointerOnly = validationError({ pointers: [{ lineStart: 7, lineEnd: 7, columnStart: 3, columnEnd: 9, path: 'x' }] });
    expect(describeReported(pointerOnly)).toBe('line 7, columns 3–9');
    expect(describeReported(validationError())).toBeNull();
    expect(describePlaced({ line: 2, column: 1, endLine: 2, endColumn: 5 })).toBe('line 2, columns 1–5');
  });
});
