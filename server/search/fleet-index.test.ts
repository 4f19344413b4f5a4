// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, type SearchRow } from '../../src/model/search';
import { createFleetIndex, FACET_LIMIT, smallest } from './fleet-index';

const row = (i: number, extra: Partial<SearchRow['flow']> = {}): SearchRow => ({
  accountId: `acc-${i % 3}`,
  channelId: 'c',
  provider: 'p',
  flow: { id: `f${String(i).padStart(5, '0')}`, name: `Flow ${i % 97}`, status: ['DRAFT', 'PUBLISHED'][i % 2]!, validationErrorCount: i % 5, ...extra },
  errorCodes: i % 5 ? [`CODE_${i % 40}`] : [],
  jsonVersion: null,
  detailsAt: new Date(Date.UTC(2026, 10, 1) + (i % 11) * 60_000).toISOString(),
  seenAt: '2026-11-01T00:00:00.000Z',
  goneAt: null,
});
const feed = (rows: SearchRow[]) => rows.map((r) => ({ cursor: { xid: '1', accountId: r.accountId, channelId: r.channelId, flowId: r.flow.id }, text: `${r.flow.name} ${r.flow.id}`.toLowerCase(), row: r }));

describe('smallest', () => {
  it('picks the same items, in the same order, as sorting everything (heap and sort alike)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647);
    const items = Array.from({ length: 5_000 }, () => random() % 1_000);
    const byValue = (a: number, b: number) => a - b;
    for (const k of [0, 1, 10, 200, 1_249, 1_250, 5_000, 6_000]) expect(smallest(items, k, byValue)).toEqual(items.slice().sort(byValue).slice(0, k));
  });
});

describe('fleet index', () => {
  const index = createFleetIndex();
  index.upsert(feed(Array.from({ length: 3_000 }, (_, i) => row(i))));

  it('pages through every sort order, in both directions, like one sort of every match', () => {
    for (const sort of ['name', 'status', 'errors', 'updated', 'account'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        for (let offset = 0; offset < 3_000; offset += 200) seen.push(...index.search({ ...EMPTY_SEARCH, sort, dir, offset }, 'all').rows.map((r) => `${r.accountId}/${r.flow.id}`));
        expect(new Set(seen).size, `${sort} ${dir}`).toBe(3_000);
        const first = index.search({ ...EMPTY_SEARCH, sort, dir, offset: 0 }, 'all').rows;
        const key = (r: SearchRow) => ({ name: r.flow.name.toLowerCase(), status: r.flow.status, errors: r.flow.validationErrorCount ?? -1, updated: Date.parse(r.detailsAt!), account: r.accountId })[sort];
        for (let i = 1; i < first.length; i++) {
          const [a, b] = [key(first[i - 1]!), key(first[i]!)];
          expect(dir === 'asc' ? a <= b : a >= b, `${sort} ${dir} at ${i}`).toBe(true);
          if (a === b) expect(first[i - 1]!.flow.id <= first[i]!.flow.id).toBe(true);
        }
      }
    }
  });

  it('lists at most the most frequent values of a facet, and replaces a flow written again', () => {
    const result = index.search({ ...EMPTY_SEARCH, errors: 'with' }, 'all');
    expect(result.total).toBe(2_400);
    expect(result.facets.code!.length).toBe(FACET_LIMIT);
    expect(result.facets.code!.every((c, i, all) => i === 0 || all[i - 1]!.count >= c.count)).toBe(true);
    index.upsert(feed([{ ...row(1), flow: { ...row(1).flow, status: 'BLOCKED' } }]));
    const blocked = index.search({ ...EMPTY_SEARCH, status: ['BLOCKED'] }, 'all');
    expect(blocked.rows.map((r) => r.flow.id)).toEqual(['f00001']);
    expect(index.size).toBe(3_000);
    index.upsert(feed([{ ...row(1), goneAt: '2026-11-02T00:00:00.000Z' }]));
    expect(index.search({ ...EMPTY_SEARCH, q: 'f00001' }, 'all').total).toBe(0);
  });
});
