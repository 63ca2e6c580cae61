/**
 * The credentials table on the demo home: "Reset selected" acts only on the selected rows that
 * are shown, and every column that matters (Status, Reset) fits without sideways scrolling, with
 * the status words whole, from a wide window down to the 800 px minimum.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS_DIR, expect, goTo, test } from './bridge/app-fixture';

test('rows hidden by a filter stay selected but are never reset unseen', async ({ app }) => {
  await app.open();
  const { page, bridge } = app;
  await goTo(page, 'Credentials');
  const count = page.getByText(/^\d+ saved sign-ins, \d+ shown, \d+ selected$/);
  await page.getByRole('checkbox', { name: 'Select all shown sign-ins' }).check();
  await expect(count).toHaveText('9 saved sign-ins, 9 shown, 9 selected');

  await page.getByRole('searchbox', { name: 'Search' }).fill('linear');
  await expect(count).toHaveText('9 saved sign-ins, 1 shown, 1 selected');
  const hidden = page.getByTestId('hidden-selection');
  await expect(hidden).toContainText('8 more sign-ins selected but hidden by the filters');
  await expect(hidden).toContainText('“Reset selected” leaves them out');

  await page.getByRole('button', { name: 'Reset selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  await expect(dialog.getByRole('button', { name: 'Reset 1 item' })).toBeEnabled();
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await expect(dialog).toContainText('https://mcp.linear.example.com/mcp');
  const planned = bridge.record.calls.find((c) => c.name === 'planReset')?.request as {
    target: { kind: string; ids: string[] };
  };
  expect(planned.target.ids).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The hidden ones can be let go in one click; the shown one stays selected.
  await hidden.getByRole('button', { name: 'Unselect them' }).click();
  await expect(hidden).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await expect(count).toHaveText('9 saved sign-ins, 9 shown, 1 selected');
});

for (const width of [1280, 1024, 800]) {
  test(`at ${width} px every row shows its status whole and its Reset button, with no sideways scrolling`, async ({
    app,
  }) => {
    const { page } = app;
    await page.setViewportSize({ width, height: 800 });
    await app.open();
    await goTo(page, 'Credentials');
    const table = page.getByRole('table', { name: 'Saved sign-ins' });
    await expect(table.getByRole('button', { name: /^Reset .+ sign-in for/ })).toHaveCount(9);

    const layout = await table.evaluate((grid) => {
      const box = grid.getBoundingClientRect();
      const rows = [...grid.querySelectorAll<HTMLElement>('[data-credential-id]')];
      return {
        gridOverflow: grid.scrollWidth - grid.clientWidth,
        rows: rows.map((row) => {
          const status = row.querySelector<HTMLElement>('.col-status')!;
          const badge = status.querySelector<HTMLElement>('.badge')!;
          const reset = row.querySelector<HTMLElement>('.col-reset button')!;
          const s = status.getBoundingClientRect();
          const b = badge.getBoundingClientRect();
          const r = reset.getBoundingClientRect();
          return {
            text: badge.textContent ?? '',
            statusClipped: status.scrollWidth > status.clientWidth + 1,
            badgeClipped:
              badge.scrollWidth > badge.clientWidth + 1 || badge.scrollHeight > badge.clientHeight + 1,
            badgeOutside:
              b.left < s.left - 1 || b.right > s.right + 1 || b.top < s.top - 1 || b.bottom > s.bottom + 1,
            resetOutside: r.left < box.left || r.right > box.right,
            statusOutside: s.right > box.right,
          };
        }),
      };
    });
    expect(layout.gridOverflow, 'table scrolls sideways').toBeLessThanOrEqual(0);
    expect(layout.rows).toHaveLength(9);
    for (const row of layout.rows) {
      expect(row, row.text).toMatchObject({
        statusClipped: false,
        badgeClipped: false,
        badgeOutside: false,
        resetOutside: false,
        statusOutside: false,
      });
    }
    // The longest status of the demo home is there in full.
    await expect(
      table.locator('.col-status .badge', { hasText: 'Left over from an old server' }).first(),
    ).toBeVisible();
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `credentials-${width}px.png`) });
  });
}
