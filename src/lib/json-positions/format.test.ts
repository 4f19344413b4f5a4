import { describe, expect, it } from 'vitest';
import {
  EIGHT_BY_EIGHT_ERROR,
  EIGHT_BY_EIGHT_TOKEN_FLOW,
  META_ERROR,
  META_SAMPLE,
  META_SAMPLE_PRETTY,
  validationError,
} from './fixtures/flows';
import { formatFlowJson, relocateByPath } from './format';
import { locateErrors } from './locate';

const texts = (text: string, located: { from: number; to: number }[]) => located.map((l) => text.slice(l.from, l.to));

describe('formatFlowJson', () => {
  it('pretty-prints with 2 spaces', () => {
    expect(formatFlowJson(META_SAMPLE)).toBe(META_SAMPLE_PRETTY);
  });

  it('throws a clear error with the position of invalid JSON', () => {
    expect(() => formatFlowJson('{"a":1,}')).toThrow(/not valid JSON at line 1, column 8/);
  });
});

describe('relocateByPath', () => {
  it('keeps the same token highlighted in raw and formatted text', () => {
    const errors = [META_ERROR];
    const raw = locateErrors(META_SAMPLE, errors);
    const formatted = formatFlowJson(META_SAMPLE);
    const relocated = relocateByPath(formatted, errors);
    expect(texts(META_SAMPLE, raw)).toEqual(['"TextHeading"']);
    expect(texts(formatted, relocated)).toEqual(['"TextHeading"']);
    expect(relocated[0]).toMatchObject({ index: 0, how: 'path' });
  });

  it('relocates the 8x8 error from the minified flow', () => {
    const formatted = formatFlowJson(EIGHT_BY_EIGHT_TOKEN_FLOW);
    expect(texts(EIGHT_BY_EIGHT_TOKEN_FLOW, locateErrors(EIGHT_BY_EIGHT_TOKEN_FLOW, [EIGHT_BY_EIGHT_ERROR]))).toEqual([
      '"Heading"',
    ]);
    expect(texts(formatted, relocateByPath(formatted, [EIGHT_BY_EIGHT_ERROR]))).toEqual(['"Heading"']);
  });

  it('carries position-only errors over through the raw text when given', () => {
    const column = EIGHT_BY_EIGHT_TOKEN_FLOW.indexOf('"text"') + 1;
    const errors = [
      { ...EIGHT_BY_EIGHT_ERROR, pointers: [] },
      validationError({ lineStart: 1, columnStart: column, lineEnd: 1, columnEnd: column + 6 }),
      validationError({ lineStart: 1, columnStart: column + 2, lineEnd: 1, columnEnd: column + 4 }),
    ];
    const formatted = formatFlowJson(EIGHT_BY_EIGHT_TOKEN_FLOW);
    expect(texts(formatted, relocateByPath(formatted, errors, EIGHT_BY_EIGHT_TOKEN_FLOW))).toEqual([
      '"Heading"',
      '"text"',
      '"text"',
    ]);
  });

  it('falls back to the first line, or unlocated for an empty document', () => {
    const errors = [validationError(), validationError({ pointers: [{ ...META_ERROR.pointers[0]!, path: 'nope[' }] })];
    const formatted = formatFlowJson(META_SAMPLE);
    expect(relocateByPath(formatted, errors)).toEqual([
      { index: 0, from: 0, to: 1, how: 'line' },
      { index: 1, from: 0, to: 1, how: 'line' },
    ]);
    expect(relocateByPath('', errors)[0]).toEqual({ index: 0, from: 0, to: 0, how: 'unlocated' });
  });
});
