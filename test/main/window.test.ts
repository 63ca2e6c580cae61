import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow } from '../../main/window';
import { TrustedSenders } from '../../main/trusted-senders';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/app-protocol';
import { LinkAllowList } from '../../src/api/links';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const DOCS = 'https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization';

function makeWindow() {
  const trusted = new TrustedSenders(APP_ORIGIN);
  const win = createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    url: APP_ENTRY_URL,
    trusted,
    links: new LinkAllowList([DOCS]),
  }) as unknown as InstanceType<typeof electron.BrowserWindow>;
  return { win, trusted, contents: win.webContents };
}

describe('the window factory', () => {
  beforeEach(() => {
    electron.shell.openExternal.mockClear();
  });

  it('sets exactly the locked-down webPreferences', () => {
    const { win } = makeWindow();
    expect(win.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
    expect(win.options.show).toBe(false);
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  it('trusts its own webContents for IPC', () => {
    const { contents, trusted } = makeWindow();
    expect(trusted.refusal({ sender: contents, senderFrame: contents.mainFrame } as never)).toBeNull();
  });

  it('cancels every navigation, redirect and webview', () => {
    const { contents } = makeWindow();
    expect(contents.fireCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fireCancellable('will-navigate', `${APP_ENTRY_URL}#/other`)).toBe(true);
    expect(contents.fireCancellable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fireCancellable('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('denies window.open, handing only allowed https links to the browser', () => {
    const { contents } = makeWindow();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(
      open({ url: 'http://modelcontextprotocol.io/specification/2025-06-18/basic/authorization' }),
    ).toEqual({
      action: 'deny',
    });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(open({ url: DOCS })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.shell.openExternal).toHaveBeenCalledWith(DOCS);
  });

  it('denies every permission request and check', () => {
    const { contents } = makeWindow();
    const request = contents.session.permissionRequestHandler!;
    const check = contents.session.permissionCheckHandler!;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      const callback = vi.fn();
      request(contents, permission, callback, { requestingUrl: APP_ENTRY_URL });
      expect(callback.mock.calls).toEqual([[false]]);
      expect(check(contents, permission, APP_ORIGIN, {})).toBe(false);
    }
  });
});
