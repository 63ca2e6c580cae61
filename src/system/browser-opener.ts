/**
 * Can a client hand the sign-in page to a browser? Each OS answers differently: Linux needs
 * xdg-open, a display and a default browser (or wslview under WSL); macOS asks LaunchServices;
 * Windows keeps the https handler's ProgId under UserChoice.
 */
import type { Context } from '../context';
import type { BrowserOpener } from '../model/system';
import { envValue } from './env';
import type { SystemPorts } from './ports';

export async function checkBrowserOpener(ctx: Context, ports: SystemPorts): Promise<BrowserOpener> {
  switch (ctx.platform) {
    case 'darwin':
      return checkMac(ports);
    case 'win32':
      return checkWindows(ports);
    default:
      return checkLinux(ctx, ports);
  }
}

/** WSL says so in its env (set for every process started from Windows) and in the kernel name. */
export async function detectWsl(ctx: Context, ports: SystemPorts): Promise<boolean> {
  if (envValue(ctx, 'WSL_DISTRO_NAME') !== null || envValue(ctx, 'WSL_INTEROP') !== null) return true;
  const version = (await ports.readFile('/proc/version')) ?? '';
  return /microsoft|wsl/i.test(version);
}

async function linuxDefaultBrowser(ports: SystemPorts): Promise<string | null> {
  if ((await ports.which('xdg-settings')) === null) return null;
  const r = await ports.run('xdg-settings', ['get', 'default-web-browser']);
  const value = r.stdout.trim();
  return r.code === 0 && value !== '' ? value : null;
}

async function checkLinux(ctx: Context, ports: SystemPorts): Promise<BrowserOpener> {
  const wsl = await detectWsl(ctx, ports);
  const browserEnv = envValue(ctx, 'BROWSER');
  const display = envValue(ctx, 'DISPLAY') !== null || envValue(ctx, 'WAYLAND_DISPLAY') !== null;
  const xdgOpen = await ports.which('xdg-open');

  if (wsl) {
    const wslview = await ports.which('wslview');
    const base = { wsl, display, defaultBrowser: browserEnv };
    if (wslview !== null) {
      return {
        ...base,
        status: 'ok',
        command: wslview,
        detail: `WSL: wslview (${wslview}) hands URLs to the Windows default browser.`,
        fix: 'If the browser still does not open, run `wslview https://example.com` in a WSL terminal to see the error.',
      };
    }
    if (browserEnv !== null) {
      return {
        ...base,
        status: 'ok',
        command: xdgOpen,
        detail: `WSL: BROWSER is set to "${browserEnv}", which clients use to open sign-in pages.`,
        fix: 'If the browser does not open, point BROWSER at a Windows browser or install wslu (it provides wslview).',
      };
    }
    return {
      ...base,
      status: xdgOpen !== null ? 'unknown' : 'missing',
      command: xdgOpen,
      detail:
        xdgOpen !== null
          ? `WSL: xdg-open is at ${xdgOpen}, but inside WSL it finds no Windows browser unless wslview is installed or BROWSER is set.`
          : 'WSL: neither wslview nor xdg-open is on PATH, and BROWSER is unset: clients have no way to open the sign-in page.',
      fix: 'Install wslu (`sudo apt install wslu`) so wslview opens the Windows default browser, or set BROWSER to a Windows browser; then restart the client.',
    };
  }

  const defaultBrowser = browserEnv ?? (await linuxDefaultBrowser(ports));
  const base = { wsl, display, defaultBrowser, command: xdgOpen };
  if (xdgOpen === null) {
    return {
      ...base,
      status: 'missing',
      detail:
        'xdg-open is not on PATH, so clients cannot hand the sign-in page to a browser' +
        (browserEnv !== null ? ` (BROWSER="${browserEnv}" helps only the clients that read it).` : '.'),
      fix: 'Install xdg-utils (`sudo apt install xdg-utils` or `sudo dnf install xdg-utils`), check `which xdg-open` finds it, then restart the client.',
    };
  }
  if (!display) {
    return {
      ...base,
      status: 'unknown',
      detail: `xdg-open is at ${xdgOpen}, but DISPLAY and WAYLAND_DISPLAY are unset: this session has no graphical display, so no browser window can appear (SSH or a headless machine?).`,
      fix: 'Sign in from a desktop session, or open the sign-in URL the client prints in a browser yourself (forward the loopback callback port when it is on another machine).',
    };
  }
  if (defaultBrowser === null) {
    return {
      ...base,
      status: 'unknown',
      detail: `xdg-open is at ${xdgOpen} and a display is set, but no default browser was found (xdg-settings gives none and BROWSER is unset).`,
      fix: 'Choose a default browser in your desktop settings, or run `xdg-settings set default-web-browser firefox.desktop` (use your browser’s .desktop name).',
    };
  }
  return {
    ...base,
    status: 'ok',
    detail: `xdg-open (${xdgOpen}) opens links in ${defaultBrowser}.`,
    fix: 'If the browser still does not open during sign-in, run `xdg-open https://example.com` in a terminal to see the error, then restart the client.',
  };
}

