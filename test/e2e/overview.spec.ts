/**
 * The overview against the REAL core on a fake home full of planted problems: what users see
 * first after an environment switch.
 */
import { expect, goTo, problemTexts, test } from './bridge/app-fixture';

test('the overview shows every planted problem, by app, with no secret anywhere', async ({ app }) => {
  await app.open();
  const { page } = app;
  await expect(page.getByTestId('summary-line')).toHaveText(/^\d+ problems in \d+ clients$/);

  const cards = page.getByRole('list', { name: 'Apps found' });
  for (const label of [
    'mcp-remote',
    'GitHub Copilot CLI',
    'Claude Code',
    'Gemini CLI',
    'Codex CLI',
    'Cursor',
  ]) {
    await expect(cards.getByRole('heading', { name: label, exact: true })).toBeVisible();
  }

  const problems = (await problemTexts(page)).map((t) => t.replace(/\s+/g, ' '));
  const has = (title: string, app: string, detail?: RegExp) =>
    problems.some((p) => p.includes(title) && p.includes(`· ${app}`) && (!detail || detail.test(p)));
  // The malformed file is named, with what is wrong with it.
  expect(has('A file cannot be read', 'Cursor', /\.cursor[/\\]mcp\.json/), 'malformed Cursor config').toBe(
    true,
  );
  // The old (US) environment: left-over sign-ins in three apps.
  expect(
    has('Left over from an old server', 'mcp-remote', /auth\.us\.example\.com/),
    'mcp-remote US cache',
  ).toBe(true);
  expect(has('Left over from an old server', 'GitHub Copilot CLI', /atlas\.us\.example\.com/)).toBe(true);
  expect(has('Left over from an old server', 'Claude Code', /jira-old\.example\.com/)).toBe(true);
  // Expired with no refresh token, a stale lock, the same server cached twice.
  expect(has('Sign-in has expired', 'Gemini CLI', /notion/)).toBe(true);
  expect(has('Stale lock file', 'mcp-remote', /999999/)).toBe(true);
  expect(has('Saved more than once', 'mcp-remote', /atlas\.eu\.example\.com/)).toBe(true);
  // Paths are written the way people write them: under ~, never the absolute home.
  expect(problems.join('\n')).not.toContain(app.home.home);
  expect(has('A file cannot be read', 'Cursor', /~\/\.cursor\/mcp\.json/), 'Cursor config under ~').toBe(
    true,
  );

  // Claude's own login (claudeAiOauth) and Gemini's Google login are not MCP credentials.
  await goTo(page, 'Credentials');
  await expect(page.getByText(/saved sign-ins?, \d+ shown/)).toBeVisible();
  await page.getByRole('combobox', { name: 'App' }).selectOption({ label: 'Claude Code' });
  const rows = page.getByRole('table', { name: 'Saved sign-ins' }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + linear + jira
  await expect(page.getByRole('table', { name: 'Saved sign-ins' })).not.toContainText('claudeAiOauth');

  await app.expectNoSecrets();
});

test('a finding explains what is wrong, why, the fix, and shows its files in the file manager', async ({
  app,
}) => {
  await app.open();
  const { page } = app;
  await page.getByRole('button', { name: /^Details about A file cannot be read, Cursor$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A file cannot be read' })).toBeVisible();
  for (const heading of ['What is wrong', 'Why it happens', 'How to fix it', 'Files involved']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  // Paths are shown the way people write them: under ~.
  await expect(page.getByText('~/.cursor/mcp.json', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /^Show in Files the file ~\/\.cursor\/mcp\.json$/ }).click();
  await expect.poll(() => app.bridge.record.revealed).toEqual([app.home.malformedFile]);

  await page.getByRole('button', { name: '← Back to overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await app.expectNoSecrets();
});

test('a stale lock’s fix is told in the app’s terms, and its one button removes the lock only', async ({
  app,
}) => {
  await app.open();
  const { page } = app;
  await page.getByRole('button', { name: /^Details about Stale lock file, mcp-remote$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stale lock file' })).toBeVisible();
  const fix = page.getByTestId('finding-fix');
  await expect(fix).toContainText('remove the lock file; the sign-in itself can stay');
  await expect(fix).not.toContainText('mcp-auth-doctor');
  // The one-click fix is the scanner's own: the lock file alone, not the sign-in.
  const buttons = page.locator('.finding-actions button');
  await expect(buttons).toHaveText(['Remove the stale lock file']);
  await expect(page.getByRole('button', { name: 'Reset this sign-in' })).toHaveCount(0);
  // What is wrong names the lock file under ~.
  await expect(page.locator('.view-finding')).not.toContainText(app.home.home);
});

test('an old server’s fix names its button; the command line is only a side note', async ({ app }) => {
  await app.open();
  const { page } = app;
  await page
    .getByRole('button', { name: /^Details about Left over from an old server, mcp-remote$/ })
    .click();
  const fix = page.getByTestId('finding-fix');
  await expect(fix).toContainText('the “Reset this sign-in” button below');
  await expect(fix).not.toContainText('mcp-auth-doctor');
  await expect(page.locator('.terminal-hint')).toContainText(
    /^From a terminal: mcp-auth-doctor reset --credential mcp-remote-\S+/,
  );
  await expect(page.locator('.finding-actions button').first()).toHaveText('Reset this sign-in');
});

test.describe('when the scan fails', () => {
  test.use({ failingScans: 1 });

  test('the error is shown in plain words, and Try again recovers', async ({ page, app }) => {
    await page.goto(app.server.url);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'The scan did not finish' })).toBeVisible();
    await expect(alert).toContainText('Permission denied:');
    await expect(alert).toContainText('.copilot. Check that you can read and write it.');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('summary-line')).toHaveText(/problems in/);
  });
});

test.describe('when the core answers something the window does not expect', () => {
  test.use({ garbledScan: true });

  test('the window says so in plain words instead of going blank', async ({ page, app }) => {
    await page.goto(app.server.url);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Something went wrong in this window' })).toBeVisible();
    await expect(alert).toContainText('Nothing on your computer was changed.');
    await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  });
});

test.describe('an empty computer', () => {
  test.use({ homeKind: 'empty' });

  test('says no MCP clients were found, in plain words', async ({ app }) => {
    await app.open();
    await expect(
      app.page.getByRole('heading', { name: 'No MCP clients found on this computer' }),
    ).toBeVisible();
    await goTo(app.page, 'Credentials');
    await expect(app.page.getByRole('heading', { name: 'No saved sign-ins' })).toBeVisible();
    await goTo(app.page, 'Backups');
    await expect(app.page.getByRole('heading', { name: 'No backups yet' })).toBeVisible();
  });
});
