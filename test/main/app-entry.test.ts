import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeFakeHome } from '../helpers/fake-home';
import { OPERATION_NAMES, channelOf } from '../../src/contract';
import { APP_DOC_LINKS } from '../../src/api/links';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

// The entry reads the real process environment: point it at a throwaway home first.
const home = makeFakeHome();
beforeAll(() => {
  vi.stubEnv('HOME', home.home);
  vi.stubEnv('USERPROFILE', home.home);
  vi.stubEnv('XDG_CONFIG_HOME', home.p('.config'));
  vi.stubEnv('MCP_AUTH_DOCTOR_DATA_DIR', home.p('data'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  home.cleanup();
});

const { app, BrowserWindow, ipcMain, Menu, protocol, shell } = electron;

beforeAll(async () => {
  await import('../../main/index');
  app.becomeReady();
  await new Promise((resolve) => setTimeout(resolve, 0));
});

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('the app entry', () => {
  it('takes the single-instance lock, names the app, sandboxes every renderer and registers app://', () => {
    expect(app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.name).toBe('MCP Auth Doctor');
    expect(app.paths.get('userData')).toBe(home.p('data'));
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens exactly one window on the built renderer with the bundled preload', () => {
    expect(BrowserWindow.created).toHaveLength(1);
    const win = BrowserWindow.created[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://mcp-auth-doctor/index.html');
    const prefs = win.options.webPreferences as { preload: string; sandbox: boolean };
    expect(prefs.preload.split(path.sep).slice(-2)).toEqual(['preload', 'index.cjs']);
    expect(prefs.sandbox).toBe(true);
  });

  it('registers every operation, callable from the window', async () => {
    for (const name of OPERATION_NAMES) expect(ipcMain.handlers.has(channelOf(name))).toBe(true);
    const contents = BrowserWindow.created[0]!.webContents;
    await expect(
      ipcMain.invokeAs(contents, channelOf('openLink'), [{ url: 'https://evil.example/' }]),
    ).resolves.toMatchObject({ ok: false, error: { code: 'link-not-allowed' } });
    expect(shell.openExternal).not.toHaveBeenCalled();
    await expect(
      ipcMain.invokeAs(contents, channelOf('openLink'), [{ url: APP_DOC_LINKS[0] }]),
    ).resolves.toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(shell.openExternal).toHaveBeenCalledWith(APP_DOC_LINKS[0]);
  });

  it('sends menu commands to the window as events', () => {
    const template = Menu.buildFromTemplate.mock.calls[0]![0] as MenuItemConstructorOptions[];
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const rescan = flatten(template).find((i) => i.label === 'Rescan')!;
    (rescan.click as unknown as () => void)();
    const contents = BrowserWindow.created[0]!.webContents;
    expect(contents.sent).toContainEqual({
      channel: channelOf('menuCommand'),
      payload: { command: 'rescan' },
    });
  });

  it('opens the 2025-11-25 authorization spec from Help', async () => {
    const template = Menu.buildFromTemplate.mock.calls[0]![0] as MenuItemConstructorOptions[];
    const help = flatten(template).find((i) => i.label === 'MCP Authorization Specification')!;
    shell.openExternal.mockClear();
    (help.click as unknown as () => void)();
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(1));
    expect(shell.openExternal).toHaveBeenCalledWith(
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
    );
  });

  it('focuses the existing window on a second launch instead of opening another', () => {
    app.emit('second-instance');
    expect(BrowserWindow.created).toHaveLength(1);
    expect(BrowserWindow.created[0]!.focus).toHaveBeenCalled();
  });

  it('locks the main window down exactly once, although both the factory and the app-wide hook ask', () => {
    const contents = BrowserWindow.created[0]!.webContents;
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('locks down any other webContents that appears', () => {
    const stray = new electron.FakeWebContents();
    app.emit('web-contents-created', {}, stray);
    expect(stray.fireCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(stray.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});
