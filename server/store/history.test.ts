// @vitest-environment node
/**
 * Flow history in the store, on both engines (PGlite here; PostgreSQL too when DATABASE_URL_TEST
 * is set: scripts/with-postgres.sh): recording with the index's upsert, once per change, JSON
 * versions, the change feed and retention.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFlowDetail, type FlowDetail } from '../../src/model/flow';
import { openTestDatabase, TEST_ENGINES } from '../testing/database';
import type { Database } from './engine';
import { createStore, type Store } from './store';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();
const detail = (id: string, fields: Partial<FlowDetail> = {}) => makeFlowDetail({ id, name: `Flow ${id}`, status: 'DRAFT', ...fields });

describe.each(TEST_ENGINES)('flow history on %s', (_engine, url) => {
  let db: Database;
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;
  /** A channel of its own per test, so tests never see each other's rows. */
  const channel = () => ({ accountId: 'retail-eu', channelId: `h${++n}` });
  const count = async () => Number((await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM flow_history`))[0]!.n);

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(url));
    store = createStore(db);
  }, 120_000);
  afterAll(() => close());

  it('records a first sighting, then only what changed, each with its time and source', async () => {
    const ref = channel();
    expect(await store.recordDetail(ref, 'meta', detail('1'), at(0), 'sync')).toEqual({ written: 1, firstSeen: true });
    expect(await store.recordDetail(ref, 'meta', detail('1'), at(1), 'sync')).toEqual({ written: 0, firstSeen: false });
    await store.recordDetail(ref, 'meta', detail('1', { status: 'PUBLISHED', categories: ['SIGN_UP'] }), at(5), 'live');
    const { entries, more } = await store.history.flowHistory(ref, '1');
    expect(more).toBe(false);
    expect(entries.map((e) => [e.kind, e.from, e.to, e.source, e.at])).toEqual([
      ['categories', '', 'SIGN_UP', 'live', at(5)],
      ['status', 'DRAFT', 'PUBLISHED', 'live', at(5)],
      ['first_seen', null, 'DRAFT', 'sync', at(0)],
    ]);
    expect(entries[2]).toMatchObject({ accountId: ref.accountId, channelId: ref.channelId, flowId: '1', provider: 'meta', flowName: 'Flow 1' });
    // Paging to older entries by id.
    const older = await store.history.flowHistory(ref, '1', { before: entries[1]!.id, limit: 1 });
    expect(older.entries.map((e) => e.kind)).toEqual(['first_seen']);
  });

  it('records from a list: first sightings, then only status and name changes; the first details add nothing the list had', async () => {
    const ref = channel();
    const list = (status2: string, name3 = 'Three') => [
      { id: '1', name: 'One', status: 'DRAFT' },
      { id: '2', name: 'Two', status: status2 },
      { id: '3', name: name3, status: 'PUBLISHED' },
    ];
    expect(await store.recordList(ref, 'meta', list('DRAFT'), at(0))).toEqual({ written: 3 });
    expect(await store.recordList(ref, 'meta', list('DRAFT'), at(1))).toEqual({ written: 0 });
    expect(await store.recordList(ref, 'meta', list('BLOCKED', 'Three v2'), at(2))).toEqual({ written: 2 });
    expect((await store.history.flowHistory(ref, '2')).entries.map((e) => [e.kind, e.from, e.to])).toEqual([
      ['status', 'DRAFT', 'BLOCKED'],
      ['first_seen', null, 'DRAFT'],
    ]);
    expect((await store.history.flowHistory(ref, '3')).entries[0]).toMatchObject({ kind: 'name', from: 'Three', to: 'Three v2' });
    // The first details of a flow seen in a list: its categories and errors are not changes.
    const first = await store.recordDetail(ref, 'meta', detail('2', { name: 'Two', status: 'BLOCKED', categories: ['OTHER'] }), at(3));
    expect(first).toEqual({ written: 0, firstSeen: true });
    const later = await store.recordDetail(ref, 'meta', detail('2', { name: 'Two', status: 'BLOCKED', categories: ['SIGN_UP'] }), at(4));
    expect(later).toEqual({ written: 1, firstSeen: false });
  });

  it('writes a change once when two writers record it at the same moment', async () => {
    const ref = channel();
    await store.recordDetail(ref, 'meta', detail('1'), at(0));
    const before = await count();
    await Promise.all([
      store.recordDetail(ref, 'meta', detail('1', { status: 'BLOCKED' }), at(3), 'sync'),
      store.recordDetail(ref, 'meta', detail('1', { status: 'BLOCKED' }), at(3), 'live'),
      store.recordDetail(ref, 'meta', detail('1', { status: 'BLOCKED' }), at(3), 'sync'),
    ]);
    expect(await count()).toBe(before + 1);
    const { entries } = await store.history.flowHistory(ref, '1');
    expect(entries.filter((e) => e.kind === 'status').map((e) => e.to)).toEqual(['BLOCKED']);
  });

  it('keeps each flow JSON once per hash, lists the versions newest first and records a changed hash', async () => {
    const ref = channel();
    const v1 = '{"screens":[{"id":"A","title":"Old label"}]}';
    const v2 = '{"screens":[{"id":"A","title":"New label"}]}';
    await store.recordDetail(ref, 'meta', detail('7'), at(0));
    // The first version follows none.
    expect(await store.recordJson(ref, '7', sha(v1), v1, at(0), 'sync')).toEqual({ written: 0, previous: null });
    const labelError = { code: 'INVALID_PROPERTY_VALUE', type: 'FLOW_JSON_ERROR', message: 'Bad title', lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [{ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path: 'screens[0].title' }] };
    await store.recordDetail(ref, 'meta', detail('7', { status: 'PUBLISHED', validationErrors: [labelError] }), at(10));
    // A new version says which one it follows (its comparison is prepared from that).
    expect(await store.recordJson(ref, '7', sha(v2), v2, at(10), 'live')).toEqual({ written: 1, previous: sha(v1) });
    expect(await store.recordJson(ref, '7', sha(v2), v2, at(11), 'sync')).toEqual({ written: 0, previous: null });
    const versions = await store.history.jsonVersions(ref, '7');
    expect(versions.map((v) => [v.sha256, v.status, v.firstSeenAt])).toEqual([
      [sha(v2), 'PUBLISHED', at(10)],
      [sha(v1), 'DRAFT', at(0)],
    ]);
    // Each version keeps the errors the flow had when it was first seen (for the diff's sides).
    expect(versions.map((v) => v.validationErrors?.map((e) => e.code))).toEqual([['INVALID_PROPERTY_VALUE'], []]);
    expect(await store.history.jsonVersionText(ref, '7', sha(v1))).toBe(v1);
    // A hash is only answered for a flow that had it.
    expect(await store.history.jsonVersionText(ref, '8', sha(v1))).toBeNull();
    const json = (await store.history.flowHistory(ref, '7')).entries.find((e) => e.kind === 'json');
    expect(json).toMatchObject({ from: sha(v1), to: sha(v2), source: 'live', at: at(10) });
    // Details recorded later (a list sync without JSON) keep the JSON hash: no spurious change.
    await store.recordDetail(ref, 'meta', detail('7', { status: 'PUBLISHED' }), at(12));
    expect(await store.recordJson(ref, '7', sha(v2), v2, at(13))).toEqual({ written: 0, previous: null });
  });

  it('answers the change feed with filters, a bounded page and counts per UTC day', async () => {
    const ref = { accountId: 'feed-acct', channelId: 'f1' };
    const other = { accountId: 'feed-other', channelId: 'f2' };
    const day = (d: number, h = 12) => new Date(Date.UTC(2026, 9, d, h)).toISOString();
    await store.recordDetail(ref, 'meta', detail('1'), day(1));
    await store.recordDetail(ref, 'meta', detail('1', { status: 'BLOCKED' }), day(2));
    await store.recordDetail(ref, 'meta', detail('2'), day(2));
    await store.recordDetail(other, 'aws', detail('3', { status: 'PUBLISHED' }), day(2));
    await store.recordDetail(other, 'aws', detail('3', { status: 'BLOCKED' }), day(3));
    const range = { from: day(1, 0), to: day(4, 0), offset: 0 };
    const all = await store.history.changeFeed({ ...range, accounts: ['feed-acct', 'feed-other'] });
    expect(all.total).toBe(5);
    expect(all.perDay).toEqual([
      { day: '2026-10-01', count: 1 },
      { day: '2026-10-02', count: 3 },
      { day: '2026-10-03', count: 1 },
    ]);
    const blocked = await store.history.changeFeed({ ...range, toStatus: 'BLOCKED', kind: 'status' });
    expect(blocked.entries.map((e) => [e.flowId, e.from, e.at])).toEqual([
      ['3', 'PUBLISHED', day(3)],
      ['1', 'DRAFT', day(2)],
    ]);
    const aws = await store.history.changeFeed({ ...range, provider: 'aws', toStatus: 'BLOCKED' });
    expect(aws.entries.map((e) => e.flowId)).toEqual(['3']);
    const narrow = await store.history.changeFeed({ from: day(3, 0), to: day(4, 0), offset: 0, account: 'feed-other' });
    expect(narrow.total).toBe(1);
    // Accounts the server does not have are left out.
    expect((await store.history.changeFeed({ ...range, accounts: ['feed-other'] })).total).toBe(2);
  });

  it('prunes entries and JSON past retention, never the latest snapshot or the JSON it points to', async () => {
    const ref = channel();
    const old = new Date(Date.UTC(2025, 0, 1)).toISOString();
    const recent = new Date(Date.UTC(2025, 5, 1)).toISOString();
    const now = Date.UTC(2025, 5, 2);
    const a = '{"v":"pruned-a"}';
    const b = '{"v":"pruned-b"}';
    const c = '{"v":"pruned-c"}';
    await store.recordDetail(ref, 'meta', detail('p'), old);
    await store.recordJson(ref, 'p', sha(a), a, old);
    await store.recordJson(ref, 'p', sha(b), b, old);
    // A second flow whose only JSON is old: it is its latest, so it stays.
    await store.recordDetail(ref, 'meta', detail('q'), old);
    await store.recordJson(ref, 'q', sha(c), c, old);
    await store.recordDetail(ref, 'meta', detail('p', { status: 'PUBLISHED' }), recent);
    const pruned = await store.history.prune(90, now);
    expect(pruned.entries).toBeGreaterThanOrEqual(3);
    const p = await store.history.flowHistory(ref, 'p');
    expect(p.entries.map((e) => e.kind)).toEqual(['status']);
    expect((await store.history.jsonVersions(ref, 'p')).map((v) => v.sha256)).toEqual([sha(b)]);
    expect(await store.flowJson(sha(a))).toBeNull();
    expect(await store.flowJson(sha(b))).toBe(b);
    expect(await store.history.jsonVersionText(ref, 'q', sha(c))).toBe(c);
    // The snapshot survives: the next observation is compared with it, not taken as a first sighting.
    expect((await store.recordDetail(ref, 'meta', detail('q'), recent)).firstSeen).toBe(false);
  });
});
