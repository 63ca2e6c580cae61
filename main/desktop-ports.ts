/** The façade's DesktopPorts, done with Electron's shell and dialog. */
import { dialog, shell, type BrowserWindow } from 'electron';
import type { DesktopPorts } from '../src/api/desktop-ports';

export function electronDesktopPorts(window: () => BrowserWindow | null): DesktopPorts {
  return {
    showItemInFolder: (path) => shell.showItemInFolder(path),
    openExternal: (url) => shell.openExternal(url),
    openPath: (path) => shell.openPath(path),
    async chooseSavePath({ defaultName, extensions }) {
      const options = {
        defaultPath: defaultName,
        filters: [{ name: extensions.join(', ').toUpperCase(), extensions }],
      };
      const parent = window();
      const result =
        parent !== null ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === undefined || result.filePath === ''
        ? null
        : result.filePath;
    },
  };
}
