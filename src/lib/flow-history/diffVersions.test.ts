import { diff } from '@codemirror/merge';
import { describe, expect, it } from 'vitest';
import { CHAR_DIFF_CONFIG, diffVersions, LINE_DIFF_FROM, textChanges } from './diffVersions';
import { lineDiff } from './lineDiff';

const flow = (label: string, screens = 1) =>
  JSON.stringify({ version: '6.0', screens: Array.from({ length: screens }, (_, i) => ({ id: `S${i}`, layout: { children: [{ type: 'TextHeading', text: i === 0 ? label : `Screen ${i}` }] } })) }, null, 2);

describe('diffVersions', () => {
  it('small texts: the character diff the merge view would compute itself', () => {
    const a = flow('Welcome');
    const b = flow('Hello there');
    const out = diffVersions(a, b);
    expect(out).toMatchObject({ a, b, formatted: false });
    expect(out.changes).toEqual(diff(a, b, CHAR_DIFF_CONFIG).map(({ fromA, toA, fromB, toB }) => ({ fromA, toA, fromB, toB })));
    expect(out.changes.length).toBeGreaterThan(0);
  });

  it('big texts: line by line, each changed line refined to its characters', () => {
    const a = flow('Welcome', 4_000);
    const b = flow('Hello', 4_000).replace('"Screen 3999"', '"Last screen"');
    expect(a.length + b.length).toBeGreaterThan(LINE_DIFF_FROM);
    const out = diffVersions(a, b);
    expect(out.changes).toEqual(lineDiff(a, b, { refine: (x, y) => diff(x, y, CHAR_DIFF_CONFIG) }));
    // Only inside the two edited lines.
    const lineOf = (pos: number) => b.slice(b.lastIndexOf('\n', pos - 1) + 1, b.indexOf('\n', pos)).trim();
    expect(new Set(out.changes.map((c) => lineOf(c.fromB)))).toEqual(new Set(['"text": "Hello"', '"text": "Last screen"']));
  });

  it('pretty-prints minified sides, and keeps \\n line ends only (as the editor does)', () => {
    const out = diffVersions(JSON.stringify(JSON.parse(flow('Welcome'))), flow('Hello').replace(/\n/g, '\r\n'));
    expect(out.formatted).toBe(true);
    expect(out.a + out.b).not.toContain('\r');
    expect(out.changes).toEqual(textChanges(out.a, out.b));
  });
});
