import { describe, expect, it } from 'vitest';
import { checkBrowserOpener, parseLaunchServicesHandlers } from '../../../src/system/browser-opener';
import { browserOpenerFindings } from '../../../src/system/index';
import type { Context, Platform } from '../../../src/context';
import { fakePorts } from './fake-ports';

function ctxFor(platform: Platform, env: Record<string, string> = {}): Context {
  const home =
    platform === 'win32' ? 'C:\\Users\\alice' : platform === 'darwin' ? '/Users/alice' : '/home/alice';
  return { home, env, platform, now: () => new Date('2026-11-26T12:00:00Z') };
}

/** The read-only query commands the opener check may run; it must never open anything. */
const QUERY_COMMANDS = new Set(['xdg-settings', 'defaults', 'reg']);
const onlyQueries = (ran: string[]): boolean => ran.every((r) => QUERY_COMMANDS.has(r.split(' ')[0]!));

describe('browser opener on Linux', () => {
  const desktop = { DISPLAY: ':0' };

  it('is ok with xdg-open, a display and a default browser', async () => {
    const ports = fakePorts({
      onPath: { 'xdg-open': '/usr/bin/xdg-open', 'xdg-settings': '/usr/bin/xdg-settings' },
      answers: { 'xdg-settings get default-web-browser': { code: 0, stdout: 'firefox.desktop\n' } },
      files: { '/proc/version': 'Linux version 6.8.0-45-generic (buildd@lcy02-amd64) (gcc 13.2.0)' },
    });
    const opener = await checkBrowserOpener(ctxFor('linux', desktop), ports);
    expect(opener).toMatchObject({
      status: 'ok',
      command: '/usr/bin/xdg-open',
      defaultBrowser: 'firefox.desktop',
      wsl: false,
      display: true,
    });
    expect(opener.detail).toContain('firefox.desktop');
    expect(browserOpenerFindings(opener)).toEqual([]);
    expect(onlyQueries(ports.ran)).toBe(true);
  });

  it('is missing without xdg-open, and says to install xdg-utils', async () => {
    const ports = fakePorts({ onPath: {}, files: { '/proc/version': 'Linux version 6.8.0' } });
    const opener = await checkBrowserOpener(ctxFor('linux', desktop), ports);
    expect(opener.status).toBe('missing');
    expect(opener.command).toBeNull();
    expect(opener.fix).toContain('xdg-utils');
    const [finding] = browserOpenerFindings(opener);
    expect(finding).toMatchObject({ code: 'browser-opener-missing', severity: 'warning' });
  });

  it('is unknown without a display (an SSH session), even with xdg-open', async () => {
    const ports = fakePorts({ onPath: { 'xdg-open': '/usr/bin/xdg-open' } });
    const opener = await checkBrowserOpener(ctxFor('linux', {}), ports);
    expect(opener.status).toBe('unknown');
    expect(opener.display).toBe(false);
    expect(opener.detail).toMatch(/DISPLAY/);
    expect(browserOpenerFindings(opener)[0]).toMatchObject({
      code: 'browser-opener-unknown',
      severity: 'info',
    });
  });

  it('is unknown with a display but no default browser, and says how to set one', async () => {
    const ports = fakePorts({
      onPath: { 'xdg-open': '/usr/bin/xdg-open', 'xdg-settings': '/usr/bin/xdg-settings' },
      answers: { 'xdg-settings get default-web-browser': { code: 0, stdout: '\n' } },
    });
    const opener = await checkBrowserOpener(ctxFor('linux', { WAYLAND_DISPLAY: 'wayland-0' }), ports);
    expect(opener.status).toBe('unknown');
    expect(opener.fix).toContain('xdg-settings set default-web-browser');
  });

  it('takes $BROWSER as the default browser without asking xdg-settings', async () => {
    const ports = fakePorts({
      onPath: { 'xdg-open': '/usr/bin/xdg-open', 'xdg-settings': '/usr/bin/xdg-settings' },
    });
    const opener = await checkBrowserOpener(ctxFor('linux', { ...desktop, BROWSER: 'firefox' }), ports);
    expect(opener).toMatchObject({ status: 'ok', defaultBrowser: 'firefox' });
    expect(ports.ran).toEqual([]);
  });
});

describe('browser opener under WSL', () => {
  const wslKernel = {
    '/proc/version': 'Linux version 5.15.167.4-microsoft-standard-WSL2 (root@f9c826d3017f)',
  };

  it('is ok with wslview, detected from the kernel name', async () => {
    const ports = fakePorts({ onPath: { wslview: '/usr/bin/wslview' }, files: wslKernel });
    const opener = await checkBrowserOpener(ctxFor('linux'), ports);
    expect(opener).toMatchObject({ status: 'ok', wsl: true, command: '/usr/bin/wslview' });
  });

  it('is detected from WSL_DISTRO_NAME alone', async () => {
    const ports = fakePorts({ onPath: { wslview: '/usr/bin/wslview' } });
    const opener = await checkBrowserOpener(ctxFor('linux', { WSL_DISTRO_NAME: 'Ubuntu' }), ports);
    expect(opener.wsl).toBe(true);
  });

  it('is unknown with only xdg-open (it finds no Windows browser) and points at wslu', async () => {
    const ports = fakePorts({ onPath: { 'xdg-open': '/usr/bin/xdg-open' }, files: wslKernel });
    const opener = await checkBrowserOpener(ctxFor('linux', { DISPLAY: ':0' }), ports);
    expect(opener.status).toBe('unknown');
    expect(opener.fix).toContain('wslu');
  });

  it('is missing with neither wslview nor xdg-open nor BROWSER', async () => {
    const ports = fakePorts({ onPath: {}, files: wslKernel });
    const opener = await checkBrowserOpener(ctxFor('linux'), ports);
    expect(opener.status).toBe('missing');
    expect(opener.fix).toContain('wslview');
  });

  it('is ok when BROWSER points somewhere', async () => {
    const ports = fakePorts({ onPath: {}, files: wslKernel });
    const opener = await checkBrowserOpener(
      ctxFor('linux', { BROWSER: '/mnt/c/Program Files/Firefox/firefox.exe' }),
      ports,
    );
    expect(opener.status).toBe('ok');
  });
});

