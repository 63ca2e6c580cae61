/**
 * The one-click fix, for real: the confirm dialog is the reset preview, applying it removes the
 * files on disk (in the temp home), and Undo puts them back byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, goTo, test } from './bridge/app-fixture';

const snapshot = (files: string[]) => new Map(files.map((f) => [f, fs.readFileSync(f)]));

test('resetting one credential through the confirm dialog removes its files; Undo brings them back', async ({
  app,
}) => {
  await app.open();
  const { page, home } = app;
  const stale = home.staleAtlasFiles!;
  const before = snapshot(stale);
  const euTokens = fs
    .readdirSync(home.p('.mcp-auth/mcp-remote-v1'))
    .filter((f) => !stale.some((s) => path.basename(s) === f))
    .map((f) => home.p(`.mcp-auth/mcp-remote-v1/${f}`));
  const untouched = snapshot([...euTokens, home.claudeCredentialsFile!]);

  await page
    .getByRole('button', { name: /^Details about Left over from an old server, mcp-remote$/ })
    .click();
  await page.getByRole('button', { name: 'Reset this sign-in' }).click();

  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  await expect(dialog).toBeVisible();
  const items = dialog.getByRole('list', { name: 'What will change' }).getByRole('listitem');
  await expect(items).toHaveCount(stale.length);
  for (const file of stale) {
    await expect(
      dialog.getByText(`~/.mcp-auth/mcp-remote-v1/${path.basename(file)}`, { exact: true }),
    ).toBeVisible();
  }
  await expect(dialog).toContainText('A backup is saved first');
  // Previewing changes nothing.
  for (const file of stale) expect(fs.existsSync(file)).toBe(true);

  await dialog.getByRole('button', { name: `Reset ${stale.length} items` }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Reset done' });
  await expect(toast).toContainText(`Reset done: ${stale.length} items removed. A backup was saved.`);
  await expect(dialog).toBeHidden();
  for (const file of stale) expect(fs.existsSync(file), `${file} removed`).toBe(false);
  for (const [file, bytes] of untouched)
    expect(fs.readFileSync(file).equals(bytes), `${file} untouched`).toBe(true);
  // The rescan no longer reports the problem that was fixed.
  await expect(page.getByRole('heading', { level: 1, name: 'This problem is gone' })).toBeVisible();
  await goTo(page, 'Overview');
  await expect(
    page.getByRole('button', { name: /^Details about Left over from an old server, mcp-remote$/ }),
  ).toHaveCount(0);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText(
    `Restored ${stale.length} items.`,
  );
  for (const [file, bytes] of before)
    expect(fs.readFileSync(file).equals(bytes), `${file} restored`).toBe(true);
  await expect(
    page.getByRole('button', { name: /^Details about Left over from an old server, mcp-remote$/ }),
  ).toHaveCount(1);
  await app.expectNoSecrets();
});

test('a shared file loses only the one entry; the Backups view restores it', async ({ app }) => {
  await app.open();
  const { page, home } = app;
  const file = home.claudeCredentialsFile!;
  const original = fs.readFileSync(file);

  await goTo(page, 'Credentials');
  await page.getByRole('searchbox', { name: 'Search' }).fill('jira-old');
  await page
    .getByRole('button', { name: /^Reset Claude Code sign-in for https:\/\/jira-old\.example\.com\/mcp$/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.getByRole('listitem')).toContainText(
    'Remove one entry from ~/.claude/.credentials.json',
  );
  await expect(dialog.getByRole('listitem')).toContainText('everything else in the file is kept');
  await dialog.getByRole('button', { name: 'Reset 1 item' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reset done' })).toBeVisible();

  const after = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    claudeAiOauth?: unknown;
    mcpOAuth: Record<string, { serverUrl: string }>;
  };
  expect(after.claudeAiOauth, "Claude's own login is kept").toBeDefined();
  expect(Object.values(after.mcpOAuth).map((e) => e.serverUrl)).toEqual([
    'https://mcp.linear.example.com/mcp',
  ]);

  await goTo(page, 'Backups');
  const backups = page.getByRole('list', { name: 'Backups' }).getByRole('listitem');
  await expect(backups).toHaveCount(1);
  await backups
    .first()
    .getByRole('button', { name: /^Restore/ })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText('Restored 1 item.');
  expect(fs.readFileSync(file).equals(original)).toBe(true);
  await expect(backups.first()).toContainText('restored');

  // Purge: the backup goes after a confirmation, and the list says so.
  await backups
    .first()
    .getByRole('button', { name: /^Delete/ })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Delete backups' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'No backups yet' })).toBeVisible();
  expect(fs.readdirSync(path.join(app.dataDir, 'backups')).filter((d) => !d.startsWith('.'))).toEqual([]);
});

test.describe('with Claude Code running', () => {
  test.use({ running: [{ pid: 4242, name: 'claude', cmd: 'claude' }] });

  test('the preview names the app to quit, and resets only after "Reset anyway"', async ({ app }) => {
    await app.open();
    const { page, home } = app;
    await goTo(page, 'Credentials');
    await page.getByRole('searchbox', { name: 'Search' }).fill('jira-old');
    await page.getByRole('button', { name: /^Reset Claude Code sign-in for https:\/\/jira-old/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset preview' });
    await expect(dialog.getByRole('alert')).toContainText('Quit Claude Code first.');
    const apply = dialog.getByRole('button', { name: 'Reset 1 item' });
    await expect(apply).toBeDisabled();
    await dialog.getByRole('checkbox', { name: 'Reset anyway' }).check();
    await apply.click();
    await expect(page.getByRole('status').filter({ hasText: 'Reset done' })).toContainText('1 item removed');
    const after = JSON.parse(fs.readFileSync(home.claudeCredentialsFile!, 'utf8')) as { mcpOAuth: object };
    expect(Object.keys(after.mcpOAuth)).toHaveLength(1);
    const applied = app.bridge.record.calls.find((c) => c.name === 'applyReset')?.request;
    expect(applied).toMatchObject({ force: true });
  });
});

test('"Reset everything for this server" previews every app holding it, and Cancel changes nothing', async ({
  app,
}) => {
  await app.open();
  const { page, home } = app;
  await goTo(page, 'Credentials');
  await page.getByRole('combobox', { name: 'Server' }).selectOption('https://atlas.eu.example.com/mcp');
  await page.getByRole('button', { name: 'Reset everything for this server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  const list = dialog.getByRole('list', { name: 'What will change' });
  await expect(list).toContainText('~/.mcp-auth/mcp-remote-v1/');
  await expect(list).toContainText('~/.mcp-auth/mcp-remote-0.1.37/');
  await expect(list).toContainText('~/.copilot/mcp-oauth-config/');
  await expect(list).toContainText('Remove one entry from ~/.codex/.credentials.json');
  const codex = fs.readFileSync(home.p('.codex/.credentials.json'));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(fs.readFileSync(home.p('.codex/.credentials.json')).equals(codex)).toBe(true);
  expect(app.bridge.record.calls.map((c) => c.name)).not.toContain('applyReset');
});

test('the menu’s Rescan and "Undo last reset" commands reach the window', async ({ app }) => {
  await app.open();
  const { page, home, bridge } = app;
  const scans = () => bridge.record.calls.filter((c) => c.name === 'scan').length;
  const before = scans();
  await bridge.emit('menuCommand', { command: 'rescan' });
  await expect.poll(scans).toBe(before + 1);

  const stale = home.staleAtlasFiles!;
  const bytes = stale.map((f) => fs.readFileSync(f));
  await page
    .getByRole('button', { name: /^Details about Left over from an old server, mcp-remote$/ })
    .click();
  await page.getByRole('button', { name: 'Reset this sign-in' }).click();
  await page
    .getByRole('dialog', { name: 'Reset preview' })
    .getByRole('button', { name: `Reset ${stale.length} items` })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Reset done' })).toBeVisible();
  for (const f of stale) expect(fs.existsSync(f)).toBe(false);

  await bridge.emit('menuCommand', { command: 'undo-last' });
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  stale.forEach((f, i) => expect(fs.readFileSync(f).equals(bytes[i]!)).toBe(true));
});
