/**
 * The window factory: the ONLY place webPreferences are set. Every security-relevant preference
 * is written out even where Electron's default already matches, so a reader (and a test) sees the
 * whole posture in one place.
 */
import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import type { LinkAllowList } from '../src/api/links';
import { originOf } from './app-protocol';
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

/** The page may write to the clipboard (Copy report); it gets no other permission, ever. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function lockDown(contents: WebContents, appOrigin: string, links: LinkAllowList): void {
  // The app is one page: any navigation is either a bug or an attack.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const href = links.check(url);
    if (href !== null) void shell.openExternal(href);
    return { action: 'deny' };
  });
  const ours = (origin: string | null | undefined): boolean =>
    typeof origin === 'string' && originOf(origin) === appOrigin;
  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && ours(details.requestingUrl));
  });
  contents.session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && ours(requestingOrigin);
  });
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
  const appOrigin = originOf(options.url) ?? '';
  options.trusted.add(window.webContents);
  lockDown(window.webContents, appOrigin, options.links);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
