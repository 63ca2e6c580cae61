/**
 * The window factory: the ONLY place webPreferences are set. Every security-relevant preference
 * is written out even where Electron's default already matches, so a reader (and a test) sees the
 * whole posture in one place.
 */
import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import type { LinkAllowList } from '../src/api/links';
import type { TrustedSenders } from './trusted-senders';

export interface MainWindowOptions {
  preloadPath: string;
  /** The page to load: the app:// entry, or the dev server in development. */
  url: string;
  trusted: TrustedSenders;
  links: LinkAllowList;
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

/** webContents already locked down: the app-wide hook and the factory both ask, handlers go on once. */
const lockedDown = new WeakSet<WebContents>();

/**
 * Locks a webContents down. Idempotent: Electron emits `web-contents-created` for the main window
 * too, and the factory locks its window itself (so it is safe on its own), yet every handler must be
 * registered once — a second `will-navigate` listener or open handler is dead weight at best.
 */
export function lockDown(contents: WebContents, links: LinkAllowList): void {
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  // The app is one page: any navigation is either a bug or an attack.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const href = links.check(url);
    if (href !== null) void shell.openExternal(href);
    return { action: 'deny' };
  });
  // The app needs no permission at all (camera, notifications, even the async clipboard: the
  // renderer copies with the copy command on a click instead).
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'MCP Auth Doctor',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  options.trusted.add(window.webContents);
  lockDown(window.webContents, options.links);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
