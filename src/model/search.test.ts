import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, paramsFromSearch, searchFromParams } from './search';

describe('search query in the URL', () => {
  it('round-trips every field, and keeps defaults out of the URL', () => {
    const query = { ...EMPTY_SEARCH, q: 'INVALID_PROPERTY_VALUE', provider: ['kaleyra'], status: ['BLOCKED', 'DRAFT'], code: ['X'], jsonVersion: ['3.1'], errors: 'with' as const, sort: 'updated' as const, dir: 'desc' as const, offset: 200 };
    const params = paramsFromSearch(query);
    expect(params.toString()).toBe('q=INVALID_PROPERTY_VALUE&provider=kaleyra&status=BLOCKED%2CDRAFT&code=X&jsonVersion=3.1&errors=with&sort=updated&dir=desc&offset=200');
    expect(searchFromParams(params)).toEqual(query);
    expect(paramsFromSearch(EMPTY_SEARCH).toString()).toBe('');
  });

  it('falls back to defaults for values it does not know, and bounds what it takes', () => {
    const query = searchFromParams(new URLSearchParams(`sort=drop table&errors=maybe&offset=-3&q=${'x'.repeat(500)}&status=${Array(80).fill('A').join(',')}`));
    expect(query).toMatchObject({ sort: 'name', errors: null, offset: 0 });
    expect(query.q).toHaveLength(200);
    expect(query.status).toHaveLength(50);
  });
});
