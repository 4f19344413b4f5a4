import { expect, test, type Page } from '@playwright/test';
import { channelPath, EIGHT_BY_EIGHT, flowPath, KALEYRA } from './fixtures';

const MARKUP_NAME = '<img src=x onerror=alert(1)> (demo)';

function watchForScripts(page: Page) {
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { dialogs, cspViolations };
}

test('provider text that looks like HTML is shown as text and never runs', async ({ page }) => {
  const watch = watchForScripts(page);
  await page.goto(`${channelPath(EIGHT_BY_EIGHT)}?q=onerror`);
  await expect(page.getByRole('link', { name: MARKUP_NAME })).toBeVisible();
  await page.getByRole('link', { name: MARKUP_NAME }).click();
  await expect(page.getByRole('heading', { name: MARKUP_NAME })).toBeVisible();
  await expect(page.getByText('<script>alert("message")</script> is not a valid type').first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(await page.locator('img[src="x"], main script').count()).toBe(0);
  expect(watch.dialogs).toEqual([]);
});

test('the app works under its Content-Security-Policy', async ({ page }) => {
  const watch = watchForScripts(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByTestId('channel-card').first()).toBeVisible();
  await page.goto(channelPath(KALEYRA));
  await expect(page.locator('[data-flow-id]').first()).toBeVisible();
  await page.goto(flowPath(EIGHT_BY_EIGHT, '822625023859371'));
  await expect(page.locator('[data-flow-error="0"]').first()).toBeVisible();
  expect(watch.cspViolations).toEqual([]);
});

test('bad deep links explain themselves instead of showing a blank page', async ({ page }) => {
  // An old-style link whose account matches no configured account.
  await page.goto('/flows/8x8/not-a-guid/ec36a867-3dd4-e911-814a-02d85f55fce8');
  await expect(page.getByRole('alert')).toContainText('no configured account matches it');

  await page.goto('/accounts/nowhere/channels/b');
  await expect(page.getByRole('alert')).toContainText('Unknown account');

  await page.goto(flowPath(EIGHT_BY_EIGHT, 'not%20an%20id'));
  await expect(page.getByRole('alert').first()).toContainText('is not a valid id');

  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
