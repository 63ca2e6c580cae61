/** Environment lookups with each OS's rules. */
import type { Context } from '../context';

/**
 * An env variable's value, null when unset or blank. Windows names are case-insensitive, but a
 * copied `process.env` loses that, so we search by hand there.
 */
export function envValue(ctx: Context, name: string): string | null {
  let value = ctx.env[name];
  if (value === undefined && ctx.platform === 'win32') {
    const key = Object.keys(ctx.env).find((k) => k.toUpperCase() === name.toUpperCase());
    value = key !== undefined ? ctx.env[key] : undefined;
  }
  return value !== undefined && value.trim() !== '' ? value : null;
}

/** First set of several spellings (e.g. `https_proxy`, then `HTTPS_PROXY`). */
export function firstEnvValue(ctx: Context, names: readonly string[]): string | null {
  for (const name of names) {
    const value = envValue(ctx, name);
    if (value !== null) return value;
  }
  return null;
}
