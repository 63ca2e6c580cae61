/**
 * The native menu: standard roles on every OS plus the app's own commands, which reach the
 * renderer as `menuCommand` events (the renderer decides what "rescan" means on screen).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ApiEvents } from '../src/contract';

export type MenuCommand = ApiEvents['menuCommand']['command'];

export interface MenuActions {
  command: (command: MenuCommand) => void;
  openDocs: () => void;
}

/** Help opens the current revision of the MCP authorization spec (it is on the link allow-list). */
export const AUTH_SPEC_URL = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization';

/**
 * Our own command's shortcut. Not CmdOrCtrl+Shift+Z: that is Redo on macOS (and in many editors
 * elsewhere). The renderer asks before restoring anything, so a stray press changes nothing.
 */
export const UNDO_LAST_RESET_ACCELERATOR = 'CmdOrCtrl+Alt+Z';

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: mac ? 'Actions' : '&File',
    submenu: [
      { label: 'Rescan', accelerator: 'CmdOrCtrl+R', click: () => actions.command('rescan') },
      {
        label: 'Undo Last Reset…',
        accelerator: UNDO_LAST_RESET_ACCELERATOR,
        click: () => actions.command('undo-last'),
      },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit', accelerator: 'CmdOrCtrl+Q' }] as const)),
    ],
  };
  // The standard Edit menu, untouched: the roles bring the shortcuts each OS expects.
  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  // Not role 'viewMenu': its Reload would take CmdOrCtrl+R from Rescan.
  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'MCP Authorization Specification', click: () => actions.openDocs() }],
  };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, view, { role: 'windowMenu' }, help];
}
