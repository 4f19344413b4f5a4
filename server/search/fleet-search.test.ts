// @vitest-environment node
/**
 * The fleet search on both engines (embedded PGlite, and a real PostgreSQL when DATABASE_URL_TEST
 * is set): what the store records is what a search finds, read from the database's feed of writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { makeFlowDetail, type FlowSummary } from '../../src/model/flow';
import { EMPTY_SEARCH } from '../../src/model/search';
import type { Database } from '../store/engine';
import { createStore, type Store } from '../store/store';
import { openTestDatabase, TEST_ENGINES } from '../testing/database';
import { createFleetSearch, type FleetSearch } from './fleet-search';

const A = { accountId: 'retail-eu', channelId: 'c1' };
const B = { accountId: 'kaleyra-in', channelId: 'w1' };
const flow = (id: string, name: string, status = 'DRAFT'): FlowSummary => ({ id, name, status });
const error = (code: string, message: string, path = 'screens[0].layout') => ({ code, type: 'FLOW_JSON_ERROR', message, lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [{ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path }] });
const ids = (result: { rows: { flow: { id: string } }[] }) => result.rows.map((r) => r.flow.id);

describe.each(TEST_ENGINES)('fleet search on %s', (engine, url) => {
  let db: Database;
  let store: Store;
  let fleet: FleetSearch;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(url));
    store = createStore(db);
    // Two rows a read: the first read of the index takes several pages.
    fleet = createFleetSearch(store, 2);
  }, 120_000);
  afterAll(() => close());

  it('finds flows by free text (name, id, error code, message) across accounts, with counts per facet', async () => {
    await store.recordList(A, '8x8', [flow('1', 'Booking'), flow('2', 'Survey'), flow('3', 'Sign-up')], '2026-11-01T10:00:00Z');
    await store.recordList(B, 'kaleyra', [flow('k1', 'Loan application'), flow('k2', 'Store locator')], '2026-11-01T10:00:00Z');
    await store.recordDetail(A, '8x8', makeFlowDetail({ id: '1', name: 'Booking', status: 'PUBLISHED', categories: ['SURVEY'], jsonVersion: '3.1', validationErrors: [error('INVALID_PROPERTY_VALUE', "Invalid value found for property 'type'.")] }), '2026-11-01T11:00:01Z');
    await store.recordDetail(B, 'kaleyra', makeFlowDetail({ id: 'k1', name: 'Loan application', status: 'BLOCKED', jsonVersion: '7.1', validationErrors: [error('INVALID_PROPERTY_VALUE', 'x'), error('MISSING_REQUIRED_PROPERTY', "Property 'label' is required.")], health: { canSendMessage: 'BLOCKED', entities: [] } }), '2026-11-01T11:00:02Z');
    await store.recordDetail(B, 'kaleyra', makeFlowDetail({ id: 'k2', name: 'Store locator', status: 'PUBLISHED', jsonVersion: '7.1' }), '2026-11-01T11:00:03Z');

    const byCode = await fleet.search({ ...EMPTY_SEARCH, q: 'invalid_property_value' }, 'all');
    expect(byCode.rows.map((r) => `${r.accountId}/${r.flow.id}`).sort()).toEqual(['kaleyra-in/k1', 'retail-eu/1']);
    expect(byCode.facets.provider).toEqual([
      { value: '8x8', count: 1 },
      { value: 'kaleyra', count: 1 },
    ]);
    expect(ids(await fleet.search({ ...EMPTY_SEARCH, q: '  Is Required ' }, 'all'))).toEqual(['k1']);
    expect(ids(await fleet.search({ ...EMPTY_SEARCH, q: 'k2' }, 'all'))).toEqual(['k2']);
    expect((await fleet.search({ ...EMPTY_SEARCH, q: '100%_' }, 'all')).total).toBe(0);

    const combined = await fleet.search({ ...EMPTY_SEARCH, provider: ['kaleyra'], status: ['BLOCKED'], jsonVersion: ['7.1'] }, 'all');
    expect(ids(combined)).toEqual(['k1']);
    expect(combined.rows[0]).toMatchObject({ errorCodes: ['INVALID_PROPERTY_VALUE', 'MISSING_REQUIRED_PROPERTY'], jsonVersion: '7.1', flow: { validationErrorCount: 2 } });
    // A facet's counts leave out its own filter: the other statuses of Kaleyra's 7.1 flows are offered too.
    expect(combined.facets.status).toEqual([
      { value: 'BLOCKED', count: 1 },
      { value: 'PUBLISHED', count: 1 },
    ]);
    expect(combined.facets.code).toEqual([
      { value: 'INVALID_PROPERTY_VALUE', count: 1 },
      { value: 'MISSING_REQUIRED_PROPERTY', count: 1 },
    ]);
    expect(ids(await fleet.search({ ...EMPTY_SEARCH, code: ['MISSING_REQUIRED_PROPERTY'] }, 'all'))).toEqual(['k1']);
    expect((await fleet.search({ ...EMPTY_SEARCH, errors: 'with' }, 'all')).total).toBe(2);
    expect(ids(await fleet.search({ ...EMPTY_SEARCH, errors: 'without', account: ['kaleyra-in'] }, 'all'))).toEqual(['k2']);
    expect(ids(await fleet.search({ ...EMPTY_SEARCH, health: ['BLOCKED'] }, 'all'))).toEqual(['k1']);
    expect(ids(await fleet.search({ ...EMPTY_SEARCH, category: ['SURVEY'] }, 'all'))).toEqual(['1']);

    // Access per account: rows, total and every facet's counts.
    const kaleyraOnly = await fleet.search({ ...EMPTY_SEARCH, q: 'invalid_property_value' }, ['kaleyra-in']);
    expect(kaleyraOnly.rows.map((r) => `${r.accountId}/${r.flow.id}`)).toEqual(['kaleyra-in/k1']);
    expect(kaleyraOnly.total).toBe(1);
    expect(kaleyraOnly.facets.account).toEqual([{ value: 'kaleyra-in', count: 1 }]);
    expect(kaleyraOnly.facets.provider).toEqual([{ value: 'kaleyra', count: 1 }]);
    expect(kaleyraOnly.facets.code).toEqual([
      { value: 'INVALID_PROPERTY_VALUE', count: 1 },
      { value: 'MISSING_REQUIRED_PROPERTY', count: 1 },
    ]);
    // Asking for an account outside the allowed ones finds nothing, counts included.
    const asked = await fleet.search({ ...EMPTY_SEARCH, account: ['retail-eu'] }, ['kaleyra-in']);
    expect(asked.total).toBe(0);
    expect(asked.facets.account).toEqual([{ value: 'kaleyra-in', count: 2 }]);
    const none = await fleet.search(EMPTY_SEARCH, []);
    expect([none.total, none.rows.length, Object.values(none.facets).flat().length]).toEqual([0, 0, 0]);
  });

  it('sees every later write: changed details, renamed flows, and flows gone from their channel', async () => {
    const before = await fleet.search({ ...EMPTY_SEARCH, account: ['retail-eu'] }, 'all');
    expect(ids(before)).toEqual(['1', '3', '2']);
    await store.recordDetail(A, '8x8', makeFlowDetail({ id: '3', name: 'Sign-up', status: 'BLOCKED', validationErrors: [error('INVALID_PROPERTY_VALUE', 'y')] }), '2026-11-01T12:00:00Z');
    await store.recordList(A, '8x8', [flow('1', 'Booking v2', 'PUBLISHED'), flow('3', 'Sign-up', 'BLOCKED')], '2026-11-01T12:05:00Z');
    const after = await fleet.search({ ...EMPTY_SEARCH, account: ['retail-eu'] }, 'all');
    expect(after.rows.map((r) => [r.flow.id, r.flow.name, r.flow.status])).toEqual([
      ['1', 'Booking v2', 'PUBLISHED'],
      ['3', 'Sign-up', 'BLOCKED'],
    ]);
    expect(after.facets.status).toEqual([
      { value: 'BLOCKED', count: 1 },
      { value: 'PUBLISHED', count: 1 },
    ]);
    expect(ids(await fleet.search({ ...EMPTY_SEARCH, q: 'invalid_property_value', account: ['retail-eu'] }, 'all'))).toEqual(['1', '3']);
    // A second search reading the same database from its start finds the same.
    const fresh = await createFleetSearch(store).search({ ...EMPTY_SEARCH, account: ['retail-eu'] }, 'all');
    expect(fresh).toEqual(after);
  });

  it('pages and sorts: every flow once, in a total order', async () => {
    const C = { accountId: 'retail-eu', channelId: 'c7' };
    await store.recordList(C, '8x8', Array.from({ length: 450 }, (_, i) => flow(`p${i}`, `Paged ${String(i % 7)}`)), '2026-11-02T10:00:00Z');
    const pages = [];
    for (const offset of [0, 200, 400]) pages.push(await fleet.search({ ...EMPTY_SEARCH, q: 'paged', sort: 'name', dir: 'desc', offset }, 'all'));
    expect(pages.map((p) => p.rows.length)).toEqual([200, 200, 50]);
    const all = pages.flatMap((p) => p.rows.map((r) => r.flow));
    expect(new Set(all.map((f) => f.id)).size).toBe(450);
    const expected = all.slice().sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : a.id < b.id ? -1 : 1));
    expect(all).toEqual(expected);
  });

  it('reads the feed in transaction order, not in the order of their ids as text (9 before 10 before 100)', async () => {
    const R = { accountId: 'feed-order', channelId: 'c' };
    await store.recordList(R, 'p', ['a', 'b', 'c', 'd'].map((id) => flow(id, id)), '2026-11-04T10:00:00Z');
    await db.transaction(async (tx) => {
      // Transaction ids of different lengths, set by hand (the trigger would set the current one).
      await tx.rows(sql`ALTER TABLE flows DISABLE TRIGGER flows_row_xid`);
      for (const [id, xid] of [['a', '100'], ['b', '9'], ['c', '10'], ['d', '1000000']]) await tx.rows(sql`UPDATE flows SET row_xid = ${xid}::xid8 WHERE account_id = ${R.accountId} AND flow_id = ${id}`);
      await tx.rows(sql`ALTER TABLE flows ENABLE TRIGGER flows_row_xid`);
    });
    const seen: string[] = [];
    let after = null;
    for (;;) {
      const page = await store.flowsWrittenSince('9', after, 1);
      seen.push(...page.flows.filter((f) => f.row.accountId === R.accountId).map((f) => f.cursor.xid));
      if (page.flows.length < 1) break;
      after = page.flows.at(-1)!.cursor;
    }
    expect(seen.slice(0, 4)).toEqual(['9', '10', '100', '1000000']);
    await store.recordList(R, 'p', [], '2026-11-04T11:00:00Z');
  });

  it(engine === 'pglite' ? 'reads the embedded database again only after this process wrote flows' : 'asks the server for new writes before every search (replicas write too)', async () => {
    let reads = 0;
    const counted = createFleetSearch({ db, get flowWrites() { return store.flowWrites; }, flowsWrittenSince: (...args) => (reads++, store.flowsWrittenSince(...args)) });
    await counted.search(EMPTY_SEARCH, 'all');
    const first = reads;
    await counted.search(EMPTY_SEARCH, 'all');
    await counted.search({ ...EMPTY_SEARCH, q: 'x' }, 'all');
    expect(reads - first).toBe(engine === 'pglite' ? 0 : 2);
    await store.recordDetail(A, '8x8', makeFlowDetail({ id: 'w1', name: 'Written later', status: 'DRAFT' }), '2026-11-05T10:00:00Z');
    expect(ids(await counted.search({ ...EMPTY_SEARCH, q: 'written later' }, 'all'))).toEqual(['w1']);
    await store.recordList(A, '8x8', [], '2026-11-05T11:00:00Z');
  });

  it.runIf(engine === 'postgres')('finds a write whose transaction began before a search and committed after it', async () => {
    const late = new pg.Client(await currentUrl(db));
    await late.connect();
    try {
      await late.query('BEGIN');
      await late.query(`INSERT INTO flows (account_id, channel_id, flow_id, provider, name, status, first_seen_at, last_seen_at)
        VALUES ('late', 'c', 'l1', 'p', 'Committed late', 'DRAFT', now(), now())`);
      // A write by a later transaction commits first, and a search reads past it.
      await store.recordList({ accountId: 'late', channelId: 'c' }, 'p', [flow('l0', 'Committed early')], '2026-11-03T10:00:00Z');
      expect(ids(await fleet.search({ ...EMPTY_SEARCH, account: ['late'] }, 'all'))).toEqual(['l0']);
      await late.query('COMMIT');
      expect(ids(await fleet.search({ ...EMPTY_SEARCH, account: ['late'] }, 'all'))).toEqual(['l0', 'l1']);
    } finally {
      await late.end();
    }
  });
});

/** The URL of the test database the store is connected to. */
async function currentUrl(db: Database): Promise<string> {
  const [row] = await db.rows<{ name: string }>((await import('drizzle-orm')).sql`SELECT current_database() AS name`);
  const u = new URL(process.env.DATABASE_URL_TEST!);
  u.pathname = `/${row!.name}`;
  return u.toString();
}
