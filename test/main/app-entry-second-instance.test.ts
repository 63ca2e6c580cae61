import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeFakeHome } from '../helpers/fake-home';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

// The entry reads the real process environment: point it at a throwaway home first.
const home = makeFakeHome();
beforeAll(() => {
  vi.stubEnv('HOME', home.home);
  vi.stubEnv('USERPROFILE', home.home);
  vi.stubEnv('XDG_CONFIG_HOME', home.p('.config'));
  vi.stubEnv('MCP_AUTH_DOCTOR_DATA_DIR', home.p('data'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  home.cleanup();
});

describe('a second copy of the app', () => {
  it('quits at once when another instance holds the lock, opening no window', async () => {
    electron.app.singleInstance = false;
    await import('../../main/index');
    electron.app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.BrowserWindow.created).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});
