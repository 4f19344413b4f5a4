import { describe, expect, it } from 'vitest';
import { META_SAMPLE, META_SAMPLE_PRETTY } from './fixtures/flows';
import { locatePaths, pathsAtOffsets } from './locate-paths';

describe('locatePaths', () => {
  it('resolves many paths in one pass, including missing ones', () => {
    const ranges = locatePaths(META_SAMPLE_PRETTY, [
      ['version'],
      ['screens', 0, 'layout', 'children', 1, 'on-click-action', 'payload'],
      ['screens', 0, 'layout', 'children', 1],
      ['screens', 0, 'data', 'missing'],
      ['screens', 5],
      [],
    ]);
    expect(ranges.map((r) => (r ? META_SAMPLE_PRETTY.slice(r.from, r.to) : undefined))).toEqual([
      '"5.0"',
      '"payload"',
      '{',
      undefined,
      undefined,
      '{',
    ]);
  });

  it('finds paths after skipped containers', () => {
    const text = '{"x":{"y":[{"z":1}]},"w":[[1],[2,{"v":null}]]}';
    const [a, b] = locatePaths(text, [['w', 1, 1, 'v'], ['x', 'y', 0, 'z']]);
    expect(a).toEqual({ from: text.indexOf('null'), to: text.indexOf('null') + 4 });
    expect(b).toEqual({ from: text.indexOf('1'), to: text.indexOf('1') + 1 });
  });
});

describe('pathsAtOffsets', () => {
  it('maps offsets to the path of the token at or before them', () => {
    const text = META_SAMPLE;
    const offsets = [text.indexOf('"TextHeading"') + 3, text.indexOf('"label"'), 0, text.length - 1];
    expect(pathsAtOffsets(text, offsets)).toEqual([
      { path: ['screens', 0, 'layout', 'children', 0, 'type'], isKey: false },
      { path: ['screens', 0, 'layout', 'children', 1, 'label'], isKey: true },
      { path: [], isKey: false },
      { path: ['screens', 0, 'data'], isKey: false },
    ]);
  });
});
