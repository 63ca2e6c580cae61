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

/** Template heads that name an OS folder: the variable that moves it, else where it is under home. */
const BASES: Record<string, { variable: string; underHome: string[] }> = {
  '%APPDATA%': { variable: 'APPDATA', underHome: ['AppData', 'Roaming'] },
  '%LOCALAPPDATA%': { variable: 'LOCALAPPDATA', underHome: ['AppData', 'Local'] },
  $XDG_CONFIG_HOME: { variable: 'XDG_CONFIG_HOME', underHome: ['.config'] },
  $XDG_DATA_HOME: { variable: 'XDG_DATA_HOME', underHome: ['.local', 'share'] },
  $XDG_STATE_HOME: { variable: 'XDG_STATE_HOME', underHome: ['.local', 'state'] },
};

/** The environment variables the template heads read (a copy of a home must not see them). */
export const BASE_VARIABLES: readonly string[] = Object.values(BASES).map((b) => b.variable);

/** Returns the absolute path a template names, or null when an env variable it needs is unset. */
export function expandTemplate(template: string, ctx: Context): string | null {
  const [head = '', ...rest] = template.split('/');
  let base: string | null;
  if (head === '~') base = ctx.home;
  else if (head in BASES) {
    const { variable, underHome } = BASES[head]!;
    base = envValue(ctx, variable) ?? path.join(ctx.home, ...underHome);
  } else {
    const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(head);
    if (m) base = envValue(ctx, m[1]!);
    else if (head === '') base = path.sep;
    else throw new Error(`path template must start with ~, an env token or /: ${template}`);
  }
  if (base === null) return null;
  return path.join(base, ...rest.filter((part) => part !== ''));
}
