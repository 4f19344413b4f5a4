/**
 * Flow history, end to end: a Flow Desk server (its own index) in front of the fake upstream.
 * Between two syncs a flow's status changes and one label of its flow JSON is edited on the
 * "provider"; then the flow's history shows both statuses with times, the comparison with the
 * previous version marks only the edited line (old under data-diff="removed", new under
 * data-diff="added"), the Changes page filtered to the new status lists the flow, and a deep link
 * to that comparison opens the same view after the server restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REQUEST_HEADER } from '../src/model/request-header';
import { channelPath, EIGHT_BY_EIGHT, flowPath } from './fixtures';

const PORTS = { fake: 4340, server: 4341 } as const;
const FAKE = `http://127.0.0.1:${PORTS.fake}`;
const BASE = `http://127.0.0.1:${PORTS.server}`;
const CHANNEL = EIGHT_BY_EIGHT;
const CHANNEL_PATH = channelPath(CHANNEL);
/** One keyed 8x8 account on the fake upstream (the environment shorthand), the same for the fake and the server. */
const ENV = {
  EIGHTXEIGHT_API_KEY: 'e2e-history-8x8-key-Tn40Qa',
  EIGHTXEIGHT_BASE_URL: `${FAKE}/${CHANNEL.accountId}`,
  EIGHTXEIGHT_ACCOUNT_ID: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
  EIGHTXEIGHT_CHANNEL_IDS: CHANNEL.channelId,
  KALEYRA_API_KEY: '',
  FLOW_ASSET_HOSTS: `127.0.0.1:${PORTS.fake}`,
  FAKE_PORT: String(PORTS.fake),
  FAKE_FLOWS_PER_CHANNEL: '4',
};

interface FakeFlow {
  id: string;
  name: string;
  status: string;
  json: string;
}

