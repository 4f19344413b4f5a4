/**
 * The screen map and preview on the built-in simulator: every screen on the map with its error
 * count, errors outlined on their components, selection shared with the problems panel and the
 * URL, and nothing from the flow JSON run.
 */
import { expect, test, type Page } from '@playwright/test';
import { EIGHT_BY_EIGHT, flowPath } from './fixtures';

/** 8x8 showcase flow: one screen SIGN_UP, errors on "TextHeadline" (0) and on a TextInput's "required" (1). */
const TWO_ERRORS = flowPath(EIGHT_BY_EIGHT, '9000000000006');
/**
 * 8x8 showcase flow with errors inside components: on DETAILS a misspelt type (0, "TextAreaa"
 * labelled "Delivery notes"), a TextInput's input-type (1, "Full name"), a Dropdown's label (2);
 * on CHOICE the TextBody of an If's else branch, given the number 12 as text (3); on DONE the screen itself (4).
 */
const COMPONENT_ERRORS = flowPath(EIGHT_BY_EIGHT, '9000000000007');
const HUNDRED_SCREENS = flowPath(EIGHT_BY_EIGHT, '9000000000008');

/**
 * The preview scrolls inside its phone frame, never the page (which stays at the error's token in
 * the JSON): with the frame on screen, the selected component shows within it.
 */
async function expectShownInPreview(page: Page, index: number) {
  await page.getByRole('region', { name: /^Preview of screen/ }).scrollIntoViewIfNeeded();
  await expect(page.locator(`[data-preview-error="${index}"]`)).toBeInViewport();
}

test('the map lists the screen with its error count and the preview outlines each erroneous component', async ({ page }) => {
  await page.goto(TWO_ERRORS);
  const node = page.locator('[data-screen-node="SIGN_UP"]');
  await expect(node).toHaveAttribute('data-error-count', '2', { timeout: 20_000 });
  await expect(node).toContainText('2 errors');
  await expect(page.locator('[data-screen-node]')).toHaveCount(1);

  const first = page.locator('[data-preview-error="0"]');
  await expect(first).toBeVisible();
  await expect(first).toContainText('Unknown component: TextHeadline');
  await expect(first).toContainText('Error #1');
  await expect(page.locator('[data-preview-error="1"]')).toContainText('Vorname');
});

test('errors inside components: each outlined on its component, every screen on the map with its count, nothing run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(COMPONENT_ERRORS);
  const preview = page.getByRole('region', { name: /^Preview of screen/ });
  const counts = { WELCOME: 0, DETAILS: 3, CHOICE: 1, DONE: 1 };
  // The first answer of the page can be slow on a busy machine.
  await expect(page.locator('[data-screen-node]')).toHaveCount(Object.keys(counts).length, { timeout: 20_000 });
  for (const [id, count] of Object.entries(counts)) {
    await expect(page.locator(`[data-screen-node="${id}"]`)).toHaveAttribute('data-error-count', String(count));
  }
  await expect(page.locator('[data-screen-node="DETAILS"]')).toContainText('3 errors');
  // The first screen with errors is shown.
  await expect(page.locator('[data-preview-error="0"]')).toBeVisible();
  await expect(page.locator('[data-preview-error="0"]')).toContainText('Unknown component: TextAreaa');
  await expect(page.locator('[data-preview-error="0"]')).toContainText('Delivery notes');
  await expect(page.locator('[data-preview-error="1"]')).toContainText('Full name');
  await expect(page.locator('[data-preview-error="2"]')).toContainText('Which of our garden departments');
  // The data_exchange leads to the endpoint's decision.
  await expect(page.getByRole('group', { name: 'Screen map' })).toContainText('decided');

  // Selecting the If-branch error in the problems panel shows its screen, with the markup-like caption as text.
  await page.getByTestId('problems-list').locator('[data-error-index="3"]').click();
  await expectShownInPreview(page, 3);
  // The else branch's TextBody, whose text the flow gives as the number 12.
  await expect(page.locator('[data-preview-error="3"]')).toHaveAttribute('data-component-path', 'screens/2/layout/children/0/else/0');
  await expect(page.locator('[data-preview-error="3"]')).toContainText("property 'text'.12");
  await expect(preview.getByText('</script><script>alert("not run")</script>', { exact: true })).toBeVisible();
  await expect(preview.getByText('Welcome to Acme Garden')).toHaveCount(0);
  await page.locator('[data-screen-node="WELCOME"]').click();
  await expect(page).toHaveURL(/[?&]screen=WELCOME(&|$)/);
  // `${data.shop}` and `${data.greeting}` read the screen's __example__ data.
  await expect(preview.getByText('Welcome to Acme Garden')).toBeVisible();
  await expect(preview.getByText('Hi Ada, good to see you again.')).toBeVisible();
  await expect(preview.getByRole('img', { name: 'Acme Garden logo' })).toHaveAttribute('width', '120');
  expect(dialogs).toEqual([]);
});

test('selecting an error in the problems panel selects its component; clicking a node puts the screen in the URL', async ({ page }) => {
  await page.goto(TWO_ERRORS);
  await page.getByTestId('problems-list').locator('[data-error-index="1"]').click();
  await expectShownInPreview(page, 1);
  await page.locator('[data-screen-node="SIGN_UP"]').click();
  await expect(page).toHaveURL(/[?&]screen=SIGN_UP(&|$)/);
  await page.locator('[data-preview-error="0"]').click();
  await expect(page).toHaveURL(/[?&]error=0(&|$)/);
  await expect(page.locator('.cm-content .cm-flow-error-selected')).toHaveText('"TextHeadline"');
});

test('a 100-screen flow: every screen on the map, the unreachable one marked, a node opens its screen', async ({ page }) => {
  await page.goto(HUNDRED_SCREENS);
  await expect(page.locator('[data-screen-node]')).toHaveCount(100, { timeout: 20_000 });
  await expect(page.locator('[data-screen-node="Q042"]')).toHaveAttribute('data-error-count', '2');
  await expect(page.locator('[data-screen-node="ARCHIVED"]')).toHaveAttribute('aria-label', /unreachable/);
  await expect(page.locator('[data-screen-node="Q099"]')).toHaveAttribute('aria-label', /terminal/);
  await page.locator('[data-screen-node="Q077"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]screen=Q077(&|$)/);
  await expect(page.locator('[data-preview-error="3"]')).toBeVisible();
});
