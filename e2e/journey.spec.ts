/** The foundation's journey: channels → flow list → flow detail with its JSON → the copied link reloads the same view. */
import { expect, test } from '@playwright/test';

test('list → detail → reload of a copied deep link', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('demo-badge')).toContainText('simulated');
  await page.getByRole('link', { name: 'Retail support' }).click();
  await expect(page).toHaveURL(/\/accounts\/8x8\/channels\/ec36a867-3dd4-e911-814a-02d85f55fce8$/);

  const row = page.locator('[data-flow-id="822625023859371"]');
  await expect(row.locator('[data-status]')).toHaveText(/DRAFT/);
  await row.getByRole('link', { name: 'Example flow' }).click();

  await expect(page.getByRole('heading', { name: 'Example flow' })).toBeVisible();
  await expect(page.getByText('OTHER').first()).toBeVisible();
  // The downloaded flow JSON, shown in the viewer with the seed's error highlighted.
  await expect(page.locator('.cm-content')).toContainText('"SingleColumnLayout"');
  await expect(page.locator('[data-flow-error="0"]').first()).toHaveText('"Header"');

  const copy = await context.newPage();
  await copy.goto(page.url());
  await expect(copy.getByRole('heading', { name: 'Example flow' })).toBeVisible();
  await expect(copy.locator('[data-flow-error="0"]').first()).toHaveText('"Header"');
});

test('an old deep link (/flows/<provider>/<account GUID>/<channel>/<flow>) opens the same flow under its account', async ({ page }) => {
  await page.goto('/flows/8x8/5F3E2A1B9C8D4E7FA6B5C4D3E2F1A0B9/ec36a867-3dd4-e911-814a-02d85f55fce8/822625023859371?error=0');
  await expect(page).toHaveURL(/\/accounts\/8x8\/channels\/ec36a867-3dd4-e911-814a-02d85f55fce8\/flows\/822625023859371\?error=0$/);
  await expect(page.getByRole('heading', { name: 'Example flow' })).toBeVisible();
  await page.goto('/flows/kaleyra/HXAP16XXXXXX97IN/295XXXXXXXXXXXX');
  await expect(page).toHaveURL(/\/accounts\/kaleyra\/channels\/295XXXXXXXXXXXX$/);
  await expect(page.locator('[data-flow-id="1789XXXXXXXXXXXX"]')).toBeVisible();
});

test('8x8 hands out a preview link by a call of its own, asked for on request', async ({ page }) => {
  await page.goto('/flows/8x8/5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9/ec36a867-3dd4-e911-814a-02d85f55fce8/1145805540595505');
  await page.getByRole('button', { name: 'Get preview link' }).click();
  await expect(page.getByRole('link', { name: /Open preview/ })).toHaveAttribute('href', /^https:\/\/business\.facebook\.com\/wa\/manage\/flows\/1145805540595505\/preview\//);
});
