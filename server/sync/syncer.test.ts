// @vitest-environment node
/**
 * The background sync against the simulator, into a real (embedded) database: every flow of a
 * channel indexed with its details, complete filters and search, the last known state kept when
 * the provider fails, and lists served from the index with the provider's error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowPageSchema } from '../../src/model/flow';
import { REQUEST_HEADER } from '../../src/model/request-header';
import { EMPTY_SEARCH } from '../../src/model/search';
import { createApiApp, createIndexedContext } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../store/engine';
import { createStore, type Store } from '../store/store';
import { listPath } from '../testing/fixtures';

const CHANNEL = 'ec36a867-3dd4-e911-814a-02d85f55fce8';
let dir: string;
let db: Database;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowdesk-sync-'));
  db = await openDatabase({ dataDir: dir });
  store = createStore(db);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('background sync', () => {
  it('indexes every flow of a channel with its details, so the has-errors filter and error search are complete', async () => {
    const config = loadConfig({ SIMULATOR_FLOWS: '40', FLOWDESK_SYNC_INTERVAL_S: '0' });
    const { ctx, index } = createIndexedContext(config, store);
    await index.syncer.syncNow('8x8', CHANNEL);

    const simulated = (await ctx.accounts.get('8x8')!.info()).channels.map((c) => c.channelId);
    expect(simulated).toContain(CHANNEL);
    const state = await store.channelState({ accountId: '8x8', channelId: CHANNEL });
    expect(state.sync).toMatchObject({ lastError: null, running: null });
    expect(state.sync.lastSuccessAt).not.toBeNull();

    // The list now comes from the index, with details the provider's list does not carry.
    const app = createApiApp(config, ctx);
    const page = FlowPageSchema.parse(await (await app.request(listPath('8x8', CHANNEL))).json());
    expect(page.index?.asOf).not.toBeNull();
    expect(page.flows.length).toBe(40 + 3 + 8);
    expect(page.flows.every((f) => f.categories !== undefined && f.validationErrorCount !== undefined)).toBe(true);
    const withErrors = page.flows.filter((f) => f.validationErrorCount! > 0).map((f) => f.id);
    expect(withErrors).toContain('822625023859371');

    const found = await index.fleet.search({ ...EMPTY_SEARCH, account: ['8x8'], errors: 'with' }, 'all');
    expect(found.rows.map((r) => r.flow.id).sort()).toEqual([...withErrors].sort());
    const byCode = await index.fleet.search({ ...EMPTY_SEARCH, q: 'invalid_property_value', account: ['8x8'] }, 'all');
    expect(byCode.total).toBeGreaterThan(0);
    expect(byCode.rows.every((r) => r.errorCodes.includes('INVALID_PROPERTY_VALUE'))).toBe(true);
  });

  it('records each flow first seen, with its flow JSON as the first version', async () => {
    const ref = { accountId: '8x8', channelId: CHANNEL };
    const { flows } = await store.channelFlows(ref, 0, 100);
    const one = flows[0]!;
    const history = await store.history.flowHistory(ref, one.id);
    expect(history.entries.map((e) => [e.kind, e.to, e.source])).toEqual([['first_seen', one.status, 'sync']]);
    const versions = await store.history.jsonVersions(ref, one.id);
    expect(versions).toHaveLength(1);
    expect(JSON.parse((await store.history.jsonVersionText(ref, one.id, versions[0]!.sha256))!)).toHaveProperty('screens');
  });

  it('a second sync of an unchanged channel fetches no details', async () => {
    const config = loadConfig({ SIMULATOR_FLOWS: '40', FLOWDESK_SYNC_INTERVAL_S: '0' });
    const { ctx, index } = createIndexedContext(config, store);
    const client = ctx.accounts.get('8x8')!.client;
    const calls: string[] = [];
    const inner = client.fetch;
    client.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return inner(input, init);
    }) as typeof fetch;
    await index.syncer.syncNow('8x8', CHANNEL);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/\/flows\?limit=1000$/);
  });

  it('keeps the last known state when the provider fails, and lists it with the provider’s error', async () => {
    // The first sync spent the simulated 8x8 budget (100 calls a minute) on details and flow JSON:
    // this one starts with a fresh window, so its list call reaches the failing provider.
    await db.rows(sql`DELETE FROM request_budget`);
    const config = loadConfig({ SIMULATOR_FLOWS: '40', FLOWDESK_SYNC_INTERVAL_S: '0', SIMULATOR_FAULTS: '8x8=500' });
    const { ctx, index } = createIndexedContext(config, store);
    await index.syncer.syncNow('8x8', CHANNEL);
    const page = FlowPageSchema.parse(await (await createApiApp(config, ctx).request(listPath('8x8', CHANNEL))).json());
    expect(page.flows.length).toBe(51);
    expect(page.index?.sync.lastError).toMatchObject({ kind: 'provider_error', provider: '8x8', upstreamStatus: 500 });
    expect(page.index?.sync.lastSuccessAt).not.toBeNull();
  });

  it('answers a fleet search across accounts, and starts a sync on request', async () => {
    const config = loadConfig({ SIMULATOR_FLOWS: '10', FLOWDESK_SYNC_INTERVAL_S: '0' });
    const { ctx } = createIndexedContext(config, store);
    const app = createApiApp(config, ctx);
    const started = await app.request(`/api/accounts/kaleyra/channels/295XXXXXXXXXXXX/sync`, { method: 'POST', headers: REQUEST_HEADER });
    expect(started.status).toBe(202);
    await ctx.index!.syncer.syncNow('kaleyra', '295XXXXXXXXXXXX');
    const result = (await (await app.request('/api/search?q=invalid_property_value')).json()) as { rows: { provider: string }[] };
    expect(new Set(result.rows.map((r) => r.provider))).toEqual(new Set(['8x8', 'kaleyra']));
  });
});
