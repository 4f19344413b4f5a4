// @vitest-environment node
/**
 * The history routes over a real index (PGlite) and the fake upstream: two syncs with a status
 * change and a one-label JSON edit between them, then the timeline, the JSON versions, their
 * texts and the change feed; a live read of the JSON records its version too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editFlowJson } from '../src/mocks/data/evolution';
import type { SimFlow } from '../src/mocks/data/world';
import { sql } from 'drizzle-orm';
import { ChangeFeedSchema, FlowHistorySchema, JsonChangesSchema, JsonVersionSchema } from '../src/model/history';
import { createApiApp, createIndexedContext } from './app';
import { loadConfig } from './config';
import { openDatabase, type Database } from './store/engine';
import { createStore } from './store/store';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import { CHANNEL_8X8, ID_8X8, keyedEnv, listPath } from './testing/fixtures';

let dir: string;
let db: Database;
let fake: FakeUpstream;
let app: ReturnType<typeof createApiApp>;
let sync: () => Promise<void>;
let closeIndex: () => Promise<void>;
let flow: SimFlow;
const get = (path: string) => app.request(path);
const flowPath = () => `${listPath(ID_8X8, CHANNEL_8X8)}/${flow.id}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowdesk-history-routes-'));
  db = await openDatabase({ dataDir: dir });
  fake = await startFakeUpstream({ flowsPerChannel: 4 });
  const config = loadConfig(keyedEnv(fake, { FLOWDESK_SYNC_INTERVAL_S: '0' }));
  const { ctx, index } = createIndexedContext(config, createStore(db));
  app = createApiApp(config, ctx);
  closeIndex = () => index.diffs.close();
  sync = async () => void (await index.syncer.syncNow(ID_8X8, CHANNEL_8X8));
  flow = fake.simulator(ID_8X8).channels.find((c) => c.channelId === CHANNEL_8X8)!.flows.find((f) => f.json === 'ok' && !f.verbatimJson && !f.verbatimDetails && f.status !== 'BLOCKED')!;
  await sync();
  flow.status = 'BLOCKED';
  editFlowJson(flow);
  await sync();
}, 120_000);
afterAll(async () => {
  await fake.close();
  // As the server stops: the comparisons first (one may be under way for the last version), then the database.
  await closeIndex();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history routes', () => {
  it('answer the timeline newest first: first seen, then the status change and the JSON edit, with times', async () => {
    const response = await get(`${flowPath()}/history`);
    expect(response.status).toBe(200);
    const { entries, more } = FlowHistorySchema.parse(await response.json());
    expect(more).toBe(false);
    const kinds = entries.map((e) => e.kind);
    expect(kinds.at(-1)).toBe('first_seen');
    expect(kinds).toContain('json');
    const status = entries.find((e) => e.kind === 'status')!;
    expect(status.to).toBe('BLOCKED');
    expect(status.from).not.toBe('BLOCKED');
    expect(status.source).toBe('sync');
    expect(Date.parse(status.at)).toBeGreaterThanOrEqual(Date.parse(entries.at(-1)!.at));
  });

  it('list both JSON versions and answer each text; the two differ in one line', async () => {
    const { versions } = (await (await get(`${flowPath()}/json-versions`)).json()) as { versions: unknown[] };
    const [newer, older] = versions.map((v) => JsonVersionSchema.parse(v));
    expect(versions).toHaveLength(2);
    expect(newer!.status).toBe('BLOCKED');
    const text = async (sha: string) => {
      const response = await get(`${flowPath()}/json/${sha}`);
      expect(response.status).toBe(200);
      return response.text();
    };
    const [a, b] = [await text(older!.sha256), await text(newer!.sha256)];
    const format = (t: string) => JSON.stringify(JSON.parse(t), null, 2).split('\n');
    const changed = format(b).filter((line, i) => line !== format(a)[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain('"title"');
  });

  it('answer a version as immutable, named by its sha256: a browser holding it gets 304', async () => {
    const { versions } = (await (await get(`${flowPath()}/json-versions`)).json()) as { versions: { sha256: string }[] };
    const sha = versions[0]!.sha256;
    const first = await get(`${flowPath()}/json/${sha}`);
    expect(first.headers.get('ETag')).toBe(`"${sha}"`);
    expect(first.headers.get('Cache-Control')).toMatch(/immutable/);
    const text = await first.text();
    // The second read is answered from memory, with the same bytes.
    expect(await (await get(`${flowPath()}/json/${sha}`)).text()).toBe(text);
    const again = await app.request(`${flowPath()}/json/${sha}`, { headers: { 'If-None-Match': `"${sha}"` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Another flow does not get this flow's version from memory.
    const other = fake.simulator(ID_8X8).channels.find((c) => c.channelId === CHANNEL_8X8)!.flows.find((f) => f.id !== flow.id)!;
    expect((await get(`${listPath(ID_8X8, CHANNEL_8X8)}/${other.id}/json/${sha}`)).status).toBe(404);
  });

  it('answer the changed lines between the two synced versions, prepared in the background when the sync recorded the newer', async () => {
    const { versions } = (await (await get(`${flowPath()}/json-versions`)).json()) as { versions: { sha256: string }[] };
    const [newer, older] = versions.map((v) => v.sha256);
    // Prepared by a worker thread once the sync recorded the newer version: read from the database.
    let stored = 0;
    for (let i = 0; i < 200 && stored === 0; i++) {
      stored = Number((await db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM json_diffs WHERE from_sha256 = ${older} AND to_sha256 = ${newer}`))[0]!.n);
      if (stored === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(stored).toBe(1);
    const response = await get(`${flowPath()}/json-changes/${older}/${newer}`);
    expect(response.status).toBe(200);
    const changes = JsonChangesSchema.parse(await response.json());
    expect(changes).toMatchObject({ changed: 2, complete: true });
    const lines = changes.hunks.flatMap((h) => h.lines);
    expect(lines.filter((l) => l.kind === 'removed').map((l) => l.text)).toEqual([expect.stringContaining('"title"')]);
    expect(lines.filter((l) => l.kind === 'added').map((l) => l.text)).toEqual([expect.stringContaining('"title"')]);
    // Not for another flow, nor for a version never stored.
    const other = fake.simulator(ID_8X8).channels.find((c) => c.channelId === CHANNEL_8X8)!.flows.find((f) => f.id !== flow.id)!;
    expect((await get(`${listPath(ID_8X8, CHANNEL_8X8)}/${other.id}/json-changes/${older}/${newer}`)).status).toBe(404);
    expect((await get(`${flowPath()}/json-changes/${older}/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get(`${flowPath()}/json-changes/${older}/not-a-hash`)).status).toBe(404);
  });

  it('answer the change feed filtered to the new status, with counts per day', async () => {
    const response = await get(`/api/changes?toStatus=blocked&kind=status&account=${ID_8X8}`);
    expect(response.status).toBe(200);
    const feed = ChangeFeedSchema.parse(await response.json());
    expect(feed.entries.map((e) => e.flowId)).toContain(flow.id);
    expect(feed.entries.every((e) => e.kind === 'status' && e.to === 'BLOCKED')).toBe(true);
    expect(feed.perDay.reduce((n, d) => n + d.count, 0)).toBe(feed.total);
    const elsewhere = ChangeFeedSchema.parse(await (await get('/api/changes?toStatus=BLOCKED&provider=nobody')).json());
    expect(elsewhere.total).toBe(0);
  });

  it('record the version an agent opens live', async () => {
    editFlowJson(flow);
    const opened = await get(`${flowPath()}/json`);
    expect(opened.status).toBe(200);
    const text = await opened.text();
    let versions: { sha256: string }[] = [];
    for (let i = 0; i < 50 && versions.length < 3; i++) {
      versions = ((await (await get(`${flowPath()}/json-versions`)).json()) as { versions: { sha256: string }[] }).versions;
      if (versions.length < 3) await new Promise((r) => setTimeout(r, 20));
    }
    expect(versions).toHaveLength(3);
    expect(await (await get(`${flowPath()}/json/${versions[0]!.sha256}`)).text()).toBe(text);
    const { entries } = FlowHistorySchema.parse(await (await get(`${flowPath()}/history`)).json());
    expect(entries[0]).toMatchObject({ kind: 'json', source: 'live', to: versions[0]!.sha256 });
  });

  it('refuse bad parameters with a clear Problem, and say when a version is unknown', async () => {
    const problem = async (path: string, status: number) => {
      const response = await get(path);
      expect(response.status).toBe(status);
      return ((await response.json()) as { problem: { message: string } }).problem.message;
    };
    expect(await problem(`${flowPath()}/json/not-a-hash`, 404)).toMatch(/No API route/);
    expect(await problem(`${flowPath()}/json/${'0'.repeat(64)}`, 404)).toMatch(/no stored flow JSON/);
    expect(await problem(`${flowPath()}/history?before=x`, 400)).toMatch(/before/);
    expect(await problem('/api/changes?kind=bogus', 400)).toMatch(/kind/);
    expect(await problem('/api/changes?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 400)).toMatch(/before/);
    expect(await problem('/api/changes?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 400)).toMatch(/366 days/);
    expect(await problem('/api/changes?offset=-1', 400)).toMatch(/offset/);
    expect(await problem(`/api/accounts/nobody/channels/c/flows/1/history`, 404)).toMatch(/no account/);
  });
});
