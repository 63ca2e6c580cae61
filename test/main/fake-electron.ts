/**
 * A small stand-in for the `electron` module (the real binary cannot run here). It records what
 * main asks of Electron and lets tests play the other side: invoke an IPC channel as a given
 * sender, fire webContents events, call permission handlers. Used via
 * `vi.mock('electron', () => import('./fake-electron'))`.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  /** What identifies a frame in Electron (WebFrameMain wrappers are not guaranteed to be reused). */
  processId: number;
  routingId: number;
}

let nextId = 1;
let nextRoutingId = 1;

export class FakeSession {
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler = vi.fn((h: (...args: unknown[]) => void) => {
    this.permissionRequestHandler = h;
  });
  setPermissionCheckHandler = vi.fn((h: (...args: unknown[]) => boolean) => {
    this.permissionCheckHandler = h;
  });
}

export const defaultSession = new FakeSession();

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly session = defaultSession;
  readonly mainFrame: FakeFrame = {
    url: 'about:blank',
    parent: null,
    processId: 100 + this.id,
    routingId: nextRoutingId++,
  };
  /** Another frame inside this page (an iframe), in the same renderer process. */
  subframe(url: string): FakeFrame {
    return { url, parent: this.mainFrame, processId: this.mainFrame.processId, routingId: nextRoutingId++ };
  }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  private destroyed = false;
  setWindowOpenHandler = vi.fn((h: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = h;
  });
  send = vi.fn((channel: string, payload: unknown) => {
    this.sent.push({ channel, payload });
  });
  isDestroyed = (): boolean => this.destroyed;
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Fires a cancellable event the way Electron does; returns whether it was prevented. */
  fireCancellable(name: string, url: string): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static getAllWindows = (): BrowserWindow[] => BrowserWindow.created;
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((url: string) => {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  });
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = (): boolean => false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    // As in Electron: every new webContents, the window's own included, is announced app-wide.
    app.emit('web-contents-created', {}, this.webContents);
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle = vi.fn((channel: string, handler: Handler) => {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
  /** Calls a channel as `sender` from `frame` (default: the sender's main frame). */
  invokeAs(
    sender: FakeWebContents,
    channel: string,
    args: unknown[],
    frame: FakeFrame | null = sender.mainFrame,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return Promise.reject(new Error(`no handler for ${channel}`));
    return Promise.resolve(handler({ sender, senderFrame: frame }, ...args));
  }
}
export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer {
  readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  invoke = vi.fn((_channel: string, _request: unknown): Promise<unknown> => Promise.resolve(undefined));
  on = vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  });
  removeListener = vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
    this.listeners.get(channel)?.delete(listener);
    return this;
  });
  /** Delivers a message the way Electron does: an event object first, then the payload. */
  emitFromMain(channel: string, payload: unknown): void {
    const event = { sender: this, ports: [] };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const shell = {
  openExternal: vi.fn((_url: string) => Promise.resolve()),
  showItemInFolder: vi.fn((_path: string) => undefined),
  openPath: vi.fn((_path: string) => Promise.resolve('')),
};

export const dialog = {
  showSaveDialog: vi.fn(() => Promise.resolve({ canceled: true, filePath: undefined as string | undefined })),
};

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const net = { fetch: vi.fn() };

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>();
  readonly switches = new Set<string>();
  name = 'mcp-auth-doctor';
  singleInstance = true;
  private readyResolve: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  readonly commandLine = { hasSwitch: (name: string): boolean => this.switches.has(name) };
  setName = vi.fn((name: string) => {
    this.name = name;
  });
  setPath = vi.fn((key: string, value: string) => {
    this.paths.set(key, value);
  });
  getPath = (key: string): string => this.paths.get(key) ?? `/fake/${key}`;
  enableSandbox = vi.fn();
  requestSingleInstanceLock = vi.fn(() => this.singleInstance);
  quit = vi.fn();
  exit = vi.fn();
  isReady = (): boolean => true;
  whenReady = (): Promise<void> => this.ready;
  /** Test control: let `whenReady()` resolve. */
  becomeReady(): void {
    this.readyResolve();
  }
}
export const app = new FakeApp();

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  net,
  protocol,
  shell,
};
