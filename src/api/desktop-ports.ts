/**
 * Side effects that belong to the desktop, not the core: main implements these with Electron's
 * shell and dialog, the renderer's test bridge with recorders. The façade validates every
 * argument before it reaches a port.
 */
import type { ApiEvents, EventName } from '../contract';

export interface SaveDialogRequest {
  defaultName: string;
  /** Extensions without the dot, e.g. `md`. */
  extensions: string[];
}

export interface DesktopPorts {
  /** Show a file or folder in Finder / Explorer / the file manager. */
  showItemInFolder: (path: string) => void | Promise<void>;
  /** Open an https URL in the default browser. Only called with URLs the app built. */
  openExternal: (url: string) => Promise<void>;
  /** Ask where to save; null when the user cancels. */
  chooseSavePath: (request: SaveDialogRequest) => Promise<string | null>;
  /** Open a local file with its default app; resolves to '' on success, else the OS's words. */
  openPath: (path: string) => Promise<string>;
}

export type EmitEvent = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;