let fakeProcess: ChildProcess | null = null;
let server: ChildProcess | null = null;
let dataDir: string;
let flow: FakeFlow;
let oldStatus: string;
let oldJson: string;

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer.`);
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...ENV, ...env }, stdio: 'ignore' });
}

async function startServer(): Promise<void> {
  server = start(['server/main.ts'], { PORT: String(PORTS.server), FLOWDESK_DATA_DIR: dataDir, FLOWDESK_SYNC_INTERVAL_S: '0', SIMULATOR_CHANGE_EVERY_S: '0' });
  await waitFor(`${BASE}/api/accounts`);
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The "provider" side: pick a flow, or change it (status and/or one label of its JSON). */
async function fakeFlow(path: string, method = 'GET'): Promise<FakeFlow> {
  const response = await fetch(`${FAKE}${path}`, { method });
  expect(response.status).toBe(200);
  return (await response.json()) as FakeFlow;
}

async function history(): Promise<{ kind: string; to: string | null }[]> {
  const response = await fetch(`${BASE}/api${flowPath(CHANNEL, flow.id)}/history`);
  return response.ok ? ((await response.json()) as { entries: { kind: string; to: string | null }[] }).entries : [];
}

/** Whether the channel's last sync has finished (none under way). */
async function syncIdle(): Promise<boolean> {
  const response = await fetch(`${BASE}/api${CHANNEL_PATH}/flows`);
  if (!response.ok) return false;
  const sync = ((await response.json()) as { index?: { sync: { running: unknown; lastSuccessAt: string | null } } }).index?.sync;
  return Boolean(sync && sync.running === null && sync.lastSuccessAt);
}

/**
 * Syncs the channel until the flow's history has what `done` looks for and the sync has finished
 * ("Sync now" joins a sync under way, so it is asked again until one has recorded it).
 */
async function syncUntil(done: (entries: { kind: string; to: string | null }[]) => boolean): Promise<void> {
  await expect
    .poll(
      async () => {
        if (done(await history()) && (await syncIdle())) return true;
        const started = await fetch(`${BASE}/api/accounts/${CHANNEL.accountId}/channels/${CHANNEL.channelId}/sync`, { method: 'POST', headers: REQUEST_HEADER });
        expect(started.status).toBe(202);
        return false;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(join(tmpdir(), 'flowdesk-e2e-history-'));
  fakeProcess = start(['server/testing/serve-child.ts', 'fake'], {});
  await waitFor(`${FAKE}/__stats`);
  await startServer();
  flow = await fakeFlow(`/__flow?account=${CHANNEL.accountId}&channel=${CHANNEL.channelId}`);
  oldStatus = flow.status;
  oldJson = flow.json;
  await syncUntil((entries) => entries.some((e) => e.kind === 'first_seen'));
  // The "provider" changes the flow: a new status, and one label of its flow JSON reworded.
  flow = await fakeFlow(`/__change?account=${CHANNEL.accountId}&channel=${CHANNEL.channelId}&flow=${flow.id}&status=BLOCKED&editJson=1`, 'POST');
  await syncUntil((entries) => entries.some((e) => e.kind === 'status') && entries.some((e) => e.kind === 'json'));
});

test.afterAll(async () => {
  await stop(server);
  await stop(fakeProcess);
  rmSync(dataDir, { recursive: true, force: true });
});

test('the history shows both statuses with times, and the comparison with the previous version marks only the edited label', async ({ page }) => {
  await page.goto(`${BASE}${flowPath(CHANNEL, flow.id)}?view=history`);
  const list = page.getByRole('list', { name: 'Changes, newest first' });
  await expect(list.getByRole('listitem').filter({ hasText: 'BLOCKED' }).first()).toBeVisible({ timeout: 15_000 });
  await expect(list.getByRole('listitem').filter({ hasText: oldStatus }).first()).toBeVisible();
  await expect(list.getByRole('listitem').first()).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);

  await page.getByRole('button', { name: /Compare with the previous version/ }).click();
  await expect(page).toHaveURL(/view=diff/);
  const removed = page.locator('[data-diff="removed"]');
  const added = page.locator('[data-diff="added"]');
  await expect(added.first()).toBeVisible({ timeout: 15_000 });
  // The one line that differs between the provider's two texts.
  const before = oldJson.split('\n');
  const changed = flow.json.split('\n').findIndex((line, i) => line !== before[i]);
  const newTitle = /"title": "([^"]+)"/.exec(flow.json.split('\n')[changed]!)![1]!;
  const oldTitle = /"title": "([^"]+)"/.exec(before[changed]!)![1]!;
  await expect(added.filter({ hasText: newTitle }).first()).toBeVisible();
  await expect(removed.filter({ hasText: `"${oldTitle}"` }).first()).toBeVisible();
  // Only that line changed: every marked line is the title's, on either side.
  const marked = [...(await removed.allTextContents()), ...(await added.allTextContents())].map((t) => t.trim()).filter(Boolean);
  expect(marked.length).toBeGreaterThan(0);
  expect(marked.every((t) => t.includes(oldTitle) || t.includes(newTitle) || newTitle.includes(t) || oldTitle.includes(t))).toBe(true);

  // The two whole documents, in the merge view: the same line marked on each side.
  await page.getByText('Whole documents').click();
  await expect(page).toHaveURL(/whole=1/);
  await expect(page.locator('.cm-merge-b [data-diff="added"]').filter({ hasText: newTitle }).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.cm-merge-a [data-diff="removed"]').filter({ hasText: oldTitle }).first()).toBeVisible();
});

test('the Changes page filtered to the new status lists the flow', async ({ page }) => {
  await page.goto(`${BASE}/changes?since=24h&kind=status&toStatus=BLOCKED`);
  await expect(page.getByText(flow.name).first()).toBeVisible({ timeout: 15_000 });
});

test('a deep link to the comparison opens the same view after a restart', async ({ page }) => {
  await page.goto(`${BASE}${flowPath(CHANNEL, flow.id)}?view=history`);
  await page.getByRole('button', { name: /Compare with the previous version/ }).click();
  await expect(page.locator('[data-diff="added"]').first()).toBeVisible({ timeout: 15_000 });
  const link = page.url();
  await stop(server);
  await startServer();
  await page.goto(link);
  await expect(page.locator('[data-diff="added"]').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('[data-diff="removed"]').first()).toBeVisible();
});
