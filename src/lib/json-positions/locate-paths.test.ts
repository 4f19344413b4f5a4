import { describe, expect, it } from 'vitest';
import { META_SAMPLE, META_SAMPLE_PRETTY } from './fixtures/flows';
import { arrayItemRanges, locatePaths, pathsAtOffsets } from './locate-paths';
import type { JsonPath } from './types';

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

describe('arrayItemRanges', () => {
  const items = (text: string, path: JsonPath) => arrayItemRanges(text, path).map((r) => text.slice(r.from, r.to));

  it('finds each item of the array whole, whatever it holds', () => {
    const text = '{"version": "7.0", "screens": [ {"id": "A", "layout": {"children": [{"type": "Footer"}]}}, 3, "s", [1, [2]], null ],\n "data": {"screens": [9]}}';
    expect(items(text, ['screens'])).toEqual(['{"id": "A", "layout": {"children": [{"type": "Footer"}]}}', '3', '"s"', '[1, [2]]', 'null']);
    expect(arrayItemRanges(text, ['screens']).map((r) => JSON.parse(text.slice(r.from, r.to)) as unknown)).toEqual((JSON.parse(text) as { screens: unknown[] }).screens);
    expect(items(text, ['data', 'screens'])).toEqual(['9']);
  });

  it('reads a repeated key as JSON.parse does (the last one), and finds nothing where there is no array', () => {
    expect(items('{"screens": [1, 2], "screens": [{"id": "B"}]}', ['screens'])).toEqual(['{"id": "B"}']);
    expect(items('{"screens": [1, 2], "screens": {"0": 1}}', ['screens'])).toEqual([]);
    expect(items('{"screens": [1, 2], "screens": 5}', ['screens'])).toEqual([]);
    expect(items('{"other": [1]}', ['screens'])).toEqual([]);
    expect(items('{"screens": []}', ['screens'])).toEqual([]);
  });
});
