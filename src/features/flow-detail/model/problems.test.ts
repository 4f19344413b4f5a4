import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../model/flow';
import { countCodes, type ProblemRow, groupByScreen, groupLabel, matchErrors, navigationOrder, problemRows, rowOf, screensOfErrors, step } from './problems';

const error = (code: string, path: string | null, message = 'msg', type: string | null = 'FLOW_JSON_ERROR'): ValidationError => ({
  code,
  type,
  message,
  lineStart: null,
  lineEnd: null,
  columnStart: null,
  columnEnd: null,
  pointers: path === null ? [] : [{ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path }],
});

const ERRORS = [
  error('INVALID_PROPERTY_VALUE', 'screens[1].layout.children[0].type', "Invalid value for 'type'"),
  error('INVALID_PROPERTY_VALUE', 'version', 'Unsupported version'),
  error('INVALID_PROPERTY_KEY', 'screens[0].colour', "Property 'colour' is not allowed"),
  error('INVALID_PROPERTY_VALUE', 'screens [1]. layout.children[2].required', 'Must be a boolean', 'JSON_SCHEMA_ERROR'),
  error('UNKNOWN', null, 'No path at all'),
];
const SCREEN_IDS = ['WELCOME', 'DETAILS'];
const groups = groupByScreen(ERRORS, screensOfErrors(ERRORS));

describe('groupByScreen', () => {
  it('groups errors by the screen of their path, flow-level first', () => {
    expect(groups.map((g) => [g.key, groupLabel(g, SCREEN_IDS), g.indices])).toEqual([
      ['flow', 'Flow level (not in a screen)', [1, 4]],
      ['screen:0', 'screens[0] · WELCOME', [2]],
      ['screen:1', 'screens[1] · DETAILS', [0, 3]],
    ]);
    expect(countCodes(ERRORS, groups[2]!.indices)).toEqual([{ code: 'INVALID_PROPERTY_VALUE', count: 2 }]);
  });

  it('labels screens by index until their ids are known', () => {
    expect(groups.map((g) => groupLabel(g, []))).toContain('screens[1]');
  });
});

describe('countCodes', () => {
  it('counts codes, most frequent first', () => {
    expect(countCodes(ERRORS)).toEqual([
      { code: 'INVALID_PROPERTY_VALUE', count: 3 },
      { code: 'INVALID_PROPERTY_KEY', count: 1 },
      { code: 'UNKNOWN', count: 1 },
    ]);
  });

  it('orders codes of the same count by their code', () => {
    expect(countCodes([error('Z_CODE', null), error('B_CODE', null), error('A_CODE', null)]).map((c) => c.code)).toEqual(['A_CODE', 'B_CODE', 'Z_CODE']);
  });
});

describe('filtering and rows', () => {
  it('matches text in code, message, type, path, screen id and number, case-insensitively', () => {
    const match = (q: string) => matchErrors(ERRORS, groups, { q, codes: [] }, SCREEN_IDS).flatMap((m, i) => (m ? [i] : []));
    expect(match('')).toEqual([0, 1, 2, 3, 4]);
    expect(match('boolean')).toEqual([3]);
    expect(match('schema')).toEqual([3]);
    expect(match('DETAILS')).toEqual([0, 3]);
    expect(match('colour')).toEqual([2]);
    expect(match('#5')).toEqual([4]);
  });

  it('filters by code', () => {
    const m = matchErrors(ERRORS, groups, { q: '', codes: ['INVALID_PROPERTY_KEY', 'UNKNOWN'] });
    expect(m).toEqual([false, false, true, false, true]);
  });

  it('builds rows with group headers, hides empty groups and collapsed errors', () => {
    const label = (r: ProblemRow) => (r.kind === 'group' ? `${r.group.key}:${r.shown}${r.collapsed ? '-' : ''}` : r.kind === 'error' ? r.index : r.kind);
    const values = matchErrors(ERRORS, groups, { q: '', codes: ['INVALID_PROPERTY_VALUE', 'INVALID_PROPERTY_KEY'] });
    const rows = problemRows(groups, values, new Set(['screen:1']), true);
    expect(rows.map(label)).toEqual(['syntax', 'flow:1', 1, 'screen:0:1', 2, 'screen:1:2-']);
    expect(rowOf(rows, 2)).toBe(4);
    expect(rowOf(rows, 0)).toBe(-1);
    expect(rowOf(rows, 'syntax')).toBe(0);
    expect(rowOf(rows, null)).toBe(-1);
    const keys = matchErrors(ERRORS, groups, { q: 'colour', codes: [] });
    expect(problemRows(groups, keys, new Set(), false).map(label)).toEqual(['screen:0:1', 2]);
  });
});

describe('navigation', () => {
  const order = navigationOrder(groups, matchErrors(ERRORS, groups, { q: '', codes: [] }), true);

  it('steps through the parse error and errors in list order, wrapping around', () => {
    expect(order).toEqual(['syntax', 1, 4, 2, 0, 3]);
    expect(step(order, null, 1)).toBe('syntax');
    expect(step(order, null, -1)).toBe(3);
    expect(step(order, 2, 1)).toBe(0);
    expect(step(order, 3, 1)).toBe('syntax');
    expect(step(order, 'syntax', -1)).toBe(3);
    expect(step(order, 99, 1)).toBe('syntax');
    expect(step([], 2, 1)).toBe(2);
  });
});
