import { expect, test } from '@playwright/test';
import { E2E_PORTS } from '../playwright.config';
import { channelPath, EIGHT_BY_EIGHT, flowPath, KALEYRA } from './fixtures';

test('a filtered, sorted view survives being copied into a new page', async ({ page, context }) => {
  await page.goto(channelPath(KALEYRA));
  await expect(page.getByTestId('flow-count')).toContainText(/Showing \d+ of \d+ flows$/);

  await page.getByTestId('flow-search').fill('e');
  await page.getByRole('group', { name: 'Status filter' }).getByText('DRAFT', { exact: true }).click();
  await page.getByRole('button', { name: /^Errors/ }).click();
  await page.getByRole('button', { name: /^Errors/ }).click();

  await expect(page).toHaveURL(/q=e/);
  await expect(page).toHaveURL(/status=DRAFT/);
  await expect(page).toHaveURL(/sort=errors&dir=desc/);
  const count = await page.getByTestId('flow-count').textContent();
  const firstRows = await page.locator('[data-flow-id]').evaluateAll((rows) => rows.slice(0, 5).map((r) => r.getAttribute('data-flow-id')));

  const copy = await context.newPage();
  await copy.goto(page.url());
  await expect(copy.getByTestId('flow-search')).toHaveValue('e');
  await expect(copy.getByRole('group', { name: 'Status filter' }).getByRole('checkbox', { name: 'DRAFT' })).toBeChecked();
  await expect(copy.getByTestId('flow-count')).toHaveText(count!);
  await expect(copy.getByRole('columnheader', { name: /Errors/ })).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(() => copy.locator('[data-flow-id]').evaluateAll((rows) => rows.slice(0, 5).map((r) => r.getAttribute('data-flow-id'))))
    .toEqual(firstRows);
  for (const status of await copy.locator('[data-flow-id] [data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
    expect(status).toBe('DRAFT');
  }
});

test('8x8 rows load their details lazily and say health is not exposed', async ({ page }) => {
  await page.goto(channelPath(EIGHT_BY_EIGHT));
  const seedRow = page.locator('[data-flow-id="822625023859371"]');
  // Details are paced within the budget, after the row has been on screen for a moment.
  await expect(seedRow).toContainText('OTHER', { timeout: 15_000 });
  await expect(seedRow).toContainText('1');
  await expect(seedRow.locator('[data-details="unavailable"]')).toHaveText('8x8 Chat Apps does not expose health');
});

test('a summary segment links to the filtered list', async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('channel-card').filter({ hasText: 'Kaleyra_ATU_STG' });
  await card.locator('[data-summary="status:PUBLISHED"]').click();
  await expect(page).toHaveURL(new RegExp(`${channelPath(KALEYRA)}\\?status=PUBLISHED$`));
  await expect(page.locator('[data-flow-id] [data-status]').first()).toHaveAttribute('data-status', 'PUBLISHED');
});

test('one provider failing does not stop the others from listing', async ({ page }) => {
  // Every other account keeps listing; the 8x8 seed flow is found by the search box.
  await page.goto(`http://127.0.0.1:${E2E_PORTS.faults}/flows?q=822625023859371`);
  const alert = page.getByRole('alert').filter({ hasText: 'Could not list Kaleyra' }).first();
  // Three attempts with back-off on the server, and one more from the browser, before it says so.
  await expect(alert).toContainText('Kaleyra failed (HTTP 503)', { timeout: 20_000 });
  await expect(alert).toContainText('WA-500');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.locator('[data-flow-id="822625023859371"]')).toBeVisible();
  await expect(page.getByTestId('flow-count')).toContainText(/Showing \d+ of \d+ flows/);
});

test('go to flow by id from anywhere with Ctrl+K', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /Go to flow/ })).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByLabel('Flow id').fill('1789XXXXXXXXXXXX');
  await page.getByRole('button', { name: 'Open flow' }).click();
  await expect(page).toHaveURL(new RegExp(`${flowPath(KALEYRA, '1789XXXXXXXXXXXX')}$`));
});
