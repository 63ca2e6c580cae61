/**
 * The only way the core sees the machine. Every core function takes one of these, so tests can
 * point it at a fake home in a temp dir and pretend to be any OS.
 */
export type Platform = 'darwin' | 'win32' | 'linux';

export const PLATFORMS: readonly Platform[] = ['darwin', 'win32', 'linux'];

export interface Context {
  /** The user's home folder (`$HOME`, `%USERPROFILE%`). */
  readonly home: string;
  /** Environment variables as the user's clients would see them. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Which OS's folder layout to read. Changes path rules, never the machine we run on. */
  readonly platform: Platform;
  /** The clock; injected so expiry and retention are testable. */
  readonly now: () => Date;
}

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

/** The real machine's context; only the CLI and Electron entry points call this. */
export function contextFromProcess(overrides: Partial<Context> = {}): Context {
  const platform: Platform = isPlatform(process.platform) ? process.platform : 'linux';
  const env = { ...process.env };
  const home =
    overrides.home ??
    (platform === 'win32' ? env.USERPROFILE : env.HOME) ??
    env.HOME ??
    env.USERPROFILE ??
    '';
  return {
    home,
    env,
    platform,
    now: () => new Date(),
    ...overrides,
  };
}
