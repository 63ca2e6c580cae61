/**
 * The app entry: one instance, one window, the core behind IPC. Everything here is wiring; the
 * work happens in src/ (the core) and the small modules next to this file.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app } from 'electron';
import { APP_DOC_LINKS, LinkAllowList, createCoreApi } from '../src/api/index';
import { defaultCoreModules } from '../src/api/core-modules';
import { linksOf } from '../src/api/links';
import { channelOf, type ApiEvents, type EventName } from '../src/contract';
import { contextFromProcess } from '../src/context';
import { realProcessPort } from '../src/system/processes';
import { APP_ENTRY_URL, APP_ORIGIN, originOf, registerAppScheme, serveRenderer } from './app-protocol';
import { electronDesktopPorts } from './desktop-ports';
import { registerCoreApi } from './ipc';
import { AUTH_SPEC_URL, menuTemplate } from './menu';
import { TrustedSenders } from './trusted-senders';
import { configureUserData } from './user-data';
import { createMainWindow, lockDown } from './window';

const ctx = contextFromProcess();
configureUserData(app, ctx);
// Before ready: every renderer sandboxed, whatever a future window asks for.
app.enableSandbox();
registerAppScheme();

// electron-vite's dev server, only when running unpackaged from `electron-vite dev`.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const entryUrl = devUrl ?? APP_ENTRY_URL;
const appOrigin = devUrl !== undefined ? (originOf(devUrl) ?? APP_ORIGIN) : APP_ORIGIN;

const links = new LinkAllowList([...APP_DOC_LINKS, ...linksOf(defaultCoreModules().clients)]);
const trusted = new TrustedSenders(appOrigin);
let mainWindow: BrowserWindow | null = null;

function send<E extends EventName>(event: E, payload: ApiEvents[E]): void {
  const contents = mainWindow?.webContents;
  if (contents !== undefined && !contents.isDestroyed()) contents.send(channelOf(event), payload);
}

function openWindow(): void {
  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    url: entryUrl,
    trusted,
    links,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function focusWindow(): void {
  if (mainWindow === null) return openWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function start(): void {
  serveRenderer(path.join(__dirname, '../renderer'));
  const api = createCoreApi(ctx, {
    desktop: electronDesktopPorts(() => mainWindow),
    emit: send,
    processes: realProcessPort,
  });
  registerCoreApi(api, trusted);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, {
        command: (command) => send('menuCommand', { command }),
        openDocs: () => void api.openLink({ url: AUTH_SPEC_URL }),
      }),
    ),
  );
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  // Any webContents at all (a devtools view, a future window) gets the same lock-down.
  app.on('web-contents-created', (_event, contents) => lockDown(contents, links));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) openWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[main] failed to start:', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
