import { describe, expect, it } from 'vitest';
import { LineStartScanner, lineEndOffset, lineRange, lineStartOffsets, offsetToLineColumn } from './lines';

describe('line helpers', () => {
  it('finds line starts for \\n, \\r\\n and lone \\r', () => {
    expect([...lineStartOffsets('a\nbc\r\nd\re')]).toEqual([0, 2, 6, 8]);
    expect([...lineStartOffsets('')]).toEqual([0]);
    expect([...lineStartOffsets('x\n')]).toEqual([0, 2]);
  });

  it('finds the same line starts in a text that arrives in pieces, whatever the cuts', () => {
    const text = 'a\nbc\r\nd\re\r\r\n\nf\r';
    const whole = [...lineStartOffsets(text)];
    expect(whole).toEqual([0, 2, 6, 8, 10, 12, 13, 15]);
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2++) {
        const scanner = new LineStartScanner().push(text.slice(0, cut)).push(text.slice(cut, cut2)).push(text.slice(cut2));
        expect([...scanner.finish()], `cuts at ${cut} and ${cut2}`).toEqual(whole);
      }
    }
  });

  it('ends lines before their break', () => {
    const text = 'a\nbc\r\nd';
    const starts = lineStartOffsets(text);
    expect(lineEndOffset(text, starts, 0)).toBe(1);
    expect(lineEndOffset(text, starts, 1)).toBe(4);
    expect(lineEndOffset(text, starts, 2)).toBe(7);
    expect(lineRange(text, starts, 2)).toEqual({ from: 2, to: 4 });
    expect(lineRange(text, starts, 4)).toBeNull();
  });

  it('maps offsets to 1-based line and UTF-16 column', () => {
    const starts = lineStartOffsets('ab\n📦c');
    expect(offsetToLineColumn(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(offsetToLineColumn(starts, 3)).toEqual({ line: 2, column: 1 });
    expect(offsetToLineColumn(starts, 5)).toEqual({ line: 2, column: 3 });
  });
});
