/**
 * The BUILT bundles (out/main/index.cjs, out/preload/index.cjs), loaded as Electron would load
 * them but with the fake electron module: proves the CommonJS output runs (bundled core, external
 * runtime deps, the ESM-only ps-list through a dynamic import) and wires IPC end to end.
 * Skipped, with the reason printed, when the build output is missing.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, channelOf, type DesktopApi } from '../../src/contract';
import type { ScanReport } from '../../src/model/scan';
import { assertNoCanary } from '../helpers/canary';
import { makeCanaryHome, type CanaryHome } from './helpers/canary-home';
import * as electron from './fake-electron';

const root = path.resolve(__dirname, '..', '..');
const mainBundle = path.join(root, 'out', 'main', 'index.cjs');
const preloadBundle = path.join(root, 'out', 'preload', 'index.cjs');
const built = fs.existsSync(mainBundle) && fs.existsSync(preloadBundle);
if (!built)
  console.warn('[bundle.test] skipped: out/main or out/preload is missing — run `npm run build` first');

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader };

describe.skipIf(!built)('the built main and preload bundles', () => {
  let home: CanaryHome;
  const originalLoad = moduleInternals._load;

  beforeAll(async () => {
    home = await makeCanaryHome();
    vi.stubEnv('HOME', home.home);
    vi.stubEnv('USERPROFILE', home.home);
    vi.stubEnv('XDG_CONFIG_HOME', home.p('.config'));
    vi.stubEnv('MCP_AUTH_DOCTOR_DATA_DIR', home.p('app-data'));
    // Every `require('electron')` in the bundles gets the fake.
    moduleInternals._load = function (this: unknown, request, parent, isMain) {
      if (request === 'electron') return electron;
      return originalLoad.call(this, request, parent, isMain);
    };
    const load = createRequire(__filename);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    load(mainBundle);
    load(preloadBundle);
    electron.app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  afterAll(() => {
    moduleInternals._load = originalLoad;
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    home.cleanup();
  });

  it('main opens one window on app:// with the preload next to it', () => {
    expect(electron.BrowserWindow.created).toHaveLength(1);
    const win = electron.BrowserWindow.created[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://mcp-auth-doctor/index.html');
    const prefs = win.options.webPreferences as {
      preload: string;
      sandbox: boolean;
      contextIsolation: boolean;
    };
    expect(prefs.preload).toBe(preloadBundle);
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('main answers the window over IPC with the bundled core', async () => {
    const contents = electron.BrowserWindow.created[0]!.webContents;
    for (const name of OPERATION_NAMES) expect(electron.ipcMain.handlers.has(channelOf(name))).toBe(true);
    await expect(electron.ipcMain.invokeAs(contents, channelOf('listBackups'), [{}])).resolves.toEqual({
      ok: true,
      value: [],
    });
    // The real system checks, including the ESM-only process lister loaded from CommonJS.
    const system = (await electron.ipcMain.invokeAs(contents, channelOf('system'), [{}])) as {
      ok: boolean;
      value: { schema: string; processListError?: string | null };
    };
    expect(system.ok).toBe(true);
    expect(system.value.schema).toBe('mcp-auth-doctor/system@1');
    expect(system.value.processListError ?? null).toBeNull();
  });

  it('main scans every client format with the bundled parsers (sql.js included), secrets left behind', async () => {
    const contents = electron.BrowserWindow.created[0]!.webContents;
    const reply = (await electron.ipcMain.invokeAs(contents, channelOf('scan'), [{}])) as {
      ok: boolean;
      value: ScanReport;
    };
    expect(reply.ok).toBe(true);
    const vscode = reply.value.clients.find((c) => c.id === 'vscode');
    expect(vscode?.credentials.length).toBeGreaterThan(0);
    expect(reply.value.findings.filter((f) => f.code === 'malformed-file' && f.client === 'vscode')).toEqual(
      [],
    );
    assertNoCanary(JSON.stringify(reply), 'the bundled scan');
  });

  it('the preload exposes the frozen API that reaches main', async () => {
    const api = electron.contextBridge.exposed.get('mcpAuthDoctor') as DesktopApi;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, 'on'].sort());
    // Route the preload's invoke into main's handlers, as the window's IPC would.
    const contents = electron.BrowserWindow.created[0]!.webContents;
    electron.ipcRenderer.invoke.mockImplementation((channel: string, request: unknown) =>
      electron.ipcMain.invokeAs(contents, channel, [request]),
    );
    await expect(api.listBackups({})).resolves.toEqual([]);
    await expect(api.openLink({ url: 'https://evil.example/' })).rejects.toThrow(
      /Only https links provided by the app/,
    );
  });
});
