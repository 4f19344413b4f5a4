/**
 * The flow detail page on the built-in simulator: errors highlighted at their tokens in the
 * downloaded JSON, selection in the URL, the format toggle, the JSON failure states, the
 * "can it send" verdict and the ticket text.
 */
import { expect, test, type Page } from '@playwright/test';
import { EIGHT_BY_EIGHT, KALEYRA, flowPath } from './fixtures';

/** 8x8 showcase flow: minified, non-ASCII labels, two errors ("TextHeadline" and "yes"). */
const TWO_ERRORS = flowPath(EIGHT_BY_EIGHT, '9000000000006');

const mark = (page: Page, index: number) => page.locator(`.cm-content [data-flow-error="${index}"]`);
const selectedMark = (page: Page) => page.locator('.cm-content .cm-flow-error-selected');
const errorRow = (page: Page, index: number) => page.getByTestId('problems-list').locator(`[data-error-index="${index}"]`);

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('highlights each error at its token; a copied link to the second error opens with it selected', async ({ page, context }) => {
  await page.goto(TWO_ERRORS);
  await expect(page.getByRole('heading', { name: 'Non-ASCII labels with errors (demo)' })).toBeVisible();
  await expect(mark(page, 0)).toHaveText('"TextHeadline"');
  await expect(mark(page, 1)).toHaveText('"yes"');
  await expect(page.getByTestId('placement-summary')).toHaveText('2 of 2 errors highlighted');

  await errorRow(page, 1).click();
  await expect(page).toHaveURL(/[?&]error=1(&|$)/);
  await expect(errorRow(page, 1)).toHaveAttribute('aria-current', 'true');
  await expect(selectedMark(page)).toHaveText('"yes"');

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: '✓ Copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());

  const shared = await context.newPage();
  await shared.goto(link);
  await expect(selectedMark(shared)).toHaveText('"yes"');
  await expect(selectedMark(shared)).toBeInViewport();
  await expect(errorRow(shared, 1)).toHaveAttribute('aria-current', 'true');
});

test('the seed flow: 8x8 columns 84–92 highlight the token "Header"', async ({ page }) => {
  await page.goto(flowPath(EIGHT_BY_EIGHT, '822625023859371'));
  await expect(mark(page, 0)).toHaveText('"Header"');
  await expect(errorRow(page, 0)).toContainText('Reported at line 1, columns 84–92');
  await expect(errorRow(page, 0)).toContainText('exact token');
  await expect(page.getByTestId('verdict-headline')).toHaveText('Only in draft mode: it can be sent for testing, not to customers.');
  await expect(page.getByText(/8x8 Chat Apps does not report health status/)).toBeVisible();
});

test('formatting a minified flow keeps the same tokens highlighted, and is part of the URL', async ({ page }) => {
  await page.goto(TWO_ERRORS);
  await expect(mark(page, 1)).toHaveText('"yes"');
  await page.getByText('Formatted', { exact: true }).click();
  await expect(page).toHaveURL(/view=formatted/);
  await expect(page.locator('.cm-content .cm-line')).not.toHaveCount(1);
  await expect(mark(page, 0)).toHaveText('"TextHeadline"');
  await expect(mark(page, 1)).toHaveText('"yes"');
  await expect(errorRow(page, 1)).toContainText('formatted: line 24');

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Formatted' })).toBeChecked();
  await expect(mark(page, 1)).toHaveText('"yes"');
});

test('F8 and Shift+F8 in the editor step through the errors, and the URL follows', async ({ page }) => {
  await page.goto(TWO_ERRORS);
  await expect(mark(page, 0)).toBeVisible();
  // Focus, not a click: the editor may be scrolled to the first error, its top corner under the sticky header.
  await page.locator('.cm-content').focus();
  await page.keyboard.press('F8');
  await expect(selectedMark(page)).toHaveText('"TextHeadline"');
  await expect(page).toHaveURL(/error=0/);
  await page.keyboard.press('F8');
  await expect(selectedMark(page)).toHaveText('"yes"');
  await expect(page).toHaveURL(/error=1/);
  await page.keyboard.press('Shift+F8');
  await expect(page).toHaveURL(/error=0/);
});

test('the JSON failure states say what happened, and never leave a blank panel', async ({ page }) => {
  await page.goto(flowPath(EIGHT_BY_EIGHT, '9000000000001'));
  const expired = page.getByRole('alert').filter({ hasText: 'Flow JSON link expired' });
  await expect(expired).toContainText('the fresh link it gave also failed');
  await expect(expired.getByRole('button', { name: 'Retry' })).toBeVisible();

  await page.goto(flowPath(EIGHT_BY_EIGHT, '9000000000002'));
  await expect(page.getByTestId('syntax-error')).toContainText('at line 1, column');
  await expect(page.locator('.cm-content [data-flow-error="-1"]')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Formatted' })).toBeDisabled();

  await page.goto(flowPath(KALEYRA, '9100000000003'));
  await expect(page.getByRole('alert').filter({ hasText: 'Flow JSON too large' })).toContainText('larger than 10 MB');
  await expect(page.getByText(/Meta accepts flow JSON of at most 10 MB/)).toBeVisible();

  await page.goto(flowPath(KALEYRA, '9100000000004'));
  await expect(page.getByText('No flow JSON', { exact: true })).toBeVisible();
});

test('a blocked Kaleyra flow says it cannot send, why, and links the possible solution', async ({ page }) => {
  await page.goto(flowPath(KALEYRA, '5500000000000001'));
  const verdict = page.getByRole('region', { name: 'Can this flow send right now' });
  await expect(verdict).toHaveAttribute('data-verdict', 'no');
  await expect(verdict).toContainText('No: this flow cannot be sent now.');
  await expect(verdict).toContainText('FLOW 5500000000000001 is BLOCKED');
  await expect(verdict).toContainText('endpoint_uri: You need to set the endpoint URI');
  await expect(verdict.getByRole('link', { name: /Possible solution/ }).first()).toHaveAttribute('href', /^https:\/\/developers\.facebook\.com\//);
  await expect(page.getByRole('table', { name: 'Health entities' })).toContainText('Your app is not subscribed');
});

test('"Copy for ticket" copies a plain-text summary with each error, its location and snippet', async ({ page }) => {
  await page.goto(TWO_ERRORS);
  await expect(mark(page, 1)).toHaveText('"yes"');
  await page.getByRole('button', { name: 'Copy for ticket' }).click();
  await expect(page.getByRole('button', { name: '✓ Copied' })).toBeVisible();
  const ticket = await page.evaluate(() => navigator.clipboard.readText());
  expect(ticket).toContain('Provider: 8x8 Chat Apps');
  expect(ticket).toContain('Account: 8x8 Chat Apps (8x8, 5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9)');
  expect(ticket).toContain('Flow id: 9000000000006');
  expect(ticket).toContain('Status: DRAFT');
  expect(ticket).toContain('Validation errors: 2 (INVALID_PROPERTY_VALUE ×2)');
  expect(ticket).toMatch(/In the flow JSON: line 1, columns \d+–\d+ \(exact token\): "TextHeadline"/);
  expect(ticket).toMatch(/In the flow JSON: line 1, columns \d+–\d+ \(exact token\): "yes"/);
});
