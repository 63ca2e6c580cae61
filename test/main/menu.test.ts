import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuCommand } from '../../main/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe.each(['darwin', 'win32', 'linux'] as const)('the menu on %s', (platform) => {
  const commands: MenuCommand[] = [];
  const openDocs = vi.fn();
  const items = flatten(menuTemplate(platform, { command: (c) => commands.push(c), openDocs }));
  const byLabel = (label: string): MenuItemConstructorOptions => {
    const item = items.find((i) => i.label === label);
    if (item === undefined) throw new Error(`no menu item ${label}`);
    return item;
  };
  const click = (item: MenuItemConstructorOptions): void => (item.click as unknown as () => void)();

  it('has Rescan on CmdOrCtrl+R and Undo Last Reset on CmdOrCtrl+Shift+Z, sent as menu commands', () => {
    expect(byLabel('Rescan').accelerator).toBe('CmdOrCtrl+R');
    expect(byLabel('Undo Last Reset').accelerator).toBe('CmdOrCtrl+Shift+Z');
    click(byLabel('Rescan'));
    click(byLabel('Undo Last Reset'));
    expect(commands).toEqual(['rescan', 'undo-last']);
  });

  it('has Quit and the standard edit, view and window roles', () => {
    const roles = items.map((i) => i.role).filter((r) => r !== undefined);
    if (platform === 'darwin') expect(roles).toContain('appMenu');
    else expect(items.find((i) => i.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
    for (const role of [
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'windowMenu',
      'help',
      'togglefullscreen',
    ]) {
      expect(roles).toContain(role);
    }
    // Neither Reload (would shadow Rescan) nor devtools in the shipped menu.
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('toggleDevTools');
  });

  it('gives no two items the same accelerator', () => {
    const accelerators = items.map((i) => i.accelerator).filter((a): a is string => typeof a === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('opens the docs from Help', () => {
    click(byLabel('MCP Authorization Specification'));
    expect(openDocs).toHaveBeenCalledTimes(1);
  });
});
