import { describe, expect, it } from 'vitest';
import { formatFlowJson } from '../json-positions/format';
import { versionErrorRanges } from './versionErrors';

const error = (path: string | null, code = 'INVALID_PROPERTY_VALUE', span: { lineStart: number | null; columnStart: number | null } = { lineStart: null, columnStart: null }) => ({
  code,
  type: 'FLOW_JSON_ERROR',
  message: `Bad value at ${path}`,
  lineStart: span.lineStart,
  lineEnd: span.lineStart,
  columnStart: span.columnStart,
  columnEnd: span.columnStart === null ? null : span.columnStart + 3,
  pointers: path ? [{ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path }] : [],
});

describe('versionErrorRanges', () => {
  const minified = '{"version":"7.1","screens":[{"id":"A","layout":{"type":"SingleColumnLayout","children":[{"type":"TextHedline","text":"Hi"}]}}]}';

  it('places each error by its path, in the stored text and in the same text formatted', () => {
    const errors = [error('screens[0].layout.children[0].type')];
    const [stored] = versionErrorRanges(minified, errors, false);
    expect(minified.slice(stored!.from, stored!.to)).toBe('"TextHedline"');
    expect(stored!.message).toBe('INVALID_PROPERTY_VALUE: Bad value at screens[0].layout.children[0].type');
    const formatted = formatFlowJson(minified);
    const [pretty] = versionErrorRanges(formatted, errors, true);
    expect(formatted.slice(pretty!.from, pretty!.to)).toBe('"TextHedline"');
  });

  it('uses reported lines and columns only in the text they were reported for, and leaves out what it cannot place', () => {
    const byPosition = [error(null, 'SYNTAX', { lineStart: 1, columnStart: 2 })];
    expect(versionErrorRanges(minified, byPosition, false)).toHaveLength(1);
    expect(versionErrorRanges(formatFlowJson(minified), byPosition, true)).toEqual([]);
    expect(versionErrorRanges(minified, [error('screens[9].nothing')], false)).toEqual([]);
    expect(versionErrorRanges(minified, null, false)).toEqual([]);
  });
});
