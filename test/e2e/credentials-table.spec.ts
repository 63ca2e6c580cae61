/**
 * 1,200 saved sign-ins from a real scan: the table stays virtualised (only what is on screen is in
 * the page), scrolls to the last row, filters, sorts and selects.
 */
import { expect, goTo, test } from './bridge/app-fixture';
import { manyUrl } from '../fixtures/homes/many-home';

test.use({ homeKind: 'many' });

test('1,200 rows: virtualised, scrollable, filterable, sortable, selectable', async ({ app }) => {
  await app.open();
  const { page } = app;
  await goTo(page, 'Credentials');
  await expect(page.getByText('1200 saved sign-ins, 1200 shown, 0 selected')).toBeVisible();
  const table = page.getByRole('table', { name: 'Saved sign-ins' });
  await expect(table).toHaveAttribute('aria-rowcount', '1201');
  const bodyRows = page.getByTestId('credentials-scroller').getByRole('row');
  const rendered = await bodyRows.count();
  expect(rendered, 'only the rows on screen are in the page').toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);

  // Sort by server, then scroll to the very end: the last server is there.
  await table.getByRole('button', { name: 'Server', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: 'Server', exact: true })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(bodyRows.first()).toContainText(manyUrl(0));
  await page.getByTestId('credentials-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(
    table.getByRole('row', { name: new RegExp(manyUrl(1199).replace(/[./]/g, '\\$&')) }),
  ).toBeVisible();
  await expect(page.locator('[aria-rowindex="1201"]')).toBeVisible();
  expect(await bodyRows.count()).toBeLessThan(60);

  // Filters: the expired ones (every third server) have problems.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('problems');
  await expect(page.getByText('1200 saved sign-ins, 400 shown, 0 selected')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('srv000');
  await expect(page.getByText('1200 saved sign-ins, 4 shown, 0 selected')).toBeVisible();

  // Select every shown row and open the preview for exactly those.
  await page.getByRole('checkbox', { name: 'Select all shown sign-ins' }).check();
  await expect(page.getByRole('button', { name: 'Reset selected (4)' })).toBeEnabled();
  await page.getByRole('button', { name: 'Reset selected (4)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  await expect(dialog.getByRole('button', { name: 'Reset 8 items' })).toBeEnabled();
  const planned = app.bridge.record.calls.find((c) => c.name === 'planReset')?.request as {
    target: { kind: string; ids: string[] };
  };
  expect(planned.target.kind).toBe('credential');
  expect(planned.target.ids).toHaveLength(4);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await app.expectNoSecrets();
});
