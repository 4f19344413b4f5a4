import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../model/flow';
import {
  EIGHT_BY_EIGHT_ERROR,
  EIGHT_BY_EIGHT_TOKEN_FLOW,
  META_ERROR,
  META_SAMPLE,
  META_SAMPLE_PRETTY,
  REALISTIC_MINIFIED_FLOW,
  validationError,
} from './fixtures/flows';
import { locateErrors } from './locate';
import { locatePaths } from './locate-paths';

const highlighted = (text: string, errors: ValidationError[]) =>
  locateErrors(text, errors).map((l) => ({ how: l.how, text: text.slice(l.from, l.to) }));

const at = (lineStart: number, columnStart: number, lineEnd: number, columnEnd: number, path: string | null = null) =>
  validationError({
    lineStart,
    columnStart,
    lineEnd,
    columnEnd,
    pointers: path === null ? [] : [{ lineStart, columnStart, lineEnd, columnEnd, path }],
  });

const pathOnly = (...paths: (string | null)[]) =>
  validationError({
    pointers: paths.map((path) => ({ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path })),
  });

describe('Meta sample', () => {
  it('has the documented line 10', () => {
    const line10 = META_SAMPLE_PRETTY.split('\n')[9];
    expect(line10).toBe('            "type": "TextHeading",');
    expect(line10!.indexOf('"TextHeading"') + 1).toBe(21);
  });

  it('highlights exactly "TextHeading" for line 10, columns 21 to 34', () => {
    expect(highlighted(META_SAMPLE_PRETTY, [META_ERROR])).toEqual([{ how: 'token', text: '"TextHeading"' }]);
  });

  it('resolves the same error in the minified original by its spaced path', () => {
    expect(highlighted(META_SAMPLE, [META_ERROR])).toEqual([{ how: 'path', text: '"TextHeading"' }]);
  });
});

describe('8x8 sample (line 1, columns 84–92)', () => {
  it('highlights the token that begins at column 84', () => {
    expect(EIGHT_BY_EIGHT_TOKEN_FLOW.indexOf('"Heading"')).toBe(83);
    expect(highlighted(EIGHT_BY_EIGHT_TOKEN_FLOW, [EIGHT_BY_EIGHT_ERROR])).toEqual([{ how: 'token', text: '"Heading"' }]);
  });

  it('uses the column range when no token begins at column 84', () => {
    const [located] = locateErrors(REALISTIC_MINIFIED_FLOW, [EIGHT_BY_EIGHT_ERROR]);
    expect(located).toEqual({ index: 0, from: 83, to: 91, how: 'columns' });
  });

  it('falls back to the path when the columns are unusable', () => {
    const err = { ...EIGHT_BY_EIGHT_ERROR, columnStart: 5000, columnEnd: 5008 };
    expect(highlighted(REALISTIC_MINIFIED_FLOW, [err])).toEqual([{ how: 'path', text: '"TextInputX"' }]);
  });

  it('resolves the path in a realistic minified flow', () => {
    const [range] = locatePaths(REALISTIC_MINIFIED_FLOW, [['screens', 0, 'layout', 'children', 0, 'children', 0, 'type']]);
    expect(REALISTIC_MINIFIED_FLOW.slice(range!.from, range!.to)).toBe('"TextInputX"');
  });
});

