import { describe, expect, it } from 'vitest';
import { filtersFromUrl, urlFromForm } from './urlFilters';

describe('audit filters in the URL', () => {
  it('reads user, account, flow, days and page, and makes the "to" day inclusive', () => {
    const filters = filtersFromUrl(new URLSearchParams('user=alice@example.com&account=retail-eu&flow=123&from=2026-11-01&to=2026-11-02&page=3'));
    expect(filters).toMatchObject({ user: 'alice@example.com', account: 'retail-eu', flow: '123', page: 3, fromDay: '2026-11-01', toDay: '2026-11-02' });
    expect(filters.from).toBe(new Date('2026-11-01T00:00').toISOString());
    expect(filters.to).toBe(new Date('2026-11-03T00:00').toISOString());
  });

  it('ignores what is not a day or a page', () => {
    expect(filtersFromUrl(new URLSearchParams('from=yesterday&to=2026-13-45&page=-2&user=%20'))).toMatchObject({ from: undefined, to: undefined, page: 0, user: undefined });
  });

  it('writes only the filled fields, back on the first page', () => {
    expect(urlFromForm({ user: ' bob@example.com ', account: '', flow: '', from: '2026-11-01', to: '' }).toString()).toBe('user=bob%40example.com&from=2026-11-01');
  });
});
