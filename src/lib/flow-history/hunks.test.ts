import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../model/flow';
import { jsonChanges } from './hunks';

const doc = (n: number, edit: (i: number) => string = (i) => `  "label_${i}": "Line ${i}",`) => ['{', ...Array.from({ length: n }, (_, i) => edit(i)), '  "end": true', '}'].join('\n');

describe('jsonChanges', () => {
  it('finds 100 scattered one-line edits in 100,000 lines as 100 hunks, each with 3 unchanged lines around it', () => {
    const edited = new Set(Array.from({ length: 100 }, (_, k) => 500 + k * 997));
    const changes = jsonChanges(doc(100_000), doc(100_000, (i) => (edited.has(i) ? `  "label_${i}": "Edited ${i}",` : `  "label_${i}": "Line ${i}",`)));
    expect(changes).toMatchObject({ formatted: false, linesA: 100_003, linesB: 100_003, changed: 200, complete: true });
    expect(changes.hunks).toHaveLength(100);
    const first = changes.hunks[0]!;
    // "label_500" is on line 502 (after "{" and 1-based): the hunk starts 3 lines before it.
    expect(first).toMatchObject({ a: 499, b: 499 });
    expect(first.lines.map((l) => l.kind)).toEqual(['same', 'same', 'same', 'removed', 'added', 'same', 'same', 'same']);
    expect(first.lines[3]!.text).toBe('  "label_500": "Line 500",');
    expect(first.lines[4]!.text).toBe('  "label_500": "Edited 500",');
  });

  it('joins changes whose context lines meet into one hunk', () => {
    const changes = jsonChanges(doc(50), doc(50, (i) => (i === 10 || i === 15 ? `  "label_${i}": "X",` : `  "label_${i}": "Line ${i}",`)));
    expect(changes.hunks).toHaveLength(1);
    expect(changes.hunks[0]!.lines.filter((l) => l.kind !== 'same')).toHaveLength(4);
  });

  it('pretty-prints minified sides, so a one-value edit is one changed line', () => {
    const before = JSON.stringify({ version: '6.0', screens: [{ id: 'ONE', title: 'Sign up', layout: { children: [] } }] });
    const after = before.replace('Sign up', 'Sign in');
    const changes = jsonChanges(before, after);
    expect(changes.formatted).toBe(true);
    expect(changes.changed).toBe(2);
    expect(changes.hunks[0]!.lines.filter((l) => l.kind === 'removed').map((l) => l.text.trim())).toEqual(['"title": "Sign up",']);
    expect(changes.hunks[0]!.lines.filter((l) => l.kind === 'added').map((l) => l.text.trim())).toEqual(['"title": "Sign in",']);
  });

  it('has no hunk for equal texts, and compares Windows line ends as Unix ones', () => {
    expect(jsonChanges(doc(10), doc(10)).hunks).toEqual([]);
    expect(jsonChanges(doc(10), doc(10).replace(/\n/g, '\r\n'))).toMatchObject({ changed: 0, hunks: [] });
  });

  it('lists at most maxListed changed lines, counts them all and says the list is incomplete', () => {
    const changes = jsonChanges(doc(1_000), doc(1_000, (i) => `  "label_${i}": "Other ${i}",`), { maxListed: 100 });
    expect(changes.complete).toBe(false);
    expect(changes.changed).toBe(2_000);
    expect(changes.hunks.flatMap((h) => h.lines).filter((l) => l.kind !== 'same').length).toBeLessThanOrEqual(100);
  });

  it('cuts long lines', () => {
    const changes = jsonChanges('{\n  "a": "x"\n}', `{\n  "a": "${'y'.repeat(5_000)}"\n}`, { lineLimit: 100 });
    const added = changes.hunks[0]!.lines.find((l) => l.kind === 'added')!;
    expect(added.text).toHaveLength(101);
    expect(added.text.endsWith('…')).toBe(true);
  });

  it("puts each version's validation errors on its lines (unchanged lines show the newer version's)", () => {
    const before = JSON.stringify({ version: '6.0', screens: [{ id: 'ONE', title: 'Sign up', terminal: 'yes' }] }, null, 2);
    const after = before.replace('Sign up', 'Sign in');
    const nowhere = { lineStart: null, lineEnd: null, columnStart: null, columnEnd: null };
    const error = (path: string, code: string): ValidationError => ({ ...nowhere, code, type: null, message: `${code} here`, pointers: [{ ...nowhere, path }] });
    const changes = jsonChanges(before, after, { errorsA: [error('screens[0].title', 'OLD_TITLE')], errorsB: [error('screens[0].terminal', 'BAD_TERMINAL')] });
    const lines = changes.hunks[0]!.lines;
    expect(lines.find((l) => l.kind === 'removed')!.errors).toEqual(['OLD_TITLE: OLD_TITLE here']);
    expect(lines.find((l) => l.kind === 'added')!.errors).toBeUndefined();
    expect(lines.find((l) => l.text.includes('"terminal"'))).toMatchObject({ kind: 'same', errors: ['BAD_TERMINAL: BAD_TERMINAL here'] });
  });
});
