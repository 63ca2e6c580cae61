/**
 * How `reset --server URL` decides that a credential belongs to the URL the user typed.
 *
 * Users copy URLs from docs, configs and error messages, so the spelling varies where the meaning
 * does not: scheme and host are case-insensitive (RFC 3986 §6.2.2.1), a default port is the same
 * as no port, and a trailing slash on the path is noise in practice (`/mcp/` and `/mcp` reach the
 * same MCP endpoint on every server we know). The path keeps its case and the query is kept
 * (both can select a different server); a fragment never reaches the server and is dropped.
 * Hosts are compared as written: `localhost` and `127.0.0.1` stay different, because clients
 * key their caches by the URL string and we must not reset a cache the user did not name.
 */
export function normaliseServerUrl(raw: string): string {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed.replace(/\/+$/, '').toLowerCase();
  }
  // WHATWG URL already lower-cases scheme and host, drops a default port and an empty path.
  const pathname = url.pathname.replace(/\/+$/, '');
  const auth = url.username !== '' ? `${url.username}${url.password !== '' ? ':' : ''}@` : '';
  return `${url.protocol}//${auth}${url.host}${pathname}${url.search}`;
}

export function sameServer(a: string, b: string): boolean {
  return normaliseServerUrl(a) === normaliseServerUrl(b);
}
