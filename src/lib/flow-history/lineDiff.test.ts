import { describe, expect, it } from 'vitest';
import { lineDiff, type TextChange } from './lineDiff';

/** `a` with the changes applied: must give `b`. */
function apply(a: string, b: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const c of changes) {
    expect(c.fromA).toBeGreaterThanOrEqual(at);
    out += a.slice(at, c.fromA) + b.slice(c.fromB, c.toB);
    at = c.toA;
  }
  return out + a.slice(at);
}

const doc = (n: number, edit: (i: number) => string = (i) => `  "label_${i}": "Line ${i}",`) => ['{', ...Array.from({ length: n }, (_, i) => edit(i)), '}'].join('\n');

describe('lineDiff', () => {
  it.each([
    ['x', 'x\ny'],
    ['x\ny', 'x'],
    ['a\nb\nc', 'a\nB\nc'],
    ['', 'a'],
    ['a\n', 'a\nb\n'],
    ['a\nb\nc\nd', 'd\nc\nb\na'],
  ])('turns %j into %j', (a, b) => {
    expect(apply(a, b, lineDiff(a, b))).toBe(b);
  });

  it('finds 100 scattered one-line edits in 100,000 lines as 100 changes, each on its line', () => {
    const edited = new Set(Array.from({ length: 100 }, (_, i) => i * 997 + 13));
    const a = doc(100_000);
    const b = doc(100_000, (i) => (edited.has(i) ? `  "label_${i}": "Edited ${i}",` : `  "label_${i}": "Line ${i}",`));
    const changes = lineDiff(a, b);
    expect(changes).toHaveLength(100);
    expect(apply(a, b, changes)).toBe(b);
    for (const c of changes) expect(a.slice(c.fromA, c.toA)).toMatch(/^ {2}"label_\d+": "Line \d+",\n$/);
  });

  it('refines each changed block with the character diff it is given', () => {
    const calls: [string, string][] = [];
    const changes = lineDiff('a\nold label\nc', 'a\nnew label\nc', {
      refine: (x, y) => (calls.push([x, y]), [{ fromA: 0, toA: 3, fromB: 0, toB: 3 }]),
    });
    expect(calls).toEqual([['old label\n', 'new label\n']]);
    expect(changes).toEqual([{ fromA: 2, toA: 5, fromB: 2, toB: 5 }]);
  });

  it('past maxEdits, the middle is one change (bounded)', () => {
    const a = doc(1_000);
    const b = doc(1_000, (i) => `  "other_${i}": ${i},`);
    const changes = lineDiff(a, b, { maxEdits: 50 });
    expect(changes).toHaveLength(1);
    expect(apply(a, b, changes)).toBe(b);
  });
});
