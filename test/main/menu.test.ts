import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_DOC_LINKS } from '../../src/api/links';
import { AUTH_SPEC_URL, menuTemplate, type MenuCommand } from '../../main/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

/** One spelling per shortcut on a platform: CmdOrCtrl resolved, modifiers in a fixed order. */
function normalise(accelerator: string, platform: NodeJS.Platform): string {
  const parts = accelerator.split('+').map((p) => p.toLowerCase());
  const key = parts.pop()!;
  const mods = parts.map((m) => {
    if (m === 'cmdorctrl' || m === 'commandorcontrol') return platform === 'darwin' ? 'cmd' : 'ctrl';
    if (m === 'command') return 'cmd';
    if (m === 'control') return 'ctrl';
    if (m === 'option') return 'alt';
    return m;
  });
  return [...new Set(mods)].sort().concat(key).join('+');
}

/**
 * Shortcuts people use to edit text and move around on each OS (the Edit roles' own, plus the
 * Redo spellings every platform knows), which an app command must never take.
 */
function standardEditingShortcuts(platform: NodeJS.Platform): string[] {
  const mod = platform === 'darwin' ? 'Cmd' : 'Ctrl';
  const common = ['Z', 'Shift+Z', 'X', 'C', 'V', 'A', 'F', 'W', 'Q', 'Shift+V', 'Alt+Shift+V'].map(
    (k) => `${mod}+${k}`,
  );
  const redoY = platform === 'darwin' ? [] : ['Ctrl+Y'];
  const mac = platform === 'darwin' ? ['Cmd+H', 'Cmd+M', 'Cmd+Alt+H', 'Cmd+G', 'Cmd+Shift+G'] : [];
  return [...common, ...redoY, ...mac].map((a) => normalise(a, platform));
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

  it('has Rescan on CmdOrCtrl+R and Undo Last Reset… on CmdOrCtrl+Alt+Z, sent as menu commands', () => {
    expect(byLabel('Rescan').accelerator).toBe('CmdOrCtrl+R');
    // The ellipsis says it asks first: the window shows what would be restored before restoring.
    expect(byLabel('Undo Last Reset…').accelerator).toBe('CmdOrCtrl+Alt+Z');
    click(byLabel('Rescan'));
    click(byLabel('Undo Last Reset…'));
    expect(commands).toEqual(['rescan', 'undo-last']);
  });

  it('keeps the standard Edit roles untouched: no accelerator of ours on them', () => {
    const edit = items.filter((i) =>
      ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'].includes(i.role ?? ''),
    );
    expect(edit.map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    for (const item of edit) expect(item, item.role).toEqual({ role: item.role });
  });

  it('gives no command of ours a standard editing shortcut', () => {
    const standard = new Set(standardEditingShortcuts(platform));
    const ours = items.filter((i) => i.role === undefined && typeof i.accelerator === 'string');
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const item of ours) {
      expect(standard.has(normalise(item.accelerator as string, platform)), `${item.label}`).toBe(false);
    }
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

  it('points Help at the current (2025-11-25) authorization spec, which the link allow-list holds', () => {
    expect(AUTH_SPEC_URL).toBe(
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
    );
    expect(APP_DOC_LINKS).toContain(AUTH_SPEC_URL);
  });
});
