/**
 * Home folders shown as `~`: the context's own home in every spelling it can take in text
 * (native, forward slashes, JSON-escaped backslashes), then anyone's home on the three OSes,
 * because a user name is personal too.
 */
import type { Platform } from '../context';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Characters that would continue a file name, so `/home/al` does not match `/home/alice`. */
const NAME_CONTINUES = '(?![A-Za-z0-9._-])';

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
  // Longest first, so the escaped form is not half-replaced by the plain one.
  return [...variants].sort((a, b) => b.length - a.length);
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

export function homeReplacer(home: string, platform: Platform): (text: string) => string {
  const variants = homeVariants(home);
  const caseInsensitive = platform !== 'linux' || /^[A-Za-z]:/.test(home);
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
