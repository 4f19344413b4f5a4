/**
 * The screen map and preview on the built-in simulator: every screen on the map with its error
 * count, errors outlined on their components, selection shared with the problems panel and the URL.
 */
import { expect, test } from '@playwright/test';
import { channelPath, EIGHT_BY_EIGHT } from './fixtures';

/** 8x8 showcase flow: one screen SIGN_UP, errors on "TextHeadline" (0) and on a TextInput's "required" (1). */
const TWO_ERRORS = `${channelPath(EIGHT_BY_EIGHT)}/9000000000006`;

test('the map lists the screen with its error count and the preview outlines each erroneous component', async ({ page }) => {
  await page.goto(TWO_ERRORS);
  const node = page.locator('[data-screen-node="SIGN_UP"]');
  await expect(node).toHaveAttribute('data-error-count', '2');
  await expect(node).toContainText('2 errors');
  await expect(page.locator('[data-screen-node]')).toHaveCount(1);

  const first = page.locator('[data-preview-error="0"]');
  await expect(first).toBeVisible();
  await expect(first).toContainText('Unknown component: TextHeadline');
  await expect(first).toContainText('Error #1');
  await expect(page.locator('[data-preview-error="1"]')).toContainText('Vorname');
});

test('selecting an error in the problems panel selects its component; clicking a node puts the screen in the URL', async ({ page }) => {
  await page.goto(TWO_ERRORS);
  await page.getByTestId('problems-list').locator('[data-error-index="1"]').click();
  await expect(page.locator('[data-preview-error="1"]')).toBeInViewport();
  await page.locator('[data-screen-node="SIGN_UP"]').click();
  await expect(page).toHaveURL(/[?&]screen=SIGN_UP(&|$)/);
  await page.locator('[data-preview-error="0"]').click();
  await expect(page).toHaveURL(/[?&]error=0(&|$)/);
  await expect(page.locator('.cm-content .cm-flow-error-selected')).toHaveText('"TextHeadline"');
});
