/**
 * This computer (browser opener, running apps, proxy) and the support report: the user sees the
 * exact redacted text, Copy puts exactly that on the clipboard (no secret, home as ~), Save
 * writes it through the save dialog.
 */
import fs from 'node:fs';
import { expect, goTo, test } from './bridge/app-fixture';
import { canary } from '../helpers/canary';

test('Copy report copies the redacted text shown, with no secret and the home as ~', async ({ app }) => {
  await app.open();
  const { page, home } = app;
  await goTo(page, 'Report');
  const pasted = canary('pasted');
  home.canaries.push(pasted);
  await page
    .getByRole('textbox', { name: /What did you see/ })
    .fill(`invalid_client at 10:02, Authorization: Bearer ${pasted} in ${home.home}/.mcp-auth`);
  await page.getByRole('textbox', { name: 'What did you try?' }).fill('Signed out and in again.');
  await page.getByRole('button', { name: 'Create report' }).click();
  const shown = page.getByTestId('report-text');
  await expect(shown).toContainText('invalid_client at 10:02');
  const text = (await shown.textContent()) ?? '';

  await page.getByRole('button', { name: 'Copy report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Report copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.trim()).toBe(text.trim());
  expect(copied).toContain('~/');
  expect(copied).not.toContain(home.home);
  expect(copied).not.toContain(pasted);
  // What the user typed is theirs to see; everything the app produced must be clean.
  await page.getByRole('textbox', { name: /What did you see/ }).fill('');
  await app.expectNoSecrets(copied);

  await page.getByRole('button', { name: 'Save report…' }).click();
  await expect(page.getByText(/^Saved to /)).toBeVisible();
  const [savedTo] = app.bridge.record.savedTo;
  expect(savedTo).toBeDefined();
  expect(fs.readFileSync(savedTo!, 'utf8').trim()).toBe(text.trim());
});

test('This computer: browser opener, the test page question, running apps and proxy', async ({ app }) => {
  await app.open();
  const { page } = app;
  await goTo(page, 'This computer');
  await expect(page.getByRole('heading', { name: 'Opening the browser for sign-in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Apps running now' })).toBeVisible();
  await expect(page.getByText('None of the known MCP apps is running.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Proxy and certificates' })).toBeVisible();

  await page.getByRole('button', { name: 'Test: open a page' }).click();
  await expect(page.getByText('Did it appear?')).toBeVisible();
  expect(app.bridge.record.openedPaths.length + app.bridge.record.openedLinks.length).toBe(1);
  await page.getByRole('button', { name: 'No, nothing happened' }).click();
  await expect(page.getByText(/Apps cannot open your browser here/)).toBeVisible();
  await app.expectNoSecrets();
});
