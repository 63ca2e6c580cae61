/**
 * Moving between sections starts the new one at its top: its heading in sight, not under the
 * sticky app bar, wherever the previous section was scrolled to. Focus still moves to the content.
 */
import type { Page } from '@playwright/test';
import { expect, goTo, test } from './bridge/app-fixture';

/** The heading is on screen and below the app bar (not clipped under it). */
async function expectHeadingInSight(page: Page, name: string | RegExp): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name });
  await expect(heading).toBeInViewport({ ratio: 1 });
  const [top, barBottom] = await Promise.all([
    heading.evaluate((el) => el.getBoundingClientRect().top),
    page.locator('.app-header').evaluate((el) => el.getBoundingClientRect().bottom),
  ]);
  expect(top, 'heading below the app bar').toBeGreaterThanOrEqual(barBottom);
}

test.use({ viewport: { width: 1024, height: 560 } });

test('a new section opens at its top, and focus moves to it', async ({ app }) => {
  await app.open();
  const { page } = app;
  const scrollToBottom = () => page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const scrollY = () => page.evaluate(() => window.scrollY);

  // The last problem in the overview is far down the page.
  const details = page
    .getByRole('list', { name: 'Problems found' })
    .getByRole('button', { name: /^Details/ });
  await scrollToBottom();
  expect(await scrollY()).toBeGreaterThan(200);
  await details.last().click();
  await expectHeadingInSight(page, /.+/);
  expect(await scrollY()).toBe(0);
  await expect(page.locator('#main')).toBeFocused();

  await page.getByRole('button', { name: '← Back to overview' }).click();
  await scrollToBottom();
  expect(await scrollY()).toBeGreaterThan(200);
  await goTo(page, 'Credentials');
  await expectHeadingInSight(page, 'Credentials');
  expect(await scrollY()).toBe(0);

  await scrollToBottom();
  await goTo(page, 'Backups');
  await expectHeadingInSight(page, 'Backups');
});
