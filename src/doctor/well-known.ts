/**
 * Where clients look for metadata. Protected resource metadata: RFC 9728 §3.1 (well-known segment
 * inserted between host and path, terminating slash dropped, query kept). Authorization server
 * metadata: the order MCP 2025-11-25+ mandates (RFC 8414 path-inserted, OIDC path-inserted, OIDC
 * path-appended; for an issuer without a path, RFC 8414 then OIDC at the root).
 */
export interface ResourceMetadataCandidates {
  /** Null when the MCP URL has no path (then it equals the root one). */
  pathInserted: string | null;
  root: string;
}

function pathOf(url: URL): string {
  const path = url.pathname.replace(/\/$/, '');
  return path === '' ? '' : path;
}

export function resourceMetadataCandidates(mcpUrl: URL): ResourceMetadataCandidates {
  const root = `${mcpUrl.origin}/.well-known/oauth-protected-resource`;
  const path = pathOf(mcpUrl);
  return { pathInserted: path === '' ? null : `${root}${path}${mcpUrl.search}`, root };
}

export type AsMetadataKind = 'oauth' | 'oidc';
export type AsMetadataForm = 'root' | 'path-inserted' | 'path-appended';

export interface AsMetadataCandidate {
  url: string;
  kind: AsMetadataKind;
  form: AsMetadataForm;
}

export function asMetadataCandidates(issuer: URL): AsMetadataCandidate[] {
  const path = pathOf(issuer);
  const origin = issuer.origin;
  if (path === '') {
    return [
      { url: `${origin}/.well-known/oauth-authorization-server`, kind: 'oauth', form: 'root' },
      { url: `${origin}/.well-known/openid-configuration`, kind: 'oidc', form: 'root' },
    ];
  }
  return [
    { url: `${origin}/.well-known/oauth-authorization-server${path}`, kind: 'oauth', form: 'path-inserted' },
    { url: `${origin}/.well-known/openid-configuration${path}`, kind: 'oidc', form: 'path-inserted' },
    { url: `${origin}${path}/.well-known/openid-configuration`, kind: 'oidc', form: 'path-appended' },
  ];
}

export function describeCandidate(c: AsMetadataCandidate): string {
  const what = c.kind === 'oauth' ? 'RFC 8414' : 'OIDC Discovery';
  return c.form === 'root' ? `${what} at the root` : `${what}, ${c.form}`;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Same scheme, host and port: a redirect staying inside keeps the Authorization header. */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}

/**
 * The form two server URLs are compared in (scan vs doctor): scheme and host lower-cased (the URL
 * parser does it), default port dropped, fragment dropped, one trailing slash dropped.
 */
export function comparableServerUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    url.hash = '';
    const path = url.pathname.replace(/\/$/, '');
    return `${url.protocol}//${url.host}${path}${url.search}`;
  } catch {
    return null;
  }
}

export function sameServerUrl(a: string, b: string): boolean {
  const ca = comparableServerUrl(a);
  return ca !== null && ca === comparableServerUrl(b);
}
