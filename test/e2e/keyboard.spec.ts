/**
 * The whole fix without a mouse: Tab to a problem, open it, open the reset preview, the focus
 * stays inside the dialog, Escape closes it and gives focus back, Enter resets, and focus lands
 * on Undo (never on the page body) once the dialog and its opener are gone.
 */
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './bridge/app-fixture';

/** Presses Tab until `target` has focus (bounded: a focus trap or a missing control fails fast). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab in ${max} presses`);
}

test('keyboard only: find the problem, preview, cancel, reset, undo', async ({ app }) => {
  await app.open();
  const { page, home } = app;
  const stale = home.staleAtlasFiles!;
  const before = stale.map((f) => fs.readFileSync(f));

  // The skip link is the first stop and jumps to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  const details = page.getByRole('button', {
    name: /^Details about Left over from an old server, mcp-remote$/,
  });
  await tabTo(page, details);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Left over from an old server' })).toBeVisible();

  const resetThis = page.getByRole('button', { name: 'Reset this sign-in' });
  await tabTo(page, resetThis);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  const apply = dialog.getByRole('button', { name: `Reset ${stale.length} items` });
  await expect(apply).toBeEnabled();
  // Focus starts on the safe choice and cannot leave the dialog.
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(apply).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(apply).toBeFocused();
  // Escape closes it, changes nothing, and focus returns to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(resetThis).toBeFocused();
  for (const f of stale) expect(fs.existsSync(f)).toBe(true);

  await page.keyboard.press('Enter');
  await expect(apply).toBeEnabled();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Reset done' })).toBeVisible();
  for (const f of stale) expect(fs.existsSync(f)).toBe(false);

  // The dialog and the button that opened it are gone: focus waits on Undo, not on the page body.
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  stale.forEach((f, i) => expect(fs.readFileSync(f).equals(before[i]!)).toBe(true));
  // And Undo's own button is gone now: focus moves to the new message, still not the body.
  await expect(page.getByRole('button', { name: 'Dismiss message' })).toBeFocused();
});
