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
  await page.getByRole('textbox', { name: /When did it happen/ }).fill('today 10:02 CET');
  await page.getByRole('textbox', { name: 'What did you try?' }).fill('Signed out and in again.');
  await page.getByRole('button', { name: 'Create report' }).click();
  const shown = page.getByTestId('report-text');
  await expect(shown).toContainText('invalid_client at 10:02');
  await expect(shown).toContainText('**When:** today 10:02 CET');
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

  // Save as JSON writes the JSON version shown under the report, which is `report --json`'s record.
  await page.getByText('The JSON version (what Save as JSON writes)').click();
  const jsonShown = (await page.getByTestId('report-json').textContent()) ?? '';
  await page.getByRole('button', { name: 'Save as JSON…' }).click();
  await expect.poll(() => app.bridge.record.savedTo.length).toBe(2);
  // The path is recorded when it is chosen, before the file is written: wait for the content.
  const readSaved = (): string => {
    try {
      return fs.readFileSync(app.bridge.record.savedTo[1]!, 'utf8').trim();
    } catch {
      return '';
    }
  };
  await expect.poll(readSaved).toBe(jsonShown.trim());
  const savedJson = readSaved();
  const doc = JSON.parse(savedJson) as { schema: string; problem: { errorAt: string }; markdown: string };
  expect(doc.schema).toBe('mcp-auth-doctor/report@1');
  expect(doc.problem.errorAt).toBe('today 10:02 CET');
  expect(doc.markdown.trim()).toBe(text.trim());
  expect(savedJson).not.toContain(home.home);
  await app.expectNoSecrets(savedJson);
});

test('Report with a server runs the doctor, with the secret in its URL removed', async ({ app }) => {
  await app.open();
  const { page } = app;
  await goTo(page, 'Report');
  // Nothing listens on port 9: the doctor runs (ticked by default) and says so in the report.
  // A URL field with a list of known servers is a combobox.
  await page.getByLabel(/Server address/).fill('http://127.0.0.1:9/mcp?subscription-key=SECRETapim1');
  await expect(page.getByRole('checkbox', { name: /Run the doctor/ })).toBeChecked();
  await page.getByRole('button', { name: 'Create report' }).click();
  const shown = page.getByTestId('report-text');
  await expect(shown).toContainText('## Doctor');
  await expect(shown).toContainText('Server reachable');
  const text = (await shown.textContent()) ?? '';
  expect(text).not.toContain('SECRETapim1');
  expect(text).toContain('subscription-key=[redacted]');
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

test('This computer: asks whether the page appeared when the app cannot see it load', async ({ app }) => {
  test.slow(); // the app waits 15 s for the browser before it asks
  await app.open();
  const { page } = app;
  // "The browser" shows a page without ever fetching it from the app's loopback server.
  await page
    .context()
    .route(/127\.0\.0\.1:\d+\/mcp-auth-doctor\/browser-test\//, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>cached</title>' }),
    );
  await goTo(page, 'This computer');
  await page.getByRole('button', { name: 'Test: open a page' }).click();
  const question = page.getByText(/Did it appear\?/);
  await expect(question).toBeVisible({ timeout: 40_000 });
  await expect(question).toContainText(/with the code \d{6}/);
  await page.getByRole('button', { name: 'No, nothing happened' }).click();
  const answer = page.getByText(/Apps cannot open your browser here/);
  await expect(answer).toBeVisible();
  // Advice after a "no", never another question.
  expect((await answer.textContent()) ?? '').not.toContain('?');
  await expect(page.getByText(/Did it appear\?/)).toHaveCount(0);
});
