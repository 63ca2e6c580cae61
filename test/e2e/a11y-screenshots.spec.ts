/**
 * No axe-core violations in either theme, on every section and in the dialog and toast; the
 * screenshots of both themes are saved as artifacts (and the light overview feeds the README
 * when UPDATE_README_SCREENSHOT=1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SCREENSHOTS_DIR, expect, goTo, test, type Section } from './bridge/app-fixture';
import { axeViolations } from './bridge/axe';

for (const scheme of ['light', 'dark'] as const) {
  test(`no axe violations and screenshots, ${scheme} theme`, async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await app.open();
    // The theme follows the OS setting.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'light' ? 'rgb(246, 247, 249)' : 'rgb(15, 18, 22)');

    const shot = async (name: string) => {
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      const file = path.join(SCREENSHOTS_DIR, `${name}-${scheme}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    const check = async (where: string) =>
      expect(await axeViolations(page), `axe, ${where}, ${scheme}`).toEqual([]);

    await check('overview');
    const overview = await shot('overview');
    if (scheme === 'light' && process.env.UPDATE_README_SCREENSHOT === '1') {
      fs.copyFileSync(overview, path.join(ROOT, 'docs', 'screenshot-overview.png'));
    }

    await page
      .getByRole('button', { name: /^Details about Left over from an old server, mcp-remote$/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Left over from an old server' })).toBeVisible();
    await check('finding detail');

    await goTo(page, 'Credentials');
    await expect(page.getByRole('table', { name: 'Saved sign-ins' })).toBeVisible();
    await check('credentials');
    await shot('credentials');

    await page
      .getByRole('checkbox', { name: /^Select GitHub Copilot CLI sign-in for https:\/\/atlas\.us/ })
      .check();
    await page.getByRole('button', { name: 'Reset selected (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset preview' });
    await expect(dialog.getByRole('button', { name: /^Reset \d+ items?$/ })).toBeEnabled();
    await check('reset preview dialog');
    await shot('confirm-dialog');

    await dialog.getByRole('button', { name: /^Reset \d+ items?$/ }).click();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await check('undo toast');
    await shot('undo-toast');
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    for (const section of ['Backups', 'Doctor', 'This computer', 'Report'] as Section[]) {
      await goTo(page, section);
      await expect(page.getByRole('status').filter({ hasText: /Checking|Loading/ })).toHaveCount(0);
      await check(section);
    }
    await page.getByRole('button', { name: 'Create report' }).click();
    await expect(page.getByTestId('report-text')).toBeVisible();
    await check('report text');
    await shot('report');
  });
}
