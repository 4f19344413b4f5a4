/**
 * The flow index end to end: a production server with a fresh data directory and a 5 s
 * background sync, against the fake upstream (8x8 and Kaleyra with their keys; the other
 * providers on the built-in simulator). A free-text search for a validation error code lists
 * exactly the flows that have it, across providers; after a restart with Kaleyra answering 500,
 * its flows are still listed with their age and Kaleyra's error.
 *
 * The spec runs its own processes on ports 4350–4351 (it restarts them), not the shared web servers.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAKE_PORT = 4350;
const SERVER_PORT = 4351;
const FAKE = `http://127.0.0.1:${FAKE_PORT}`;
const BASE = `http://127.0.0.1:${SERVER_PORT}`;
const CODE = 'INVALID_PROPERTY_VALUE';
const KALEYRA = { accountId: 'kaleyra', channelId: '295XXXXXXXXXXXX' };

/** 8x8 and Kaleyra keyed and pointed at the fake; every other provider simulated in the server. */
const ENV = {
  EIGHTXEIGHT_API_KEY: 'e2e-index-8x8-key-Tq3',
  EIGHTXEIGHT_BASE_URL: `${FAKE}/8x8`,
  EIGHTXEIGHT_ACCOUNT_ID: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
  EIGHTXEIGHT_CHANNEL_IDS: 'ec36a867-3dd4-e911-814a-02d85f55fce8',
  KALEYRA_API_KEY: 'e2e-index-kaleyra-key-Wm8',
  KALEYRA_BASE_URL: `${FAKE}/kaleyra`,
  KALEYRA_SID: 'HXAP16XXXXXX97IN',
  KALEYRA_WABA_IDS: KALEYRA.channelId,
  FLOW_ASSET_HOSTS: `127.0.0.1:${FAKE_PORT}`,
  FLOWDESK_CONFIG: '',
  DATABASE_URL: '',
  SIMULATOR_FLOWS: '1',
  FAKE_FLOWS_PER_CHANNEL: '4',
};

const children: ChildProcess[] = [];
let dataDir: string;

async function start(args: string[], env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...ENV, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  children.push(child);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited: ${stderr}`);
    try {
      if ((await fetch(ready)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  children.splice(children.indexOf(child), 1);
}

const startFake = (faults = '') => start(['server/testing/serve-child.ts', 'fake'], { FAKE_PORT: String(FAKE_PORT), FAKE_FAULTS: faults }, `${FAKE}/__stats`);
const startServer = () => start(['server/main.ts'], { PORT: String(SERVER_PORT), FLOWDESK_DATA_DIR: dataDir, FLOWDESK_SYNC_INTERVAL_S: '5' }, `${BASE}/api/accounts`);

interface Account {
  id: string;
  provider: string;
  rateLimit: { requests: number; perMs: number };
  channels: { channelId: string }[];
}
interface ListPage {
  flows: { id: string }[];
  index?: { asOf: string | null; sync: { lastSuccessAt: string | null; lastError: { message: string } | null } };
}

const listOf = async (request: APIRequestContext, accountId: string, channelId: string) =>
  (await (await request.get(`${BASE}/api/accounts/${accountId}/channels/${channelId}/flows`)).json()) as ListPage;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-index-'));
});
test.afterAll(async () => {
  for (const child of [...children]) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
});

test('searching a validation error code lists exactly the flows with it, across providers; after a restart a failing provider’s flows stay listed', async ({ page, request }) => {
  test.setTimeout(360_000);
  const fake = await startFake();
  const server = await startServer();

  const accounts = (await (await request.get(`${BASE}/api/accounts`)).json()) as Account[];
  const channels = accounts.flatMap((a) => a.channels.map((c) => ({ account: a, channelId: c.channelId })));
  expect(new Set(accounts.map((a) => a.provider)).size).toBeGreaterThanOrEqual(5);
  // The background sync (every 5 s) indexes every channel.
  await expect
    .poll(async () => {
      const pages = await Promise.all(channels.map((c) => listOf(request, c.account.id, c.channelId)));
      return pages.filter((p) => p.index?.sync.lastSuccessAt).length;
    }, { timeout: 240_000, intervals: [1000] })
    .toBe(channels.length);

  // The truth, read live from each provider's details (accounts whose budget allows it:
  // 100 calls a minute or more), and the index's exact error-code filter for the others.
  const expected = new Set<string>();
  for (const { account, channelId } of channels) {
    const key = (flowId: string) => `${account.id}/${channelId}/${flowId}`;
    if ((account.rateLimit.requests * 60_000) / account.rateLimit.perMs >= 100) {
      for (const flow of (await listOf(request, account.id, channelId)).flows) {
        const detail = await request.get(`${BASE}/api/accounts/${account.id}/channels/${channelId}/flows/${flow.id}`);
        expect(detail.status(), key(flow.id)).toBe(200);
        const errors = ((await detail.json()) as { validationErrors: { code: string }[] }).validationErrors;
        if (errors.some((e) => e.code === CODE)) expected.add(key(flow.id));
      }
    } else {
      const exact = (await (await request.get(`${BASE}/api/search?code=${CODE}&account=${account.id}`)).json()) as { rows: { channelId: string; flow: { id: string } }[] };
      for (const r of exact.rows.filter((row) => row.channelId === channelId)) expected.add(key(r.flow.id));
    }
  }
  expect(expected.size).toBeGreaterThan(0);

  // The search page: free text, as support staff type it.
  await page.goto(`${BASE}/search`);
  await page.getByTestId('fleet-search').fill(CODE.toLowerCase());
  await expect(page).toHaveURL(new RegExp(`q=${CODE.toLowerCase()}`));
  await expect(page.getByTestId('search-count')).toHaveText(`Showing 1–${expected.size} of ${expected.size} flows`);
  const answer = (await (await request.get(`${BASE}/api/search?q=${CODE.toLowerCase()}`)).json()) as { rows: { accountId: string; channelId: string; provider: string; flow: { id: string } }[] };
  expect(new Set(answer.rows.map((r) => `${r.accountId}/${r.channelId}/${r.flow.id}`))).toEqual(expected);
  expect(new Set(answer.rows.map((r) => r.provider)).size).toBeGreaterThanOrEqual(3);
  // Every result links to its flow.
  const first = answer.rows[0]!;
  await expect(page.locator(`[data-flow-id="${first.flow.id}"]`).first()).toBeVisible();

  // Restart, with Kaleyra answering 500 to everything.
  const kaleyraFlows = (await listOf(request, KALEYRA.accountId, KALEYRA.channelId)).flows.map((f) => f.id).sort();
  expect(kaleyraFlows.length).toBeGreaterThan(0);
  await stop(server);
  await stop(fake);
  // (stopped by afterAll)
  await startFake('kaleyra=500');
  await startServer();
  await expect
    .poll(async () => (await listOf(request, KALEYRA.accountId, KALEYRA.channelId)).index?.sync.lastError?.message ?? '', { timeout: 60_000, intervals: [1000] })
    .toMatch(/HTTP 500/);
  const after = await listOf(request, KALEYRA.accountId, KALEYRA.channelId);
  expect(after.flows.map((f) => f.id).sort()).toEqual(kaleyraFlows);

  await page.goto(`${BASE}/accounts/${KALEYRA.accountId}/channels/${KALEYRA.channelId}`);
  await expect(page.locator(`[data-flow-id="${kaleyraFlows[0]}"]`)).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: 'is not answering' });
  await expect(alert).toContainText(/Showing the flows as of .+ \(\d+ (s|min) ago\)/);
  await expect(alert).toContainText('HTTP 500');
});
