import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureUserData } from '../../main/user-data';
import { appDataDir } from '../../src/util/data-dir';
import { makeFakeHome, type FakeHome } from '../helpers/fake-home';

vi.mock('electron', () => import('./fake-electron'));

function fakeApp(switches: string[] = []) {
  const paths = new Map<string, string>();
  let name = 'mcp-auth-doctor';
  return {
    setName: (n: string) => void (name = n),
    setPath: (k: string, v: string) => void paths.set(k, v),
    commandLine: { hasSwitch: (s: string) => switches.includes(s) },
    get name() {
      return name;
    },
    paths,
  };
}

describe('the userData folder', () => {
  let home: FakeHome | undefined;
  afterEach(() => home?.cleanup());

  it.each(['darwin', 'win32', 'linux'] as const)('is the CLI data folder on %s', (platform) => {
    home = makeFakeHome({ platform });
    const app = fakeApp();
    const dir = configureUserData(app as never, home.ctx);
    expect(app.name).toBe('MCP Auth Doctor');
    expect(dir).toBe(appDataDir(home.ctx));
    expect(app.paths.get('userData')).toBe(appDataDir(home.ctx));
    expect(path.basename(dir!)).toBe('MCP Auth Doctor');
  });

  it('honours MCP_AUTH_DOCTOR_DATA_DIR like the CLI', () => {
    home = makeFakeHome({ env: { MCP_AUTH_DOCTOR_DATA_DIR: '/tmp/elsewhere' } });
    const app = fakeApp();
    expect(configureUserData(app as never, home.ctx)).toBe('/tmp/elsewhere');
  });

  it('leaves an explicit --user-data-dir alone', () => {
    home = makeFakeHome();
    const app = fakeApp(['user-data-dir']);
    expect(configureUserData(app as never, home.ctx)).toBeNull();
    expect(app.paths.has('userData')).toBe(false);
    expect(app.name).toBe('MCP Auth Doctor');
  });
});
