// @vitest-environment node
/**
 * The store on both engines: embedded PGlite in a temporary directory, and a real PostgreSQL
 * server when DATABASE_URL_TEST is set (`npm test` starts a throwaway one: scripts/with-postgres.sh).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFlowDetail, makeProblem, type FlowSummary } from '../../src/model/flow';
import { openTestDatabase, TEST_ENGINES } from '../testing/database';
import { openDatabase, StoreError, type Database } from './engine';
import { createStore, type Store } from './store';

const A = { accountId: 'retail-eu', channelId: 'c1' };
const B = { accountId: 'kaleyra-in', channelId: 'w1' };
const flow = (id: string, name: string, status = 'DRAFT'): FlowSummary => ({ id, name, status });

describe.each(TEST_ENGINES)('store on %s', (engine, url) => {
  let db: Database;
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTestDatabase(url));
    store = createStore(db);
  }, 120_000);
  afterAll(() => close());

  it('indexes a list, updates it, and marks flows missing from a later list as gone (not dropped)', async () => {
    await store.recordList(A, '8x8', [flow('1', 'Booking'), flow('2', 'Survey'), flow('3', 'Sign-up')], '2026-11-01T10:00:00Z');
    await store.recordList(A, '8x8', [flow('1', 'Booking', 'PUBLISHED'), flow('3', 'Sign-up')], '2026-11-01T11:00:00Z');
    const page = await store.channelFlows(A, 0, 100);
    expect(page.total).toBe(2);
    expect(page.flows.map((f) => [f.id, f.status])).toEqual([
      ['1', 'PUBLISHED'],
      ['3', 'DRAFT'],
    ]);
    const gone = await db.rows<{ flow_id: string; gone_at: unknown }>((await import('drizzle-orm')).sql`SELECT flow_id, gone_at FROM flows WHERE flow_id = '2'`);
    expect(gone).toHaveLength(1);
    expect(new Date(gone[0]!.gone_at as string).toISOString()).toBe('2026-11-01T11:00:00.000Z');
    const state = await store.channelState(A);
    expect(state).toMatchObject({ indexed: true, asOf: '2026-11-01T11:00:00.000Z' });
  });

  it('counts a channel as indexed only once its list is stored, not when single flows were opened', async () => {
    const C = { accountId: 'retail-eu', channelId: 'c9' };
    await store.recordDetail(C, '8x8', makeFlowDetail({ id: 'x1', name: 'Opened live', status: 'DRAFT' }), '2026-11-01T09:00:00Z');
    expect((await store.channelState(C)).indexed).toBe(false);
    await store.recordList(C, '8x8', [flow('x1', 'Opened live'), flow('x2', 'Other')], '2026-11-01T09:05:00Z');
    expect(await store.channelState(C)).toMatchObject({ indexed: true, asOf: '2026-11-01T09:05:00.000Z' });
  });

  it('keeps the flow JSON once per sha256', async () => {
    await store.recordJson(A, '1', 'abc123', '{"version":"3.1"}', '2026-11-01T11:00:00Z');
    await store.recordJson(A, '3', 'abc123', '{"version":"3.1"}', '2026-11-01T11:00:00Z');
    expect(await store.flowJson('abc123')).toBe('{"version":"3.1"}');
    expect(await store.flowJsonSha(A, '3')).toBe('abc123');
    expect(await store.flowJson('nope')).toBeNull();
  });

  it('gives a channel’s sync lease to one owner at a time', async () => {
    expect(await store.takeLease(B, 'kaleyra', 'replica-1', 60_000)).toBe(true);
    expect(await store.takeLease(B, 'kaleyra', 'replica-2', 60_000)).toBe(false);
    expect(await store.takeLease(B, 'kaleyra', 'replica-1', 60_000)).toBe(true);
    await store.releaseLease(B, 'replica-1');
    expect(await store.takeLease(B, 'kaleyra', 'replica-2', 60_000)).toBe(true);
    // An expired lease can be taken over.
    expect(await store.takeLease(A, '8x8', 'replica-1', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.takeLease(A, '8x8', 'replica-2', 60_000)).toBe(true);
  });

  it('keeps the last sync state: running, success, and a failure in the provider’s words', async () => {
    await store.syncRunning(B, { startedAt: '2026-11-01T12:00:00.000Z', listed: 10, detailsDone: 4, detailsTotal: 10, etaSeconds: 30 });
    expect((await store.channelState(B)).sync.running).toMatchObject({ detailsDone: 4, detailsTotal: 10 });
    await store.syncFinished(B, '2026-11-01T12:01:00.000Z', makeProblem({ kind: 'provider_error', message: 'Kaleyra failed (HTTP 500).', upstreamStatus: 500 }));
    const failed = await store.channelState(B);
    expect(failed.sync).toMatchObject({ running: null, lastError: { kind: 'provider_error', upstreamStatus: 500 }, lastErrorAt: '2026-11-01T12:01:00.000Z' });
    await store.syncFinished(B, '2026-11-01T12:02:00.000Z', null);
    expect((await store.channelState(B)).sync).toMatchObject({ lastError: null, lastSuccessAt: '2026-11-01T12:02:00.000Z' });
  });

  it('grants at most `limit` permits in a window, on the database clock, and says how long to wait', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => store.permit('key-a', 10, 60_000)));
    expect(results.filter((r) => r.granted)).toHaveLength(10);
    const refused = results.filter((r) => !r.granted);
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.waitMs).toBeGreaterThan(55_000);
    // Another key has its own window; a short window frees up.
    expect((await store.permit('key-b', 1, 60_000)).granted).toBe(true);
    expect((await store.permit('key-c', 1, 2000)).granted).toBe(true);
    expect((await store.permit('key-c', 1, 2000)).granted).toBe(false);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await store.permit('key-c', 1, 2000)).granted).toBe(true);
  });

  if (engine === 'pglite') {
    it('refuses a second process on the same data directory, naming it', async () => {
      // This process holds the lock; a lock file naming another live process is refused the same way.
      const { writeFileSync } = await import('node:fs');
      const other = mkdtempSync(join(tmpdir(), 'flowdesk-locked-'));
      writeFileSync(join(other, 'flowdesk.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir: other })).rejects.toThrow(new RegExp(`data directory ${other} is in use by another Flow Desk process \\(pid ${process.ppid}\\)`));
      // A lock left by a process that is gone is taken over.
      writeFileSync(join(other, 'flowdesk.lock'), '999999999');
      const reopened = await openDatabase({ dataDir: other });
      await reopened.close();
      rmSync(other, { recursive: true, force: true });
    }, 90_000);
  }
});

describe('start-up failures name what failed', () => {
  it('an unreachable DATABASE_URL', async () => {
    const error = await openDatabase({ databaseUrl: 'postgres://flowdesk:secret-pw@127.0.0.1:1/flowdesk' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/Cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/flowdesk/);
    expect((error as Error).message).not.toContain('secret-pw');
  });

  it('a data directory that cannot be created', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(mkdtempSync(join(tmpdir(), 'flowdesk-file-')), 'not-a-directory');
    writeFileSync(file, '');
    await expect(openDatabase({ dataDir: join(file, 'data') })).rejects.toThrow(/Cannot create the data directory .*not-a-directory\/data/);
  });
});