describe('ranges and fallbacks', () => {
  const doc = META_SAMPLE_PRETTY;
  const path = 'screens[0].layout.children[1].label';

  it('spans lines', () => {
    // From the start of line 9's `{` to the end of line 10's `"TextHeading"`.
    expect(highlighted(doc, [at(9, 11, 10, 34)])).toEqual([
      { how: 'columns', text: '{\n            "type": "TextHeading"' },
    ]);
  });

  it('prefers the token beginning at the start even when the range is longer', () => {
    expect(highlighted(doc, [at(10, 13, 11, 20)])).toEqual([{ how: 'token', text: '"type"' }]);
  });

  it('clamps a column end past its line to the line end', () => {
    expect(highlighted(doc, [at(10, 11, 10, 500)])).toEqual([{ how: 'columns', text: '  "type": "TextHeading",' }]);
  });

  it.each([
    ['lineEnd beyond the document', at(9, 11, 999, 1, path)],
    ['a reversed range', at(10, 11, 9, 1, path)],
    ['a start beyond the line', at(10, 200, 10, 210, path)],
    ['a line beyond the document', at(999, 1, 999, 5, path)],
  ])('uses the path for %s', (_, err) => {
    expect(highlighted(doc, [err])).toEqual([{ how: 'path', text: '"Complete"' }]);
  });

  it('uses the whole start line when the path does not resolve', () => {
    const err = at(10, 11, 999, 1, 'screens[0].nope');
    expect(highlighted(doc, [err])).toEqual([{ how: 'line', text: '            "type": "TextHeading",' }]);
  });

  it('is unlocated when nothing is usable', () => {
    expect(locateErrors(doc, [at(999, 1, 999, 2, 'nope'), validationError()])).toEqual([
      { index: 0, from: 0, to: 0, how: 'unlocated' },
      { index: 1, from: 0, to: 0, how: 'unlocated' },
    ]);
  });

  it('reads a missing range from the first pointer, else locates by path', () => {
    const fromPointer = validationError({
      pointers: [{ lineStart: 10, lineEnd: 10, columnStart: 21, columnEnd: 34, path: null }],
    });
    const missingEnd = validationError({ lineStart: 12, columnStart: 11, pointers: [{ ...pathOnly(path).pointers[0]! }] });
    expect(highlighted(doc, [fromPointer, missingEnd])).toEqual([
      { how: 'token', text: '"TextHeading"' },
      { how: 'path', text: '"Complete"' },
    ]);
  });

  it('treats an empty range as one character', () => {
    expect(highlighted(doc, [at(9, 11, 9, 11)])).toEqual([{ how: 'columns', text: '{' }]);
  });
});

describe('UTF-16 columns', () => {
  it('does not shift after a non-ASCII label on the same line', () => {
    const text = '{"label":"Größe 📦","type":"Bad"}';
    const column = text.indexOf('"Bad"') + 1;
    expect(column).toBe(28);
    expect([...text].length).toBe(text.length - 1); // the emoji is one code point, two code units
    expect(highlighted(text, [at(1, column, 1, column + 5)])).toEqual([{ how: 'token', text: '"Bad"' }]);
    expect(highlighted(text, [at(1, column + 1, 1, column + 4)])).toEqual([{ how: 'columns', text: 'Bad' }]);
  });
});

describe('path-only errors', () => {
  it('highlights a scalar value, a container key, or the root', () => {
    const errors = [
      pathOnly('screens[0].layout.children[0].text'),
      pathOnly('$root/screens/0/layout'),
      pathOnly('screens[0]'),
      pathOnly('$root'),
      pathOnly(null, 'not a [path', 'screens[9]', 'screens[0].terminal'),
    ];
    expect(highlighted(META_SAMPLE, errors)).toEqual([
      { how: 'path', text: '"Hello World"' },
      { how: 'path', text: '"layout"' },
      { how: 'path', text: '{' },
      { how: 'path', text: '{' },
      { how: 'path', text: 'true' },
    ]);
    expect(locateErrors(META_SAMPLE, errors)[3]).toMatchObject({ from: 0, to: 1 });
  });

  it('highlights the same token for a slash pointer path ($root/screens/0/…) and the dotted form', () => {
    const errors = [pathOnly('$root/screens/0/layout/children/0/text'), pathOnly('screens[0].layout.children[0].text'), pathOnly('/screens/0/layout/children/0/text')];
    expect(highlighted(META_SAMPLE, errors)).toEqual([
      { how: 'path', text: '"Hello World"' },
      { how: 'path', text: '"Hello World"' },
      { how: 'path', text: '"Hello World"' },
    ]);
  });
});

describe('many errors on one line', () => {
  it('locates every error in one pass, in any order', () => {
    const text = `[${Array.from({ length: 500 }, (_, i) => `{"k${i}":${i}}`).join(',')}]`;
    const errors = Array.from({ length: 500 }, (_, n) => {
      const i = 499 - n;
      const column = text.indexOf(`"k${i}"`) + 1;
      return at(1, column, 1, column + 1);
    });
    const located = locateErrors(text, errors);
    expect(located.every((l) => l.how === 'token')).toBe(true);
    expect(text.slice(located[0]!.from, located[0]!.to)).toBe('"k499"');
    expect(text.slice(located[499]!.from, located[499]!.to)).toBe('"k0"');
  });
});
