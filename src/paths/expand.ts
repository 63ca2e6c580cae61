/**
 * Expands the path templates used in client declarations against a Context.
 *
 * Tokens:
 *   `~`                  the home folder
 *   `%APPDATA%`          env APPDATA, else ~/AppData/Roaming   (Windows layouts)
 *   `%LOCALAPPDATA%`     env LOCALAPPDATA, else ~/AppData/Local
 *   `$XDG_CONFIG_HOME`   env XDG_CONFIG_HOME, else ~/.config
 *   `$XDG_DATA_HOME`     env XDG_DATA_HOME, else ~/.local/share
 *   `$XDG_STATE_HOME`    env XDG_STATE_HOME, else ~/.local/state
 *   `${NAME}`            env NAME; the whole template yields null when it is unset or empty
 *
 * Separators in templates are always `/`; the result is joined with the host's path rules so
 * that a Windows layout can be read from a fake home on Linux (platform changes which folders
 * we look in, not how this machine spells paths).
 */
import path from 'node:path';
import type { Context } from '../context';

function envValue(ctx: Context, name: string): string | null {
  const value = ctx.env[name];
  return value !== undefined && value.trim() !== '' ? value : null;
}

const DEFAULTS: Record<string, (ctx: Context) => string> = {
  '%APPDATA%': (ctx) => envValue(ctx, 'APPDATA') ?? path.join(ctx.home, 'AppData', 'Roaming'),
  '%LOCALAPPDATA%': (ctx) => envValue(ctx, 'LOCALAPPDATA') ?? path.join(ctx.home, 'AppData', 'Local'),
  $XDG_CONFIG_HOME: (ctx) => envValue(ctx, 'XDG_CONFIG_HOME') ?? path.join(ctx.home, '.config'),
  $XDG_DATA_HOME: (ctx) => envValue(ctx, 'XDG_DATA_HOME') ?? path.join(ctx.home, '.local', 'share'),
  $XDG_STATE_HOME: (ctx) => envValue(ctx, 'XDG_STATE_HOME') ?? path.join(ctx.home, '.local', 'state'),
};

/** Returns the absolute path a template names, or null when an env variable it needs is unset. */
export function expandTemplate(template: string, ctx: Context): string | null {
  const [head = '', ...rest] = template.split('/');
  let base: string | null;
  if (head === '~') base = ctx.home;
  else if (head in DEFAULTS) base = DEFAULTS[head]!(ctx);
  else {
    const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(head);
    if (m) base = envValue(ctx, m[1]!);
    else if (head === '') base = path.sep;
    else throw new Error(`path template must start with ~, an env token or /: ${template}`);
  }
  if (base === null) return null;
  return path.join(base, ...rest.filter((part) => part !== ''));
}
