import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../../../src/paths/expand';
import type { Context } from '../../../src/context';

const ctx = (platform: Context['platform'], env: Record<string, string> = {}): Context => ({
  home: '/h',
  env,
  platform,
  now: () => new Date(0),
});

describe('expandTemplate', () => {
  it('expands ~ and keeps the rest of the path', () => {
    expect(expandTemplate('~/.mcp-auth', ctx('linux'))).toBe(path.join('/h', '.mcp-auth'));
  });
  it('uses APPDATA when set and the profile default otherwise', () => {
    expect(expandTemplate('%APPDATA%/Claude', ctx('win32', { APPDATA: '/roam' }))).toBe(
      path.join('/roam', 'Claude'),
    );
    expect(expandTemplate('%APPDATA%/Claude', ctx('win32'))).toBe(
      path.join('/h', 'AppData', 'Roaming', 'Claude'),
    );
  });
  it('falls back to ~/.config for XDG_CONFIG_HOME and honours it when set', () => {
    expect(expandTemplate('$XDG_CONFIG_HOME/Code', ctx('linux'))).toBe(path.join('/h', '.config', 'Code'));
    expect(expandTemplate('$XDG_CONFIG_HOME/Code', ctx('linux', { XDG_CONFIG_HOME: '/x' }))).toBe(
      path.join('/x', 'Code'),
    );
  });
  it('yields null for an unset or blank ${VAR}', () => {
    expect(expandTemplate('${CODEX_HOME}', ctx('linux'))).toBeNull();
    expect(expandTemplate('${CODEX_HOME}', ctx('linux', { CODEX_HOME: '  ' }))).toBeNull();
    expect(expandTemplate('${CODEX_HOME}/x', ctx('linux', { CODEX_HOME: '/c' }))).toBe(path.join('/c', 'x'));
  });
  it('rejects a template with no known start', () => {
    expect(() => expandTemplate('relative/path', ctx('linux'))).toThrow(/must start/);
  });
});
