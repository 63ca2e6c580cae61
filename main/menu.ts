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

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: mac ? 'Actions' : '&File',
    submenu: [
      { label: 'Rescan', accelerator: 'CmdOrCtrl+R', click: () => actions.command('rescan') },
      {
        label: 'Undo Last Reset',
        accelerator: 'CmdOrCtrl+Shift+Z',
        click: () => actions.command('undo-last'),
      },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit', accelerator: 'CmdOrCtrl+Q' }] as const)),
    ],
  };
  // Written out instead of role 'editMenu': its Redo takes Cmd+Shift+Z on macOS, which is
  // "Undo Last Reset" here, so Redo moves to CmdOrCtrl+Y.
  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo', accelerator: 'CmdOrCtrl+Y' },
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
