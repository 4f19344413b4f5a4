/**
 * A server configured by an accounts file (e2e/accounts.yaml): two 8x8 accounts with their own
 * keys, a Kaleyra, a Meta, a 360dialog, a Gupshup, an Infobip and an AWS account, all pointed at
 * another host that speaks each provider's wire format and refuses any request not signed with
 * that account's own key. Every account lists and opens its flows, errors highlight at their tokens
 * (an Infobip flow opens from its list item and its JSON, and says Infobip does not expose
 * validation errors), and no key ever reaches the browser.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_KEYS, E2E_PORTS } from '../playwright.config';
import { channelPath, flowPath } from './fixtures';

const BASE = `http://127.0.0.1:${E2E_PORTS.keyed}`;
const FAKE = `http://127.0.0.1:${E2E_PORTS.fakeUpstream}`;

interface FakeStats {
  byTarget: Record<string, number>;
  badAuth: number;
}

/** Each account, a channel of it, and a flow with errors: its first error's token (null where the provider reports no errors). */
const ACCOUNTS = [
  { accountId: 'retail-eu', channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8', listed: '822625023859371', flow: '822625023859371', token: '"Header"' },
  { accountId: 'retail-us', channelId: '4b1d9a0c-77e2-4c3b-9f61-2a5e8d0c1f7a', listed: '822625023859371', flow: '9000000000006', token: '"TextHeadline"' },
  { accountId: 'kaleyra-in', channelId: '295XXXXXXXXXXXX', listed: '1789XXXXXXXXXXXX', flow: '9100000000006', token: '"TextHeadline"' },
  { accountId: 'meta-direct', channelId: '102290129340398', listed: '9200000000001', flow: '9200000000006', token: '"TextHeadline"' },
  { accountId: 'd360-shop', channelId: 'waba', listed: '9300000000001', flow: '9300000000006', token: '"TextHeadline"' },
  { accountId: 'gs-app', channelId: '5f2b0c3e-1a2b-4c3d-9e8f-0a1b2c3d4e5f', listed: '460001903531489', flow: '9400000000006', token: '"TextHeadline"' },
  { accountId: 'ib-main', channelId: '447860099299', listed: '9500000000001', flow: '9500000000006', token: null },
  { accountId: 'aws-eu', channelId: 'waba-0123456789abcdef0123456789abcdef', listed: '9600000000001', flow: '9600000000006', token: '"TextHeadline"' },
] as const satisfies readonly { accountId: string; channelId: string; listed: string; flow: string; token: string | null }[];

test('every account of the file lists and opens its flows, each call signed with its own key', async ({ page, request }) => {
  // A list page and a flow page per account: more than the default 30 s on 2 shared cores.
  test.setTimeout(15_000 * ACCOUNTS.length);
  await request.get(`${FAKE}/__stats`); // reset the fake's counters
  await page.goto(`${BASE}/`);
  await expect(page.getByTestId('account')).toHaveCount(ACCOUNTS.length);
  await expect(page.getByTestId('channel-card')).toHaveCount(ACCOUNTS.length);
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  await expect(page.locator('[data-account-id="retail-us"]')).toContainText('Retail US');
  await expect(page.locator('[data-account-id="retail-us"]')).toContainText('live');

  for (const account of ACCOUNTS) {
    await page.goto(`${BASE}${channelPath(account)}`);
    await expect(page.locator(`[data-flow-id="${account.listed}"]`)).toBeVisible();
    await page.goto(`${BASE}${flowPath(account, account.flow)}`);
    if (account.token) {
      await expect(page.locator('.cm-content [data-flow-error="0"]').first(), account.accountId).toHaveText(account.token);
    } else {
      // Built from its list item, with its JSON from the provider's API; never called clean.
      await expect(page.getByRole('heading', { name: 'Non-ASCII labels with errors (demo)' })).toBeVisible();
      await expect(page.locator('.cm-content')).toContainText('"version"');
      await expect(page.getByTestId('errors-not-exposed')).toHaveText(/^Infobip does not expose a flow’s current validation errors/);
      await expect(page.locator('[data-verdict]')).toContainText('Infobip does not expose a flow’s current validation errors');
      await expect(page.getByText(/reports no validation errors/)).toHaveCount(0);
    }
  }

  const stats = (await (await request.get(`${FAKE}/__stats`)).json()) as FakeStats;
  for (const account of ACCOUNTS) {
    expect(stats.byTarget[account.accountId], account.accountId).toBeGreaterThan(0);
    // Flow JSON from a CDN, except where the provider serves it from its own API.
    if (account.token) expect(stats.byTarget[`${account.accountId} cdn`], `${account.accountId} cdn`).toBeGreaterThan(0);
    else expect(stats.byTarget[`${account.accountId} cdn`], `${account.accountId} cdn`).toBeUndefined();
  }
  // The fake answers 401 to any call not signed with exactly the account's own key.
  expect(stats.badAuth).toBe(0);
});

test('AWS’s string validation errors are all shown, and placed where they name a line or a path', async ({ page }) => {
  const aws = ACCOUNTS.find((a) => a.accountId === 'aws-eu')!;
  await page.goto(`${BASE}${flowPath(aws, aws.flow)}`);
  // The first string names a line and columns, the second a $root/… path: both highlight their token.
  await expect(page.locator('.cm-content [data-flow-error="0"]').first()).toHaveText('"TextHeadline"');
  await expect(page.locator('.cm-content [data-flow-error="1"]').first()).toHaveText('"yes"');
  await expect(page.getByText("INVALID_PROPERTY_VALUE: Invalid value found for property 'type'. (line 1, columns", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Property 'required' must be a boolean. Path: $root/screens/0/layout/children/0/children/1/required").first()).toBeVisible();
});

/** Everything the browser receives on a page: every response's headers and text body. */
function recordResponses(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', async (response) => {
    seen.push(JSON.stringify(response.headers()));
    try {
      seen.push(await response.text());
    } catch {
      // Redirects and aborted requests have no body.
    }
  });
  return seen;
}

test('no key appears anywhere the browser can see, on any page or failure', async ({ page }) => {
  test.setTimeout(60_000); // ten pages of six accounts, several of them failures with retries
  const seen = recordResponses(page);
  const visit = async (path: string, ready: () => Promise<void>) => {
    await page.goto(`${BASE}${path}`);
    await ready();
  };
  const [eu, , kaleyra] = ACCOUNTS;
  await visit('/', () => expect(page.getByTestId('channel-card').first()).toBeVisible());
  await visit('/flows', () => expect(page.locator('[data-flow-id]').first()).toBeVisible());
  await visit(channelPath(eu), () => expect(page.locator('[data-flow-id]').first()).toBeVisible());
  await page.waitForTimeout(1500); // lazy 8x8 details for the rows on screen
  await visit(flowPath(kaleyra, '1789XXXXXXXXXXXX'), () => expect(page.getByRole('heading', { name: 'Demo Flow Stage 6' })).toBeVisible());
  await visit(flowPath(eu, '822625023859371'), () => expect(page.locator('[data-flow-error="0"]').first()).toBeVisible());
  // Failures carry provider text too: unknown flow, expired link, bad ids, unknown route.
  await visit(flowPath(eu, '404404404'), () => expect(page.getByRole('alert').first()).toBeVisible());
  await visit(flowPath(kaleyra, '9100000000001'), () => expect(page.getByRole('alert').first()).toBeVisible());
  await visit(flowPath(ACCOUNTS[3], '404404404'), () => expect(page.getByRole('alert').first()).toBeVisible());
  await visit('/accounts/not-an-account/channels/x', () => expect(page.getByRole('alert').first()).toBeVisible());
  await visit('/no/such/page', () => expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible());
  await page.keyboard.press('Control+k');
  await expect(page.getByLabel('Flow id')).toBeVisible();

  const everything = seen.join('\n');
  expect(everything.length).toBeGreaterThan(100_000); // the bundle itself was inspected
  for (const key of Object.values(E2E_KEYS)) expect(everything).not.toContain(key);
});
