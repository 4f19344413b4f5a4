// @vitest-environment node
/**
 * Two replicas on one PostgreSQL database, against a fake 8x8 that enforces its rate limit:
 * their calls together (background sync of two channels and an agent's live reads) never exceed
 * the budget in any window, and each channel is synced by one replica at a time (the lease).
 *
 * The budget window is held on the database's clock (`clock_timestamp()`), which a test cannot
 * move: the budget is scaled down (20 calls per 2 s) instead of waiting minutes for 100 per 60 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/lib/request-budget';
import { EMPTY_SEARCH } from '../../src/model/search';
import { sharedPermit } from '../accounts';
import { createApiApp, createProxyContext } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../store/engine';
import { createFleetSearch } from '../search/fleet-search';
import { createStore } from '../store/store';
import { freshPostgres } from '../testing/database';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstream';
import { ID_8X8, keyedEnv } from '../testing/fixtures';
import { enforceRateLimit, maxInWindow } from '../testing/rate-limit';
import { createSyncer } from './syncer';

const POSTGRES = process.env.DATABASE_URL_TEST;
const LIMIT = 20;
const WINDOW_MS = 2000;
const FLOWS = 30;
const CHANNELS = ['ec36a867-3dd4-e911-814a-02d85f55fce8', '4b1d9a0c-77e2-4c3b-9f61-2a5e8d0c1f7a'];

interface Call {
  replica: string;
  channel: string;
  start: number;
  end: number;
}

describe.skipIf(!POSTGRES)('two replicas on one PostgreSQL database', () => {
  let fake: FakeUpstream;
  let url: string;
  const databases: Database[] = [];

  beforeAll(async () => {
    url = await freshPostgres(POSTGRES!);
    const env = keyedEnv({ url: 'http://127.0.0.1:1', port: 1 }, { EIGHTXEIGHT_CHANNEL_IDS: CHANNELS.join(',') });
    fake = await startFakeUpstream({ flowsPerChannel: FLOWS, accounts: loadConfig(env).accounts });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.close()));
    await fake.close();
  });

  async function replica(name: string, calls: Call[]) {
    const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
    databases.push(db);
    const store = createStore(db);
    const config = loadConfig(keyedEnv(fake, { EIGHTXEIGHT_CHANNEL_IDS: CHANNELS.join(','), FLOWDESK_SYNC_INTERVAL_S: '0' }));
    const ctx = createProxyContext(config, store);
    const client = ctx.accounts.get(ID_8X8)!.client;
    // The provider's budget, scaled: this replica's own window, and the one every replica shares in the database.
    client.budget = new RequestBudget({ limit: LIMIT, windowMs: WINDOW_MS, concurrency: 8 });
    client.permit = sharedPermit(store, 'replicas-test-8x8', LIMIT, WINDOW_MS);
    const inner = client.fetch;
    client.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input instanceof Request ? input.url : input);
      const start = Date.now();
      try {
        return await inner(input, init);
      } finally {
        calls.push({ replica: name, channel: CHANNELS.find((c) => path.includes(c)) ?? '', start, end: Date.now() });
      }
    }) as typeof fetch;
    const syncer = createSyncer(store, ctx.accounts, { intervalS: 0, refreshAgeMs: 3_600_000, owner: name });
    return { store, ctx, syncer, app: createApiApp(config, ctx) };
  }

  it('never exceed the budget together, and never sync one channel at once', async () => {
    const enforcement = enforceRateLimit(fake, { account: ID_8X8, limit: LIMIT, windowMs: WINDOW_MS });
    const calls: Call[] = [];
    const a = await replica('replica-a', calls);
    const b = await replica('replica-b', calls);
    // Replica b's fleet search has read the (empty) index before either syncs: what it finds later
    // it reads from the writes of both replicas.
    const searchB = createFleetSearch(b.store);
    await searchB.catchUp();
    // A third replica where an agent opens flows meanwhile (live reads share the budget too).
    const agent = await replica('agent', calls);
    const started = Date.now();
    // Both replicas try to sync both channels at once, while an agent opens flows on a third.
    const flowIds = fake.simulator(ID_8X8).channels[0]!.flows.slice(0, 8).map((f) => f.id);
    const [, , , , ...live] = await Promise.all([
      a.syncer.syncNow(ID_8X8, CHANNELS[0]!),
      b.syncer.syncNow(ID_8X8, CHANNELS[0]!),
      b.syncer.syncNow(ID_8X8, CHANNELS[1]!),
      a.syncer.syncNow(ID_8X8, CHANNELS[1]!),
      ...flowIds.map((id) => agent.app.request(`/api/accounts/${ID_8X8}/channels/${CHANNELS[0]}/flows/${id}`)),
    ]);
    enforcement.stop();
    const elapsed = Date.now() - started;

    expect(live.map((r) => r.status)).toEqual(flowIds.map(() => 200));
    // The window bound: never refused by the provider, and never more than LIMIT in any window.
    expect(enforcement.refused).toBe(0);
    expect(maxInWindow(enforcement.arrivals, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    // Enough calls that the budget really bound them: two lists, every flow's details, the live reads.
    const flowCount = fake.simulator(ID_8X8).channels.reduce((n, c) => n + c.flows.length, 0);
    expect(flowCount).toBeGreaterThan(2 * LIMIT);
    expect(enforcement.arrivals.length).toBe(CHANNELS.length + flowCount + flowIds.length);
    expect(elapsed).toBeGreaterThan(((enforcement.arrivals.length - LIMIT) / LIMIT) * WINDOW_MS);

    // Each channel: the calls of its sync came from one replica, or from replicas one after the other.
    for (const channel of CHANNELS) {
      const byReplica = new Map<string, { start: number; end: number }>();
      for (const call of calls.filter((c) => c.channel === channel && c.replica !== 'agent')) {
        const span = byReplica.get(call.replica) ?? { start: call.start, end: call.end };
        byReplica.set(call.replica, { start: Math.min(span.start, call.start), end: Math.max(span.end, call.end) });
      }
      const spans = [...byReplica.values()].sort((x, y) => x.start - y.start);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }

    // Both channels complete in the one index.
    for (const channel of CHANNELS) {
      const state = await a.store.channelState({ accountId: ID_8X8, channelId: channel });
      expect(state.sync).toMatchObject({ lastError: null, running: null });
      expect(state.sync.lastSuccessAt).not.toBeNull();
    }
    // What 8x8 itself answered: the flows whose details carried validation errors.
    const detailAnswers = fake.requests.filter((r) => r.status === 200 && /\/flows\/[^/?]+$/.test(r.path) && r.body);
    const expected = [...new Set(detailAnswers.flatMap((r) => {
      const body = JSON.parse(r.body!) as { flowId: string; validationErrors?: unknown[] };
      return body.validationErrors?.length ? [body.flowId] : [];
    }))].sort();
    expect(expected.length).toBeGreaterThan(0);
    const found = await searchB.search({ ...EMPTY_SEARCH, account: [ID_8X8], errors: 'with' }, 'all');
    expect(found.rows.map((r) => r.flow.id).sort()).toEqual(expected);
  }, 120_000);
});

