/**
 * The most targeted fix, for real: the stale-lock finding's "Remove the stale lock file" previews
 * and removes only the lock file on disk (the scanner's `files` action); the sign-in's other files
 * stay as they were, and Undo puts the lock back byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './bridge/app-fixture';

test('the stale lock goes alone; the working sign-in stays; Undo restores the lock', async ({ app }) => {
  await app.open();
  const { page, home } = app;
  const folder = home.p('.mcp-auth/mcp-remote-v1');
  const lock = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('_lock.json'))
    .map((f) => path.join(folder, f));
  expect(lock).toHaveLength(1);
  const lockFile = lock[0]!;
  const lockBytes = fs.readFileSync(lockFile);
  const prefix = path.basename(lockFile).replace(/_lock\.json$/, '');
  const siblings = fs
    .readdirSync(folder)
    .filter((f) => f.startsWith(prefix) && !f.endsWith('_lock.json'))
    .map((f) => path.join(folder, f));
  expect(siblings.length).toBeGreaterThan(0);
  const kept = new Map(siblings.map((f) => [f, fs.readFileSync(f)]));

  await page.getByRole('button', { name: /^Details about Stale lock file, mcp-remote$/ }).click();
  // The narrowest fix comes first; the wider ones stay available after it.
  const fixes = page.locator('.finding-actions button');
  await expect(fixes.first()).toHaveText('Remove the stale lock file');
  await page.getByRole('button', { name: 'Remove the stale lock file' }).click();

  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.getByRole('listitem')).toContainText(
    `Delete file ~/.mcp-auth/mcp-remote-v1/${path.basename(lockFile)}`,
  );
  expect(fs.existsSync(lockFile), 'previewing changes nothing').toBe(true);
  const planned = app.bridge.record.calls.find((c) => c.name === 'planReset')?.request;
  expect(planned).toMatchObject({ target: { kind: 'files', paths: [lockFile] } });

  await dialog.getByRole('button', { name: 'Reset 1 item' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Reset done' });
  await expect(toast).toContainText('Reset done: 1 item removed. A backup was saved.');
  expect(fs.existsSync(lockFile), 'the lock is removed').toBe(false);
  for (const [file, bytes] of kept) expect(fs.readFileSync(file).equals(bytes), `${file} kept`).toBe(true);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText('Restored 1 item.');
  expect(fs.readFileSync(lockFile).equals(lockBytes), 'the lock is back byte for byte').toBe(true);
  for (const [file, bytes] of kept) expect(fs.readFileSync(file).equals(bytes), `${file} kept`).toBe(true);
  await app.expectNoSecrets();
});
