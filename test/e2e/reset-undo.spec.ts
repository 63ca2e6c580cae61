/**
 * The one-click fix, for real: the confirm dialog is the reset preview, applying it removes the
 * files on disk (in the temp home), and Undo puts them back byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS_DIR, expect, goTo, test } from './bridge/app-fixture';

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
  const changes = dialog.getByRole('group', { name: 'What will change' });
  // Each file is listed under the app and server it belongs to, not as a bare hashed file name.
  const owner = changes.getByRole('group', {
    name: 'mcp-remote sign-in with https://auth.us.example.com (server address not recorded)',
  });
  const items = owner.getByRole('listitem');
  await expect(items).toHaveCount(stale.length);
  await expect(changes.getByRole('listitem')).toHaveCount(stale.length);
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
  // The button that opened the preview is gone with the problem: focus waits on Undo, not on the body.
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeFocused();
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
  await expect(
    dialog.getByRole('heading', {
      name: 'Claude Code sign-in for jira (https://jira-old.example.com/mcp)',
    }),
  ).toBeVisible();
  await expect(dialog.getByRole('listitem')).toContainText(
    'Remove one entry from ~/.claude/.credentials.json',
  );
  await expect(dialog.getByRole('listitem')).toContainText('everything else in the file is kept');
  await dialog.getByRole('button', { name: 'Reset 1 item' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reset done' })).toBeVisible();
  // The row that was reset is gone after the rescan: focus is on the toast's Undo.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();

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
  // Titled by what it holds, not by the credential's internal id.
  await expect(backups.first().locator('.backup-title')).toHaveText(
    'Claude Code sign-in for jira (https://jira-old.example.com/mcp)',
  );
  // A new session (the app restarted) no longer has that name, and the credential is gone from the
  // scan: the backup still names app and server, from the owners its manifest recorded.
  await page.reload();
  await expect(page.getByTestId('summary-line')).toBeVisible();
  await goTo(page, 'Backups');
  await expect(backups.first().locator('.backup-title')).toHaveText(
    'Claude Code sign-in for jira (https://jira-old.example.com/mcp)',
  );
  await expect(backups.first()).not.toContainText('claude-code-');
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
  const list = dialog.getByRole('group', { name: 'What will change' });
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

  // The shortcut asks first, naming the sign-in and the files it would put back.
  await bridge.emit('menuCommand', { command: 'undo-last' });
  const ask = page.getByRole('dialog', { name: 'Undo the last reset?' });
  await expect(ask).toContainText(
    'mcp-remote sign-in with https://auth.us.example.com (server address not recorded)',
  );
  const restoring = ask.getByRole('list', { name: 'What will be restored' }).getByRole('listitem');
  await expect(restoring).toHaveCount(stale.length);
  for (const f of stale) await expect(ask).toContainText(`~/.mcp-auth/mcp-remote-v1/${path.basename(f)}`);
  // Cancel (or a shortcut pressed by mistake) restores nothing.
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  expect(bridge.record.calls.map((c) => c.name)).not.toContain('undo');
  for (const f of stale) expect(fs.existsSync(f)).toBe(false);

  await bridge.emit('menuCommand', { command: 'undo-last' });
  await ask.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  stale.forEach((f, i) => expect(fs.readFileSync(f).equals(bytes[i]!)).toBe(true));
  // Focus lands on the toast, not on the page body.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
});

test('a preview gone stale is not reported as a success: the toast says why and offers a new preview', async ({
  app,
}) => {
  await app.open();
  const { page, home } = app;
  const file = home.claudeCredentialsFile!;
  await goTo(page, 'Credentials');
  await page.getByRole('searchbox', { name: 'Search' }).fill('jira-old');
  await page.getByRole('button', { name: /^Reset Claude Code sign-in for https:\/\/jira-old/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  await expect(dialog.getByRole('button', { name: 'Reset 1 item' })).toBeEnabled();

  // Claude Code refreshes the linear sign-in in the same file while the preview is open.
  const content = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    mcpOAuth: Record<string, { serverUrl: string; expiresAt: number }>;
  };
  for (const entry of Object.values(content.mcpOAuth)) {
    if (entry.serverUrl.includes('linear')) entry.expiresAt += 3_600_000;
  }
  fs.writeFileSync(file, JSON.stringify(content, null, 2));
  const refreshed = fs.readFileSync(file);

  await dialog.getByRole('button', { name: 'Reset 1 item' }).click();
  const toast = page.getByTestId('toast');
  await expect(toast).toContainText('Nothing was reset. 1 item left alone.');
  await expect(toast).not.toContainText('Reset done');
  await expect(toast).toHaveClass(/toast-warning/);
  // The reason, in plain words: the file, under ~, and what happened to it.
  await expect(toast.getByRole('list', { name: 'Why' })).toContainText(
    '~/.claude/.credentials.json changed after the preview was made',
  );
  await expect(toast).not.toContainText(home.home);
  await expect(toast.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  expect(fs.readFileSync(file).equals(refreshed), 'nothing was changed').toBe(true);
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'stale-preview-toast.png') });

  // A fresh preview of the same sign-in works on the file as it is now.
  await expect(toast.getByRole('button', { name: 'Preview again' })).toBeFocused();
  await toast.getByRole('button', { name: 'Preview again' }).click();
  await dialog.getByRole('button', { name: 'Reset 1 item' }).click();
  await expect(page.getByTestId('toast')).toContainText('Reset done: 1 item removed. A backup was saved.');
  const after = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    mcpOAuth: Record<string, { serverUrl: string }>;
  };
  expect(Object.values(after.mcpOAuth).map((e) => e.serverUrl)).toEqual([
    'https://mcp.linear.example.com/mcp',
  ]);
});
