/**
 * The Doctor tab against a real loopback OAuth server: the checklist fills in live from the
 * core's progress events, evidence expands, the results copy as Markdown, and a cached
 * credential from another authorization server opens the matching reset preview.
 */
import { expect, goTo, test } from './bridge/app-fixture';
import { startMisconfiguredServer, type DoctorServer } from '../helpers/doctor-servers';
import { canary } from '../helpers/canary';

let server: DoctorServer;
test.beforeEach(async () => {
  // A little latency on every answer, so the live checklist is observable.
  server = await startMisconfiguredServer({ latencyMs: 120 });
});
test.afterEach(async () => {
  await server.close();
});

test('live checklist, evidence, copy as Markdown, and the reset preview for a stale local sign-in', async ({
  app,
}) => {
  const { page, home } = app;
  // Claude Code holds a sign-in for this server from an authorization server it no longer uses.
  const secret = canary('access');
  home.canaries.push(secret);
  home.write('.claude.json', { mcpServers: { local: { type: 'http', url: server.url } } });
  home.write(
    '.claude/.credentials.json',
    {
      mcpOAuth: {
        'local|0123456789abcdef': {
          serverName: 'local',
          serverUrl: server.url,
          accessToken: secret,
          expiresAt: Date.now() + 3600_000,
          clientId: 'old-client-from-before',
          issuer: 'https://auth.old-environment.example.com',
        },
      },
    },
    0o600,
  );
  await app.open();
  await goTo(page, 'Doctor');

  // The picker offers the URLs found by the scan; picking one fills the address box.
  await page.getByRole('combobox', { name: 'Found on this computer' }).selectOption(server.url);
  await expect(page.getByLabel('Server address')).toHaveValue(server.url);
  await page.getByRole('button', { name: 'Run checks' }).click();
  const checklist = page.getByRole('list', { name: 'Checks' });
  // Live: items appear while the run is still going.
  await expect(checklist.getByText('Checking').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run checks' })).toBeEnabled({ timeout: 30_000 });
  await expect(checklist.getByText('Checking')).toHaveCount(0);
  const started = app.bridge.record.payloads.filter((p) => p.includes('"check-started"')).length;
  expect(started, 'progress events reached the page').toBeGreaterThan(3);

  await expect(
    checklist
      .getByRole('listitem')
      .filter({ hasText: /Passed/ })
      .first(),
  ).toBeVisible();
  const local = checklist
    .getByRole('listitem')
    .filter({ hasText: 'Failed' })
    .filter({ has: page.getByText(/local|cached|saved/i) });
  await expect(local.first()).toBeVisible();
  await local.first().getByText('Details').click();
  await expect(
    local.first().getByRole('button', { name: 'Open the reset preview for these sign-ins' }),
  ).toBeVisible();

  // Evidence of a passing check expands too.
  const firstPassed = checklist.getByRole('listitem').filter({ hasText: 'Passed' }).first();
  await firstPassed.getByText('Details').click();

  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Results copied as Markdown.' })).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain(`# MCP Auth Doctor: ${server.url}`);
  expect(markdown).toMatch(/- ✗ \*\*/);
  await app.expectNoSecrets(markdown);

  await local.first().getByRole('button', { name: 'Open the reset preview for these sign-ins' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset preview' });
  await expect(dialog).toContainText('Remove one entry from ~/.claude/.credentials.json');
  await page.keyboard.press('Escape');
  // The doctor never sent the cached token anywhere.
  for (const r of server.requests) expect(JSON.stringify(r.headers)).not.toContain(secret);
});
