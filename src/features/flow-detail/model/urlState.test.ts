import { describe, expect, it } from 'vitest';
import { type DetailUrlState, markIndexToSelection, readDetailUrlState, selectionToMarkIndex, withDetailUrlState } from './urlState';

const read = (query: string) => readDetailUrlState(new URLSearchParams(query));

describe('detail URL state', () => {
  it('reads the selected error, the view and the filter', () => {
    expect(read('error=1&view=formatted&q=type&code=A&code=B&code=A')).toEqual({ error: 1, view: 'formatted', q: 'type', codes: ['A', 'B'], screen: null });
    expect(read('screen=DETAILS')).toMatchObject({ screen: 'DETAILS' });
    expect(read('error=syntax')).toMatchObject({ error: 'syntax', view: 'raw' });
  });

  it('ignores values it does not understand', () => {
    expect(read('error=-1&view=pretty')).toEqual({ error: null, view: 'raw', q: '', codes: [], screen: null });
    expect(read('error=1e3')).toMatchObject({ error: null });
    expect(read('error=')).toMatchObject({ error: null });
  });

  it('writes a patch, dropping defaults and keeping other parameters', () => {
    const base = new URLSearchParams('utm=x&error=3&view=formatted&code=A');
    expect(withDetailUrlState(base, { error: 0 }).toString()).toBe('utm=x&error=0&view=formatted&code=A');
    expect(withDetailUrlState(base, { error: null, view: 'raw', codes: [] }).toString()).toBe('utm=x');
    expect(withDetailUrlState(base, { q: 'a b', codes: ['X', 'Y'] }).toString()).toBe('utm=x&error=3&view=formatted&q=a+b&code=X&code=Y');
    expect(base.toString()).toBe('utm=x&error=3&view=formatted&code=A');
  });

  it('round-trips', () => {
    const state: DetailUrlState = { error: 12, view: 'formatted', q: 'screens[0]', codes: ['INVALID_PROPERTY_VALUE'], screen: 'SUMMARY' };
    expect(readDetailUrlState(withDetailUrlState(new URLSearchParams(), state))).toEqual(state);
  });

  it('maps the syntax error to the viewer mark index and back', () => {
    expect(selectionToMarkIndex('syntax')).toBe(-1);
    expect(markIndexToSelection(-1)).toBe('syntax');
    expect(markIndexToSelection(selectionToMarkIndex(4)!)).toBe(4);
    expect(selectionToMarkIndex(null)).toBeNull();
  });
});
