import { describe, expect, it } from 'vitest';
import { completePlacement, formatWithErrors, inspectFlowJson, placeByPosition, placeErrors, snippetOf } from './analyze';
import { EIGHT_BY_EIGHT_ERROR, EIGHT_BY_EIGHT_TOKEN_FLOW, META_ERROR, META_SAMPLE, META_SAMPLE_PRETTY, validationError } from './fixtures/flows';

const covered = (text: string, r: { from: number; to: number }) => text.slice(r.from, r.to);

describe('placeErrors', () => {
  it('gives line, column and snippet of each located error in the raw text', () => {
    const { placed, lineCount } = placeErrors(EIGHT_BY_EIGHT_TOKEN_FLOW, [EIGHT_BY_EIGHT_ERROR, validationError()]);
    expect(lineCount).toBe(1);
    expect(placed[0]).toMatchObject({ index: 0, how: 'token', line: 1, column: 84, endLine: 1, endColumn: 93, snippet: '"Heading"' });
    expect(placed[1]).toMatchObject({ index: 1, how: 'unlocated', snippet: '' });
  });

  it('counts lines and columns in the pretty text', () => {
    const { placed, lineCount } = placeErrors(META_SAMPLE_PRETTY, [META_ERROR]);
    expect(lineCount).toBe(META_SAMPLE_PRETTY.split('\n').length);
    expect(placed[0]).toMatchObject({ line: 10, column: 21, endColumn: 34, snippet: '"TextHeading"' });
  });
});

describe('snippetOf', () => {
  it('puts multi-line ranges on one line and cuts long ones', () => {
    expect(snippetOf('{\n  "a": 1\n}', 0, 12)).toBe('{ "a": 1 }');
    expect(snippetOf('x'.repeat(500), 0, 500, 10)).toBe(`${'x'.repeat(9)}…`);
    expect(snippetOf('abc', 2, 2)).toBe('');
  });
});

describe('inspectFlowJson', () => {
  it('lists screen ids of a valid flow', () => {
    expect(inspectFlowJson(META_SAMPLE)).toEqual({ syntaxError: null, screenIds: ['WELCOME_SCREEN'] });
  });

  it('reports where the JSON breaks', () => {
    const broken = '{"version": "5.0", "screens": [ { "id": "BROKEN", "title": "Oops" ';
    const { syntaxError, screenIds } = inspectFlowJson(broken);
    expect(screenIds).toEqual([]);
    expect(syntaxError).toMatchObject({ line: 1, offset: broken.length });
  });
});

describe('formatWithErrors', () => {
  it('keeps the same token under each error after formatting a minified flow', () => {
    const result = formatWithErrors(EIGHT_BY_EIGHT_TOKEN_FLOW, [EIGHT_BY_EIGHT_ERROR]);
    expect(result.unchanged).toBe(false);
    expect(result.lineCount).toBeGreaterThan(10);
    expect(covered(result.text, result.placed[0]!)).toBe('"Heading"');
    expect(result.placed[0]).toMatchObject({ how: 'path', snippet: '"Heading"' });
    expect(result.placed[0]!.line).toBeGreaterThan(1);
  });

  it('says so when the text was already formatted, and keeps the raw positions', () => {
    const result = formatWithErrors(META_SAMPLE_PRETTY, [META_ERROR]);
    expect(result).toMatchObject({ unchanged: true, text: META_SAMPLE_PRETTY });
    expect(result.placed[0]).toMatchObject({ how: 'token', line: 10, column: 21 });
  });

  it('throws on text that is not JSON', () => {
    expect(() => formatWithErrors('{"a":', [])).toThrow(/not valid JSON/);
  });
});

describe('placeByPosition and completePlacement', () => {
  it('places by position on the main thread and leaves path lookups for later', () => {
    const byPath = validationError({ pointers: [{ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path: 'screens[0].id' }] });
    const errors = [byPath, META_ERROR, validationError()];
    const partial = placeByPosition(META_SAMPLE_PRETTY, errors);
    expect(partial.pending).toEqual([0, 2]);
    expect(partial.placed[0]).toBeUndefined();
    expect(partial.placed[1]).toMatchObject({ index: 1, how: 'token', snippet: '"TextHeading"' });

    const rest = placeErrors(META_SAMPLE_PRETTY, partial.pending.map((i) => errors[i]!)).placed;
    const complete = completePlacement(partial, rest);
    expect(complete.placed.map((p) => [p.index, p.how, p.snippet])).toEqual([
      [0, 'path', '"WELCOME_SCREEN"'],
      [1, 'token', '"TextHeading"'],
      [2, 'unlocated', ''],
    ]);
    expect(complete).toEqual(placeErrors(META_SAMPLE_PRETTY, errors));
  });

  it('leaves errors that start at or after `until` for later, and completes to the same placement', () => {
    const byPath = validationError({ pointers: [{ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path: 'screens[0].id' }] });
    // META_ERROR starts on line 10; a copy on line 2 stays before the cut.
    const early = validationError({ lineStart: 2, lineEnd: 2, columnStart: 3, columnEnd: 12 });
    const errors = [META_ERROR, byPath, early];
    const until = META_SAMPLE_PRETTY.split('\n').slice(0, 5).join('\n').length;
    const partial = placeByPosition(META_SAMPLE_PRETTY, errors, undefined, until);
    expect(partial.pending).toEqual([0, 1]);
    expect(partial.placed[0]).toBeUndefined();
    expect(partial.placed[2]).toMatchObject({ index: 2, how: 'token', line: 2, column: 3, snippet: '"version"' });

    const rest = placeErrors(META_SAMPLE_PRETTY, partial.pending.map((i) => errors[i]!)).placed;
    expect(completePlacement(partial, rest)).toEqual(placeErrors(META_SAMPLE_PRETTY, errors));
  });
});
