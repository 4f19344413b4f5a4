/**
 * A server with API keys, pointed (EIGHTXEIGHT_BASE_URL / KALEYRA_BASE_URL) at another host that
 * speaks the providers' wire formats: the dashboard uses it with the right auth headers, and no
 * key ever reaches the browser.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_KEYS, E2E_PORTS } from '../playwright.config';
import { channelPath, EIGHT_BY_EIGHT, KALEYRA } from './fixtures';

const BASE = `http://127.0.0.1:${E2E_PORTS.keyed}`;
const FAKE = `http://127.0.0.1:${E2E_PORTS.fakeUpstream}`;

interface FakeStats {
  byTarget: Record<string, number>;
  badAuth: number;
}

test('with keys set, the dashboard uses the configured base URLs with each provider’s auth header', async ({ page, request }) => {
  await request.get(`${FAKE}/__stats`); // reset the fake's counters
  await page.goto(`${BASE}/`);
  await expect(page.getByTestId('channel-card')).toHaveCount(2);
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);

  await page.goto(`${BASE}${channelPath(KALEYRA)}`);
  await expect(page.locator('[data-flow-id="1789XXXXXXXXXXXX"]')).toBeVisible();
  await page.goto(`${BASE}${channelPath(EIGHT_BY_EIGHT)}/822625023859371`);
  await expect(page.locator('[data-flow-error="0"]').first()).toHaveText('"Header"');

  const stats = (await (await request.get(`${FAKE}/__stats`)).json()) as FakeStats;
  expect(stats.byTarget['8x8']).toBeGreaterThan(0);
  expect(stats.byTarget.kaleyra).toBeGreaterThan(0);
  expect(stats.byTarget.cdn).toBeGreaterThan(0);
  expect(stats.badAuth).toBe(0);
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
  const seen = recordResponses(page);
  const visit = async (path: string, ready: () => Promise<void>) => {
    await page.goto(`${BASE}${path}`);
    await ready();
  };
  await visit('/', () => expect(page.getByTestId('channel-card').first()).toBeVisible());
  await visit('/flows', () => expect(page.locator('[data-flow-id]').first()).toBeVisible());
  await visit(channelPath(EIGHT_BY_EIGHT), () => expect(page.locator('[data-flow-id]').first()).toBeVisible());
  await page.waitForTimeout(1500); // lazy 8x8 details for the rows on screen
  await visit(`${channelPath(KALEYRA)}/1789XXXXXXXXXXXX`, () => expect(page.getByRole('heading', { name: 'Demo Flow Stage 6' })).toBeVisible());
  await visit(`${channelPath(EIGHT_BY_EIGHT)}/822625023859371`, () => expect(page.locator('[data-flow-error="0"]').first()).toBeVisible());
  // Failures carry provider text too: unknown flow, expired link, bad ids, unknown route.
  await visit(`${channelPath(EIGHT_BY_EIGHT)}/404404404`, () => expect(page.getByRole('alert').first()).toBeVisible());
  await visit(`${channelPath(KALEYRA)}/9100000000001`, () => expect(page.getByRole('alert').first()).toBeVisible());
  await visit('/flows/8x8/not-a-guid/x', () => expect(page.getByRole('alert').first()).toBeVisible());
  await visit('/no/such/page', () => expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible());
  await page.keyboard.press('Control+k');
  await expect(page.getByLabel('Flow id')).toBeVisible();

  const everything = seen.join('\n');
  expect(everything.length).toBeGreaterThan(100_000); // the bundle itself was inspected
  expect(everything).not.toContain(E2E_KEYS.eightByEight);
  expect(everything).not.toContain(E2E_KEYS.kaleyra);
});
