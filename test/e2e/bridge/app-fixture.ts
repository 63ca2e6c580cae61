/**
 * The `app` fixture: a fresh demo home in a temp dir, the built renderer on loopback, and the
 * page wired to the real core through the bridge. Each test gets its own home, so resets and
 * undos never leak between tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { assertNoCanary } from '../../helpers/canary';
import { buildDemoHome, type DemoHome } from '../../fixtures/homes/demo-home';
import { buildManyHome } from '../../fixtures/homes/many-home';
import { makeFakeHome, type FakeHomeOptions } from '../../helpers/fake-home';
import { scan as realScan } from '../../../src/scan/index';
import type { ScanFn } from '../../../src/scan/types';
import type { ProcessInfo } from '../../../src/system/process-port';
import { attachCoreBridge, type CoreBridge } from './core-bridge';
import { serveDirectory, type StaticServer } from './static-server';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The built renderer; MAD_RENDERER_DIR points the specs at another build (e.g. an older one, to
 * check that a new spec fails without its fix). */
export const RENDERER_DIR = process.env.MAD_RENDERER_DIR ?? path.join(ROOT, 'out', 'renderer');
export const RESULTS_DIR = path.join(ROOT, 'out', 'test-results');
export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');

/** Which fake home a test runs against (`test.use({ homeKind })`). */
export type HomeKind = 'demo' | 'empty' | 'many';

/** Every home gives the secrets it planted; only the demo home has the named problem files. */
type AnyHome = Omit<DemoHome, 'staleAtlasFiles' | 'claudeCredentialsFile' | 'malformedFile'> &
  Partial<DemoHome>;

function buildHome(kind: HomeKind, options: FakeHomeOptions): AnyHome {
  if (kind === 'empty') return { ...makeFakeHome(options), canaries: [] };
  if (kind === 'many') return buildManyHome(1200, options);
  return buildDemoHome(options);
}

export interface AppHarness {
  page: Page;
  home: AnyHome;
  bridge: CoreBridge;
  server: StaticServer;
  /** Where the app keeps backups (MCP_AUTH_DOCTOR_DATA_DIR), outside the home. */
  dataDir: string;
  /** Opens the app and waits for the first scan to finish. */
  open: () => Promise<void>;
  /** For the CSP spec, which breaks the policy on purpose: its violations do not fail the test. */
  allowCspViolations: () => void;
  /** Throws when any planted secret (home.canaries) reached the page: answers, events, the text shown. */
  expectNoSecrets: (extra?: string) => Promise<void>;
}

export interface AppOptions {
  homeKind: HomeKind;
  /** Processes the core sees running (default: none). */
  running: ProcessInfo[];
  /** The first N scans fail the way a permission problem does. */
  failingScans: number;
  /** The window receives a scan report of the wrong shape (as from a mismatched core). */
  garbledScan: boolean;
}

/** The real scanner, except that the first `count` calls fail with a permission error. */
function scanFailingFirst(count: number, path: string): ScanFn {
  let left = count;
  return (ctx, options) => {
    if (left > 0) {
      left -= 1;
      return Promise.reject(
        Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES', path }),
      );
    }
    return realScan(ctx, options);
  };
}

/** The real scan's answer with its findings replaced by something else: the window must not go blank. */
const garble = (name: string, value: unknown): unknown =>
  name === 'scan' ? { ...(value as object), findings: 'not a list' } : value;

export const test = base.extend<{ app: AppHarness } & AppOptions>({
  homeKind: ['demo', { option: true }],
  running: [[], { option: true }],
  failingScans: [0, { option: true }],
  garbledScan: [false, { option: true }],
  app: async ({ page, homeKind, running, failingScans, garbledScan }, use) => {
    if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      throw new Error(`The built renderer is missing (${RENDERER_DIR}). Run \`npm run build\` first.`);
    }
    const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-e2e-')));
    const dataDir = path.join(scratch, 'app-data');
    const home = buildHome(homeKind, { env: { MCP_AUTH_DOCTOR_DATA_DIR: dataDir } });
    const server = await serveDirectory(RENDERER_DIR);
    const bridge = await attachCoreBridge(page, home.ctx, {
      saveDir: path.join(scratch, 'saved'),
      processes: {
        list: () => Promise.resolve(running),
        isAlive: (pid) => running.some((p) => p.pid === pid),
      },
      ...(failingScans > 0 ? { modules: { scan: scanFailingFirst(failingScans, home.p('.copilot')) } } : {}),
      ...(garbledScan ? { tamper: garble } : {}),
    });
    // Copy buttons write to the clipboard; the specs read it back.
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    const pageErrors: string[] = [];
    let cspViolationsAllowed = false;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (msg) => {
      // A CSP violation is a bug in the page or the policy: fail loudly.
      if (cspViolationsAllowed || msg.type() !== 'error') return;
      if (/Content Security Policy/i.test(msg.text())) pageErrors.push(msg.text());
    });

    const harness: AppHarness = {
      page,
      home,
      bridge,
      server,
      dataDir,
      allowCspViolations() {
        cspViolationsAllowed = true;
      },
      async open() {
        await page.goto(server.url);
        await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
        await expect(page.getByTestId('summary-line')).toBeVisible();
      },
      async expectNoSecrets(extra = '') {
        const shown = await page.evaluate(() => document.documentElement.outerHTML);
        for (const [where, text] of [
          ['the page', shown],
          ['bridge payloads', bridge.record.payloads.join('\n')],
          ['extra text', extra],
        ] as const) {
          // Every planted secret starts with the canary prefix, so one pattern finds any of them.
          assertNoCanary(text, where);
        }
      },
    };
    await use(harness);
    expect(pageErrors, 'page errors or CSP violations').toEqual([]);
    await server.close();
    home.cleanup();
    fs.rmSync(scratch, { recursive: true, force: true });
  },
});

export { expect };

export type Section = 'Overview' | 'Credentials' | 'Doctor' | 'Backups' | 'This computer' | 'Report';

/** Opens a section from the top navigation. */
export async function goTo(page: Page, section: Section): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: section, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** The "What we found" entries as text, one string per problem. */
export async function problemTexts(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Problems found' }).getByRole('listitem').allInnerTexts();
}