const MAC_BROWSERS: Record<string, string> = {
  'com.apple.safari': 'Safari',
  'com.google.chrome': 'Google Chrome',
  'org.mozilla.firefox': 'Firefox',
  'com.microsoft.edgemac': 'Microsoft Edge',
  'com.brave.browser': 'Brave',
  'company.thebrowser.browser': 'Arc',
  'com.operasoftware.opera': 'Opera',
  'com.vivaldi.vivaldi': 'Vivaldi',
};

const MAC_FIX =
  'If the browser does not open during sign-in: System Settings › Privacy & Security › App Management, allow the client, then restart it.';

/**
 * The https entry of `defaults read …launchservices.secure LSHandlers` (an old-style plist
 * array of dictionaries). Nested dictionaries (LSHandlerPreferredVersions) are skipped.
 */
export function parseLaunchServicesHandlers(text: string, scheme: string): string | null {
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') {
      depth += 1;
      if (depth === 1) current = '';
      continue;
    }
    if (ch === '}') {
      if (depth === 1) {
        const schemeMatch = /LSHandlerURLScheme\s*=\s*"?([^";\s]+)"?\s*;/.exec(current);
        if (schemeMatch?.[1]?.toLowerCase() === scheme) {
          const role = /LSHandlerRole(?:All|Viewer)\s*=\s*"?([^";\s]+)"?\s*;/.exec(current);
          if (role?.[1] !== undefined && role[1] !== '-') return role[1];
        }
      }
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth === 1) current += ch;
  }
  return null;
}

async function checkMac(ports: SystemPorts): Promise<BrowserOpener> {
  const open = await ports.which('open');
  const base = { wsl: false, display: null, command: open, fix: MAC_FIX };
  const r = await ports.run('defaults', [
    'read',
    'com.apple.LaunchServices/com.apple.launchservices.secure',
    'LSHandlers',
  ]);
  if (r.code === null) {
    return {
      ...base,
      status: 'unknown',
      defaultBrowser: null,
      detail: 'Could not ask LaunchServices for the https handler (the `defaults` command did not run).',
    };
  }
  // No preferences file, or no https entry in it: macOS falls back to Safari.
  const bundleId = r.code === 0 ? parseLaunchServicesHandlers(r.stdout, 'https') : null;
  const id = bundleId ?? 'com.apple.safari';
  const name = MAC_BROWSERS[id.toLowerCase()] ?? id;
  if (open === null) {
    return {
      ...base,
      status: 'unknown',
      defaultBrowser: id,
      detail: `https links open in ${name}, but the \`open\` command is not on PATH, which command-line clients use to launch it.`,
      fix: 'Make sure /usr/bin is on the PATH the client starts with. ' + MAC_FIX,
    };
  }
  return {
    ...base,
    status: 'ok',
    defaultBrowser: id,
    detail:
      bundleId === null
        ? 'No browser is chosen for https links, so macOS uses Safari.'
        : `https links open in ${name} (${id}).`,
  };
}

const WIN_PROGIDS: [RegExp, string][] = [
  [/^ChromeHTML/i, 'Google Chrome'],
  [/^MSEdgeHTM/i, 'Microsoft Edge'],
  [/^FirefoxURL/i, 'Firefox'],
  [/^BraveHTML/i, 'Brave'],
  [/^Opera/i, 'Opera'],
  [/^VivaldiHTM/i, 'Vivaldi'],
  [/^IE\.HTTPS/i, 'Internet Explorer'],
];

const USER_CHOICE_KEY =
  'HKCU\\Software\\Microsoft\\Windows\\Shell\\Associations\\UrlAssociations\\https\\UserChoice';

const WIN_FIX =
  'If the browser does not open during sign-in: Settings › Apps › Default apps, set a browser for HTTPS; check that the client may open other apps (Settings › Privacy & security), then restart it.';

async function checkWindows(ports: SystemPorts): Promise<BrowserOpener> {
  const base = { wsl: false, display: null, fix: WIN_FIX };
  const r = await ports.run('reg', ['query', USER_CHOICE_KEY, '/v', 'ProgId']);
  if (r.code === null) {
    return {
      ...base,
      status: 'unknown',
      command: null,
      defaultBrowser: null,
      detail: 'Could not read the https handler from the registry (`reg query` did not run).',
    };
  }
  const progId = r.code === 0 ? (/^\s*ProgId\s+REG_SZ\s+(.+?)\s*$/im.exec(r.stdout)?.[1] ?? null) : null;
  if (progId === null) {
    return {
      ...base,
      status: 'unknown',
      command: null,
      defaultBrowser: null,
      detail: 'No default browser is chosen for https links (no UserChoice ProgId in the registry).',
      fix: 'Settings › Apps › Default apps: choose your browser and set it for HTTPS, then restart the client.',
    };
  }
  const name = WIN_PROGIDS.find(([re]) => re.test(progId))?.[1] ?? progId;
  return {
    ...base,
    status: 'ok',
    // Windows clients hand URLs to ShellExecute: there is no opener command to look up.
    command: null,
    defaultBrowser: progId,
    detail: `https links open in ${name} (ProgId ${progId}).`,
  };
}
