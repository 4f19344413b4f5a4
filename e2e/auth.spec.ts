/**
 * Sign-in in Chromium against a real OpenID Connect provider (server/testing/serve-idp.ts) with
 * users in different groups, and the app's access rules (e2e/auth/accounts.yaml): alice is in
 * group support-retail (Retail EU), bob is matched by email (Kaleyra India), carol is an admin,
 * dave has no rule.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { AUTH_PORTS, E2E_PORTS } from '../playwright.config';
import { REQUEST_HEADER } from '../src/model/request-header';
import { SearchResultSchema } from '../src/model/search';

const APP = `http://127.0.0.1:${AUTH_PORTS.app}`;
const IDP = `http://127.0.0.1:${AUTH_PORTS.idp}`;
const RETAIL_EU = { accountId: 'retail-eu', channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8' };
const KALEYRA_IN = { accountId: 'kaleyra-in', channelId: '295XXXXXXXXXXXX' };
const FLOW_8X8 = '822625023859371';
const FLOW_KALEYRA = '1789XXXXXXXXXXXX';
const flowLink = (c: { accountId: string; channelId: string }, flow: string) => `${APP}/accounts/${c.accountId}/channels/${c.channelId}/flows/${flow}`;

/** On the identity provider's sign-in page: type the user name and sign in. */
async function signInAtProvider(page: Page, user: string) {
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  await page.getByLabel('User name').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signedIn(page: Page, user: string, path = '/') {
  await page.goto(`${APP}${path}`);
  await signInAtProvider(page, user);
  await expect(page).toHaveURL(`${APP}${path}`);
}

test('a deep link goes through sign-in and comes back to the same flow; sign-out ends the session', async ({ page }) => {
  const deepLink = `${flowLink(RETAIL_EU, FLOW_8X8)}?q=x`;
  await page.goto(deepLink);
  await signInAtProvider(page, 'alice');
  await expect(page).toHaveURL(deepLink);
  await expect(page.getByRole('heading', { name: 'Example flow' })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Alice Adams');
  // Signed in, there is no mode banner.
  await expect(page.getByRole('complementary', { name: 'Mode' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  // The identity provider asks to confirm its own sign-out, then sends the browser back.
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(`${APP}/auth/signed-out`);
  await expect(page.getByRole('heading', { name: 'You have signed out' })).toBeVisible();
  // The API no longer answers, and the next page load asks to sign in again.
  expect((await page.request.get(`${APP}/api/accounts`)).status()).toBe(401);
  await page.goto(`${APP}/`);
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
});

test('each user sees exactly their accounts; a forbidden deep link says so', async ({ page }) => {
  await signedIn(page, 'alice');
  await expect(page.locator('[data-testid="account"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="account"]')).toHaveAttribute('data-account-id', 'retail-eu');
  await page.goto(flowLink(KALEYRA_IN, FLOW_KALEYRA));
  await expect(page.getByRole('alert').first()).toContainText('You have no access to this account');
  await expect(page.getByText('Demo Flow Stage 6')).toHaveCount(0);
  // Same answer for a flow that does not exist.
  await page.goto(flowLink(KALEYRA_IN, '999999999999999'));
  await expect(page.getByRole('alert').first()).toContainText('You have no access to this account');
  // No audit page for alice.
  await expect(page.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await page.goto(`${APP}/admin/audit`);
  await expect(page.getByText('Only Flow Desk admins can read the audit trail')).toBeVisible();
});

test('search, its results and its counts show each user only their accounts', async ({ page, browser }) => {
  await signedIn(page, 'carol');
  // Index both channels (the sync of this server is started on request only).
  for (const c of [RETAIL_EU, KALEYRA_IN]) {
    expect((await page.request.post(`${APP}/api/accounts/${c.accountId}/channels/${c.channelId}/sync`, { headers: REQUEST_HEADER })).status()).toBe(202);
  }
  const counts = async (p: Page) => {
    const result = SearchResultSchema.parse(await (await p.request.get(`${APP}/api/search`)).json());
    return Object.fromEntries((result.facets.account ?? []).map((f) => [f.value, f.count]));
  };
  // Both accounts indexed, and the counts settled (the same twice in a row).
  let everything: Record<string, number> = {};
  await expect
    .poll(
      async () => {
        const before = JSON.stringify(everything);
        everything = await counts(page);
        return JSON.stringify(everything) === before ? Object.keys(everything).sort() : [];
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toEqual(['kaleyra-in', 'retail-eu']);
  const retail = everything['retail-eu']!.toLocaleString('en-US');
  await page.goto(`${APP}/search`);
  await expect(page.getByRole('group', { name: 'Account filter' })).toContainText('kaleyra-in');

  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signedIn(alice, 'alice', '/search');
  const accountsShown = alice.getByRole('group', { name: 'Account filter' });
  await expect(accountsShown).toContainText(`retail-eu (${retail})`);
  await expect(accountsShown).not.toContainText('kaleyra-in');
  await expect(alice.getByTestId('search-count')).toContainText(`of ${retail} flows`);
  // Asking for the other account by its id finds nothing.
  await alice.goto(`${APP}/search?account=kaleyra-in`);
  await expect(alice.getByTestId('search-count')).toHaveText('No flow matches.');
  expect(await counts(alice)).toEqual({ 'retail-eu': everything['retail-eu'] });
  await aliceContext.close();
});

test('a signed-in user without any rule is told whom to ask, and sees no account', async ({ page }) => {
  await signedIn(page, 'dave');
  await expect(page.getByRole('heading', { name: 'You have no access yet' })).toBeVisible();
  await expect(page.getByTestId('no-access')).toContainText('Ask carol@example.com to give you access.');
  await expect(page.getByTestId('no-access')).not.toContainText('retail-eu');
  await expect(page.getByTestId('account')).toHaveCount(0);
});

test("the admin's audit page lists other users' flow openings, with filters in the URL and a CSV export", async ({ page, browser }) => {
  // bob opens a Kaleyra flow and downloads its JSON, in his own browser.
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signedIn(bob, 'bob', `/accounts/${KALEYRA_IN.accountId}/channels/${KALEYRA_IN.channelId}/flows/${FLOW_KALEYRA}`);
  await expect(bob.getByRole('heading', { name: 'Demo Flow Stage 6' })).toBeVisible();

  await signedIn(page, 'carol');
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(`${APP}/admin/audit`);
  await page.getByLabel('User (email)').fill('bob@example.com');
  await page.getByLabel('Flow id').fill(FLOW_KALEYRA);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(`${APP}/admin/audit?user=bob%40example.com&flow=${FLOW_KALEYRA}`);
  const opened = page.locator('[data-testid="audit-row"][data-action="flow_opened"]');
  await expect(opened.first()).toContainText('bob@example.com');
  await expect(opened.first()).toContainText('kaleyra-in');
  await expect(opened.first()).toContainText(FLOW_KALEYRA);
  await expect(page.locator('[data-testid="audit-row"]').first()).toBeVisible();
  const actions = await page.locator('[data-testid="audit-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  expect(actions).toContain('flow_json_downloaded');

  // Reloading keeps the filters (they live in the URL).
  await page.reload();
  await expect(page.getByLabel('User (email)')).toHaveValue('bob@example.com');

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloading;
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('time,action,user,account,channel,flow,address,detail');
  expect(csv).toContain(`,flow_opened,bob@example.com,kaleyra-in,${KALEYRA_IN.channelId},${FLOW_KALEYRA},`);

  // The admin signs bob out everywhere: his browser's session no longer answers.
  expect((await bob.request.get(`${APP}/api/session`)).status()).toBe(200);
  await page.getByRole('button', { name: 'Sign bob@example.com out everywhere' }).click();
  await expect(page.getByRole('status').filter({ hasText: /sessions? ended\./ })).toBeVisible();
  expect((await bob.request.get(`${APP}/api/session`)).status()).toBe(401);
  await bobContext.close();
});

test('"Copy for ticket" is recorded in the audit trail', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP });
  await signedIn(page, 'carol', `/accounts/${RETAIL_EU.accountId}/channels/${RETAIL_EU.channelId}/flows/${FLOW_8X8}`);
  await page.getByRole('button', { name: 'Copy for ticket' }).click();
  await expect(page.getByText('✓ Copied')).toBeVisible();
  await page.goto(`${APP}/admin/audit?user=carol%40example.com&flow=${FLOW_8X8}`);
  await expect(page.locator('[data-testid="audit-row"][data-action="flow_copied_for_ticket"]').first()).toBeVisible();
});

test('without sign-in on a network, every page has a red banner; on loopback, a local-mode note', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${AUTH_PORTS.anonymous}/`);
  await expect(page.getByTestId('anonymous-banner')).toBeVisible();
  // Red: a strong red channel, weak green and blue.
  const [r, g, b] = (await page.getByTestId('anonymous-banner').evaluate((el) => getComputedStyle(el).backgroundColor)).match(/\d+/g)!.map(Number);
  expect(r! > 180 && g! < 90 && b! < 90).toBe(true);
  await page.goto(`http://127.0.0.1:${AUTH_PORTS.anonymous}/flows`);
  await expect(page.getByTestId('anonymous-banner')).toBeVisible();
  await page.goto(`http://127.0.0.1:${E2E_PORTS.simulator}/`);
  await expect(page.getByText('Local mode: only this computer can open Flow Desk')).toBeVisible();
});

test('a request for another Host is refused with 421', async ({ request }) => {
  const response = await request.get(`${APP}/api/accounts`, { headers: { Host: 'evil.example' } });
  expect(response.status()).toBe(421);
});
