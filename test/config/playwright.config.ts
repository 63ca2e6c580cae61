/**
 * Playwright: the renderer's specs in real Chromium (`test/e2e/*.spec.ts`, against the built
 * renderer through the test bridge) and the `_electron` spec. Debian's Chromium is used where it
 * is installed (CI installs it; no browser download is possible here); elsewhere, e.g. on a Mac,
 * Playwright's own Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = path.join(root, 'out', 'test-results');
const debianChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: path.join(root, 'test', 'e2e'),
  outputDir: path.join(results, 'playwright'),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Two cores, shared with the core running in the test process.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? path.join(results, 'playwright.json') },
    ],
  ],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(fs.existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
      // Root in a container, no network, no GPU: keep Chromium quiet and self-contained.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
