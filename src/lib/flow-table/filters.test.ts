import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, filterRows, searchFromView, sortRows, viewFromSearch, type ListView } from './filters';
import { detailsLaterChannel, rows } from './fixtures';
import { needsDetails, toRow } from './rows';

const view = (change: Partial<ListView>): ListView => ({ ...DEFAULT_VIEW, ...change });
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe('filterRows', () => {
  it('searches name and id, case-insensitively', () => {
    expect(ids(filterRows(rows, view({ q: 'APPOINT' })))).toEqual(['1']);
    expect(ids(filterRows(rows, view({ q: '10' })))).toEqual(['10']);
    expect(ids(filterRows(rows, view({ q: '  lead ' })))).toEqual(['2']);
  });

  it('filters by status, category, health and errors, combined with AND', () => {
    expect(ids(filterRows(rows, view({ status: ['DRAFT', 'THROTTLED'] })))).toEqual(['1', '2']);
    expect(ids(filterRows(rows, view({ category: ['OTHER'] })))).toEqual(['1']);
    expect(ids(filterRows(rows, view({ health: ['BLOCKED', 'LIMITED'] })))).toEqual(['1', '2']);
    expect(ids(filterRows(rows, view({ errors: 'with' })))).toEqual(['1', '10']);
    expect(ids(filterRows(rows, view({ errors: 'without' })))).toEqual(['3', '2']);
    expect(ids(filterRows(rows, view({ errors: 'with', status: ['DRAFT'] })))).toEqual(['1']);
  });

  it('keeps unknown statuses and categories filterable', () => {
    expect(ids(filterRows(rows, view({ status: ['SOMETHING_NEW'] })))).toEqual(['10']);
    expect(ids(filterRows(rows, view({ category: ['SHOPPING'] })))).toEqual(['10']);
  });

  it('does not count rows whose details are not loaded as error-free', () => {
    const bare = toRow(detailsLaterChannel, { id: '9', name: 'x', status: 'DRAFT' }, undefined);
    expect(needsDetails(bare)).toBe(true);
    expect(filterRows([bare], view({ errors: 'without' }))).toEqual([]);
    expect(filterRows([bare], view({ health: ['AVAILABLE'] }))).toEqual([]);
  });
});

describe('sortRows', () => {
  it('sorts by name with natural order, both directions', () => {
    expect(ids(sortRows(rows, 'name', 'asc'))).toEqual(['1', '2', '3', '10']);
    expect(ids(sortRows(rows, 'name', 'desc'))).toEqual(['10', '3', '2', '1']);
  });

  it('sorts ids numerically and health from worst to best', () => {
    expect(ids(sortRows(rows, 'id', 'asc'))).toEqual(['1', '2', '3', '10']);
    expect(ids(sortRows(rows, 'health', 'asc'))).toEqual(['1', '2', '3', '10']);
  });

  it('puts rows with unknown values last in either direction', () => {
    const bare = toRow(detailsLaterChannel, { id: '0', name: 'a', status: 'DRAFT' }, undefined);
    expect(ids(sortRows([bare, ...rows], 'errors', 'asc')).at(-1)).toBe('0');
    expect(ids(sortRows([bare, ...rows], 'errors', 'desc')).at(-1)).toBe('0');
    expect(ids(sortRows(rows, 'errors', 'desc'))).toEqual(['1', '10', '2', '3']);
  });

  it('does not mutate its input', () => {
    const before = ids(rows);
    sortRows(rows, 'name', 'desc');
    expect(ids(rows)).toEqual(before);
  });
});

describe('the view in the URL', () => {
  it('round-trips every field and omits defaults', () => {
    const v = view({ q: 'lead', status: ['DRAFT', 'BLOCKED'], category: ['SURVEY'], health: ['LIMITED'], errors: 'with', sort: 'errors', dir: 'desc' });
    const params = searchFromView(v);
    expect(params.toString()).toBe('q=lead&status=DRAFT%2CBLOCKED&category=SURVEY&health=LIMITED&errors=with&sort=errors&dir=desc');
    expect(viewFromSearch(new URLSearchParams(params.toString()))).toEqual(v);
    expect(searchFromView(DEFAULT_VIEW).toString()).toBe('');
  });

  it('ignores values it does not understand', () => {
    expect(viewFromSearch(new URLSearchParams('sort=evil&dir=up&errors=maybe'))).toEqual(DEFAULT_VIEW);
  });
});