const LS_HANDLERS = `(
        {
        LSHandlerContentType = "public.html";
        LSHandlerRoleAll = "com.apple.safari";
    },
        {
        LSHandlerPreferredVersions =         {
            LSHandlerRoleAll = "-";
        };
        LSHandlerRoleAll = "com.google.chrome";
        LSHandlerURLScheme = https;
    },
        {
        LSHandlerRoleAll = "org.mozilla.firefox";
        LSHandlerURLScheme = http;
    }
)
`;

describe('browser opener on macOS', () => {
  const mac = (
    answer: { code: number | null; stdout?: string },
    onPath: Record<string, string> = { open: '/usr/bin/open', defaults: '/usr/bin/defaults' },
  ) =>
    fakePorts({
      onPath,
      answers: {
        'defaults read com.apple.LaunchServices/com.apple.launchservices.secure LSHandlers': {
          code: answer.code,
          stdout: answer.stdout ?? '',
        },
      },
    });

  it('reads the https handler from LaunchServices', async () => {
    const opener = await checkBrowserOpener(ctxFor('darwin'), mac({ code: 0, stdout: LS_HANDLERS }));
    expect(opener).toMatchObject({
      status: 'ok',
      defaultBrowser: 'com.google.chrome',
      command: '/usr/bin/open',
    });
    expect(opener.detail).toContain('Google Chrome');
    expect(opener.fix).toMatch(/App Management/);
  });

  it('parses only top-level entries, not the nested preferred-versions dictionary', () => {
    expect(parseLaunchServicesHandlers(LS_HANDLERS, 'https')).toBe('com.google.chrome');
    expect(parseLaunchServicesHandlers(LS_HANDLERS, 'http')).toBe('org.mozilla.firefox');
    expect(parseLaunchServicesHandlers(LS_HANDLERS, 'mailto')).toBeNull();
    expect(parseLaunchServicesHandlers('not a plist {{{', 'https')).toBeNull();
  });

  it('falls back to Safari when no browser was ever chosen (no preferences domain)', async () => {
    const opener = await checkBrowserOpener(ctxFor('darwin'), mac({ code: 1 }));
    expect(opener).toMatchObject({ status: 'ok', defaultBrowser: 'com.apple.safari' });
    expect(opener.detail).toContain('Safari');
  });

  it('is unknown when LaunchServices cannot be asked', async () => {
    const opener = await checkBrowserOpener(ctxFor('darwin'), mac({ code: 0 }, { open: '/usr/bin/open' }));
    expect(opener.status).toBe('unknown');
  });

  it('is unknown when `open` is not on PATH', async () => {
    const opener = await checkBrowserOpener(
      ctxFor('darwin'),
      mac({ code: 0, stdout: LS_HANDLERS }, { defaults: '/usr/bin/defaults' }),
    );
    expect(opener.status).toBe('unknown');
    expect(opener.detail).toContain('`open`');
  });
});

describe('browser opener on Windows', () => {
  const key =
    'reg query HKCU\\Software\\Microsoft\\Windows\\Shell\\Associations\\UrlAssociations\\https\\UserChoice /v ProgId';

  it('reads the https UserChoice ProgId', async () => {
    const ports = fakePorts({
      onPath: { reg: 'C:\\Windows\\system32\\reg.exe' },
      answers: {
        [key]: {
          code: 0,
          stdout:
            '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\Shell\\Associations\\UrlAssociations\\https\\UserChoice\r\n    ProgId    REG_SZ    MSEdgeHTM\r\n\r\n',
        },
      },
    });
    const opener = await checkBrowserOpener(ctxFor('win32'), ports);
    expect(opener).toMatchObject({ status: 'ok', defaultBrowser: 'MSEdgeHTM' });
    expect(opener.detail).toContain('Microsoft Edge');
    expect(ports.ran).toEqual([key]);
  });

  it('is unknown when no https handler was chosen, and says where to choose one', async () => {
    const ports = fakePorts({
      onPath: { reg: 'C:\\Windows\\system32\\reg.exe' },
      answers: {
        [key]: {
          code: 1,
          stderr: 'ERROR: The system was unable to find the specified registry key or value.',
        },
      },
    });
    const opener = await checkBrowserOpener(ctxFor('win32'), ports);
    expect(opener.status).toBe('unknown');
    expect(opener.fix).toMatch(/Default apps/);
  });

  it('is unknown when reg cannot run', async () => {
    const opener = await checkBrowserOpener(ctxFor('win32'), fakePorts({ onPath: {} }));
    expect(opener.status).toBe('unknown');
    expect(opener.detail).toContain('reg query');
  });
});
