import { describe, expect, it } from 'vitest';
import { jsonChanges } from '../../../lib/flow-history/hunks';
import { changedSpans, gapsOf, splitRows, unifiedRows } from './rows';

const doc = (n: number, edit: (i: number) => string = (i) => `  "label_${i}": "Line ${i}",`) => ['{', ...Array.from({ length: n }, (_, i) => edit(i)), '}'].join('\n');

describe('changedSpans', () => {
  it('keeps the common start and end out of the changed span', () => {
    expect(changedSpans('"title": "Sign up"', '"title": "Sign in"')).toEqual({ a: [15, 17], b: [15, 17] });
    expect(changedSpans('"n": 1, "m": 2', '"n": 1, "m": 3')).toEqual({ a: [13, 14], b: [13, 14] });
    expect(changedSpans('same', 'same')).toEqual({ a: [4, 4], b: [4, 4] });
  });

  it('widens the span to whole words', () => {
    const [a, b] = ['"text": "Welcome"', '"text": "Hello there"'];
    const spans = changedSpans(a, b);
    expect(a.slice(...spans.a)).toBe('Welcome');
    expect(b.slice(...spans.b)).toBe('Hello there');
    expect(changedSpans('abc', 'abXYc')).toEqual({ a: [0, 3], b: [0, 5] });
  });
});

describe('rows of a hunk', () => {
  // Line 51 of the older text (label_49) is edited, and a line is added after line 71 (label_69).
  const before = doc(100);
  const after = doc(100, (i) => (i === 49 ? '  "label_49": "Line forty-nine",' : i === 69 ? '  "label_69": "Line 69",\n  "extra": true,' : `  "label_${i}": "Line ${i}",`));
  const { hunks } = jsonChanges(before, after);

  it('pairs the removed line with the added one side by side, with line numbers of each version', () => {
    const rows = splitRows(hunks[0]!);
    expect(rows).toHaveLength(7);
    const changed = rows[3]!;
    expect(changed.a).toMatchObject({ line: 51, kind: 'removed', text: '  "label_49": "Line 49",' });
    expect(changed.b).toMatchObject({ line: 51, kind: 'added', text: '  "label_49": "Line forty-nine",' });
    expect(changed.a!.text.slice(...changed.a!.changed!)).toBe('49');
    expect(changed.b!.text.slice(...changed.b!.changed!)).toBe('forty-nine');
    expect(rows[0]!.a).toMatchObject({ line: 48, kind: 'same' });
    expect(rows[0]!.b).toMatchObject({ line: 48, kind: 'same' });
  });

  it('leaves the other side empty for an added line, and numbers the newer side after it', () => {
    const rows = splitRows(hunks[1]!);
    const added = rows.find((r) => r.a === null)!;
    expect(added.b).toMatchObject({ line: 72, kind: 'added', text: '  "extra": true,' });
    expect(added.b!.changed).toBeUndefined();
    expect(rows.at(-1)!.a!.line + 1).toBe(rows.at(-1)!.b!.line);
  });

  it('lists removed then added lines in the unified layout, each with its numbers', () => {
    const rows = unifiedRows(hunks[0]!);
    expect(rows.map((r) => r.kind)).toEqual(['same', 'same', 'same', 'removed', 'added', 'same', 'same', 'same']);
    expect(rows[3]).toMatchObject({ lineA: 51, lineB: null });
    expect(rows[4]).toMatchObject({ lineA: null, lineB: 51 });
    expect(rows[4]!.text.slice(...rows[4]!.changed!)).toBe('forty-nine');
  });
});

describe('gapsOf', () => {
  it('counts the unchanged lines left out before each hunk and after the last', () => {
    // 102 lines; line 51 replaced, a line added after line 71: hunks on older lines 48–54 and 69–74.
    const before = doc(100);
    const after = doc(100, (i) => (i === 49 ? '  "label_49": "X",' : i === 69 ? '  "label_69": "Line 69",\n  "extra": true,' : `  "label_${i}": "Line ${i}",`));
    const changes = jsonChanges(before, after);
    expect(gapsOf(changes)).toEqual({ before: [47, 14], after: 28 });
    expect(gapsOf({ ...changes, complete: false }).after).toBe(0);
  });
});
