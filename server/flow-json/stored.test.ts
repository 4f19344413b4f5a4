// @vitest-environment node
/**
 * Flow JSON kept in the index: reopening an unchanged flow, or a second replica opening it,
 * makes no CDN download; a flow whose details point at another asset is downloaded again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiApp, createIndexedContext } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../store/engine';
import { createStore, type Store } from '../store/store';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstream';
import { CHANNEL_8X8, ID_8X8, ID_KALEYRA, keyedEnv, SEED_FLOW_8X8, SEED_FLOW_KALEYRA, WABA_KALEYRA } from '../testing/fixtures';
import { assetIdentity } from './stored';

let dir: string;
let db: Database;
let store: Store;
let fake: FakeUpstream;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowdesk-json-'));
  db = await openDatabase({ dataDir: dir });
  store = createStore(db);
  fake = await startFakeUpstream();
}, 60_000);
afterAll(async () => {
  await fake.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
});

/** A replica: its own accounts, clients and download pool over the shared store. */
function replica() {
  const config = loadConfig(keyedEnv(fake, { FLOWDESK_SYNC_INTERVAL_S: '0' }));
  const { ctx } = createIndexedContext(config, store);
  return createApiApp(config, ctx);
}

const cdnCalls = (account: string) => fake.requests.filter((r) => r.target?.account === account && r.target.cdn).length;
const flowPath = (account: string, channel: string, flow: string) => `/api/accounts/${account}/channels/${channel}/flows/${flow}`;

async function openFlow(app: ReturnType<typeof replica>, account: string, channel: string, flow: string): Promise<string> {
  const detail = await app.request(flowPath(account, channel, flow));
  expect(detail.status).toBe(200);
  // The live read stores the flow in the index (in the background).
  await vi.waitFor(async () => expect((await store.knownFlows({ accountId: account, channelId: channel })).has(flow)).toBe(true));
  const json = await app.request(`${flowPath(account, channel, flow)}/json`);
  expect(json.status).toBe(200);
  const text = await json.text();
  expect(Number(json.headers.get('x-flow-json-bytes'))).toBe(Buffer.byteLength(text));
  return text;
}

describe('flow JSON from the index', () => {
  it('assetIdentity drops the signature and expiry of a CDN link, keeping its host and path', () => {
    expect(assetIdentity('https://mmg.whatsapp.net/m1/v/t24/An9x?ccb=10-5&oh=01_Q5&oe=6543ABCD&_nc_sid=471a72')).toBe('https://mmg.whatsapp.net/m1/v/t24/An9x');
    expect(assetIdentity('https://mmg.whatsapp.net/m1/v/t24/An9x?oe=1')).toBe(assetIdentity('https://mmg.whatsapp.net/m1/v/t24/An9x?oe=2'));
    expect(assetIdentity('https://mmg.whatsapp.net/m1/v/t24/Other?oe=1')).not.toBe(assetIdentity('https://mmg.whatsapp.net/m1/v/t24/An9x?oe=1'));
    expect(assetIdentity('not a url')).toBeNull();
  });

  it.each([
    ['8x8 (link in the details)', ID_8X8, CHANNEL_8X8, SEED_FLOW_8X8],
    ['Kaleyra (link from the assets call)', ID_KALEYRA, WABA_KALEYRA, SEED_FLOW_KALEYRA],
  ])('%s: a reopen and a second replica get the stored text with no CDN download', async (_, account, channel, flow) => {
    const first = replica();
    const text = await openFlow(first, account, channel, flow);
    expect(cdnCalls(account)).toBe(1);
    const ref = { accountId: account, channelId: channel };
    await vi.waitFor(async () => expect(await store.flowJsonSha(ref, flow)).toMatch(/^[0-9a-f]{64}$/));
    expect(await store.flowJson((await store.flowJsonSha(ref, flow))!)).toBe(text);

    expect(await openFlow(first, account, channel, flow)).toBe(text);
    expect(await openFlow(replica(), account, channel, flow)).toBe(text);
    expect(cdnCalls(account)).toBe(1);
    // The details are still read live each time (they give the link to compare).
    expect(fake.requests.filter((r) => r.target?.account === account && !r.target.cdn).length).toBeGreaterThanOrEqual(3);
  });

  it('downloads again when the details point at another asset than the stored one', async () => {
    const app = replica();
    await openFlow(app, ID_8X8, CHANNEL_8X8, SEED_FLOW_8X8);
    const before = cdnCalls(ID_8X8);
    // As if the flow's JSON had been replaced since: the stored text came from another upload.
    await db.rows(sql`UPDATE flows SET json_source = 'https://mmg.whatsapp.net/m1/v/t24/an-older-upload' WHERE flow_id = ${SEED_FLOW_8X8}`);
    await openFlow(app, ID_8X8, CHANNEL_8X8, SEED_FLOW_8X8);
    expect(cdnCalls(ID_8X8)).toBe(before + 1);
    await vi.waitFor(async () => expect((await db.rows<{ json_source: string }>(sql`SELECT json_source FROM flows WHERE flow_id = ${SEED_FLOW_8X8}`))[0]!.json_source).not.toMatch(/older/));
  });
});
