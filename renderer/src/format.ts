/** Small display helpers: dates, paths, severities. Pure, so store tests can use them too. */
import type { Platform } from '../../src/context';
import type { Severity } from '../../src/model/index';

/** Paths under the home are shown as `~/…`, the way people write them in support tickets. */
export function tildify(path: string, home: string): string {
  if (home === '' || !path.startsWith(home)) return path;
  const rest = path.slice(home.length);
  if (rest === '') return '~';
  if (rest.startsWith('/') || rest.startsWith('\\')) return `~${rest}`;
  return path;
}

/**
 * Every path under the home inside a sentence (a finding's message, a reset's reason) written as
 * `~/…`. Only whole paths count: `/home/ann` does not touch `/home/anna/…` or `/x/home/ann`.
 */
export function tildifyText(text: string, home: string): string {
  if (home === '' || home === '/' || home === '\\') return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf(home); at !== -1; at = text.indexOf(home, from)) {
    const before = at === 0 ? '' : text.charAt(at - 1);
    const next = text.charAt(at + home.length);
    const starts = before === '' || /[\s'"`(:=]/.test(before);
    const ends = next === '' || next === '/' || next === '\\' || /[\s'"`),.;:]/.test(next);
    const boundary = starts && ends;
    out += text.slice(from, at) + (boundary ? '~' : home);
    from = at + home.length;
  }
  return out + text.slice(from);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Date only, for narrow table columns (the full time is in the cell's tooltip). */
export function formatDay(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dayFormat.format(date);
}

export function formatDate(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 days ago", "in 2 hours": how far `iso` is from `now`. */
export function relativeTime(iso: string, now: Date): string {
  const diff = new Date(iso).getTime() - now.getTime();
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return diff < 0 ? 'just now' : 'in under a minute';
}

export function describeExpiry(expiresAt: string | null, now: Date): string {
  if (expiresAt === null) return 'Not recorded';
  const time = new Date(expiresAt).getTime();
  if (Number.isNaN(time)) return 'Not recorded';
  return time <= now.getTime()
    ? `Expired ${relativeTime(expiresAt, now)}`
    : `Expires ${relativeTime(expiresAt, now)}`;
}

export function fileManagerName(platform: Platform): string {
  if (platform === 'darwin') return 'Finder';
  if (platform === 'win32') return 'Explorer';
  return 'Files';
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null;
  for (const s of severities) {
    if (worst === null || SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  }
  return worst;
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'Needs fixing',
  warning: 'Worth a look',
  info: 'Note',
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
