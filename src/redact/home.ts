/**
 * Home folders shown as `~`: the context's own home in every spelling it can take in text (as
 * given, resolved, its real path; native, forward slashes, JSON-escaped backslashes), then
 * anyone's home on the three OSes, because a user name is personal too.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Platform } from '../context';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Characters that would continue a file name, so `/home/al` does not match `/home/alice`. */
const NAME_CONTINUES = '(?![A-Za-z0-9._-])';

const looksWindows = (p: string): boolean => /^[A-Za-z]:[\\/]|^\\\\/.test(p);

/** The home as given, normalised (`/tmp//a/../a/home` → `/tmp/a/home`), and its real path. */
export function homeSpellings(
  home: string,
  realpath: (p: string) => string | null = realpathOrNull,
): string[] {
  if (home.trim() === '') return [];
  const out = new Set([home]);
  const p = looksWindows(home) ? path.win32 : path.posix;
  if (p.isAbsolute(home)) out.add(p.normalize(home));
  const real = realpath(home);
  if (real !== null) out.add(real);
  return [...out];
}

function realpathOrNull(p: string): string | null {
  try {
    return path.isAbsolute(p) ? fs.realpathSync.native(p) : null;
  } catch {
    return null;
  }
}

/** Each spelling of one home path in text: native, forward slashes, JSON-escaped backslashes. */
export function homeVariants(home: string): string[] {
  const trimmed = home.replace(/[\\/]+$/, '');
  if (trimmed.length < 2) return [];
  const variants = new Set([trimmed]);
  if (trimmed.includes('\\')) {
    variants.add(trimmed.replace(/\\/g, '/'));
    variants.add(trimmed.replace(/\\/g, '\\\\'));
  } else if (/^[A-Za-z]:\//.test(trimmed)) {
    variants.add(trimmed.replace(/\//g, '\\'));
    variants.add(trimmed.replace(/\//g, '\\\\'));
  }
  return [...variants];
}

const USER_NAME = '[^\\\\/\\s"\'<>:;,|*?)\\]}]+';

/** `/home/bob`, `/Users/bob`, `/mnt/c/Users/bob` (WSL), `C:\Users\bob` (any slash, JSON-escaped). */
const ANY_HOME = new RegExp(
  [
    `(?<![A-Za-z0-9._-])(?:/mnt/[A-Za-z])?/(?:Users|home)/(?!Shared${NAME_CONTINUES})${USER_NAME}`,
    `(?<![A-Za-z0-9])[A-Za-z]:(?:\\\\|/)+Users(?:\\\\|/)+(?!(?:Public|Default)${NAME_CONTINUES})${USER_NAME}`,
  ].join('|'),
  'gi',
);

export interface HomeOptions {
  home: string;
  platform: Platform;
  /** Other paths of the same home (defaults: its normalised and real paths). */
  aliases?: readonly string[];
}

export function homeReplacer(options: HomeOptions): (text: string) => string {
  const spellings = [...homeSpellings(options.home), ...(options.aliases ?? [])];
  // Longest first, so the escaped form is not half-replaced by the plain one.
  const variants = [...new Set(spellings.flatMap(homeVariants))].sort((a, b) => b.length - a.length);
  const caseInsensitive = options.platform !== 'linux' || spellings.some(looksWindows);
  const own =
    variants.length > 0
      ? new RegExp(
          // Not inside a longer path: a home of `/root` must not match in `/home/root`.
          `(?<![A-Za-z0-9._-])(?:${variants.map(escapeRe).join('|')})${NAME_CONTINUES}`,
          caseInsensitive ? 'gi' : 'g',
        )
      : null;
  return (text) => {
    const mine = own !== null ? text.replace(own, '~') : text;
    return mine.replace(ANY_HOME, '~');
  };
}
