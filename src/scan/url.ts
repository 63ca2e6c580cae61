/**
 * URL comparison the way a user means "the same server": the case of scheme and host, a default
 * port and a trailing slash do not matter. Path and query keep their case: servers may tell
 * `/MCP` from `/mcp`.
 */

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
  const path = parsed.pathname.replace(/\/+$/, '');
  // The URL parser already lower-cases scheme and host (and drops a default port).
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}${parsed.search}`;
}

/**
 * sameServerKey memoised for one scan (the same URLs recur across thousands of credentials). Per
 * scan, not per process: the URLs can carry keys in their queries, and nothing keeps them after.
 */
export function serverKeyMemo(): (url: string) => string {
  const keys = new Map<string, string>();
  return (url) => {
    let key = keys.get(url);
    if (key === undefined) keys.set(url, (key = sameServerKey(url)));
    return key;
  };
}

function portOf(parsed: URL): number | null {
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.port !== '') return Number(parsed.port);
  return parsed.protocol === 'https:' ? 443 : 80;
}

/** The port a URL actually connects to (443 for https without one), or null when it is not http(s). */
export function effectivePort(url: string): number | null {
  const parsed = parse(url);
  return parsed === null ? null : portOf(parsed);
}

export function hostOf(url: string): string | null {
  return parse(url)?.hostname.toLowerCase() ?? null;
}

const isLoopbackHost = (host: string | null): boolean =>
  host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';

export function isLoopback(url: string): boolean {
  return isLoopbackHost(hostOf(url));
}

/** effectivePort and isLoopback of one URL, parsed once (a config can name thousands). */
export function endpointOf(url: string): { port: number | null; loopback: boolean } {
  const parsed = parse(url);
  if (parsed === null) return { port: null, loopback: false };
  return { port: portOf(parsed), loopback: isLoopbackHost(parsed.hostname.toLowerCase()) };
}
