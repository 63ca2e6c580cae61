/** URL comparison the way a user means "the same server": case of scheme/host, default port and a trailing slash do not matter. */

function parse(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

/** A comparison key; the input itself when it is not a URL. */
export function sameServerKey(url: string): string {
  const parsed = parse(url);
  if (parsed === null) return url.trim();
  parsed.hash = '';
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.host}${path}${parsed.search}`.toLowerCase();
}

/** The port a URL actually connects to (443 for https without one), or null when it is not http(s). */
export function effectivePort(url: string): number | null {
  const parsed = parse(url);
  if (parsed === null || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return null;
  if (parsed.port !== '') return Number(parsed.port);
  return parsed.protocol === 'https:' ? 443 : 80;
}

export function hostOf(url: string): string | null {
  return parse(url)?.hostname.toLowerCase() ?? null;
}

export function isLoopback(url: string): boolean {
  const host = hostOf(url);
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}
