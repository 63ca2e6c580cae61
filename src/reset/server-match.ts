/**
 * Which scanned credentials belong to a server URL the user named (`reset --server URL`).
 *
 * The scan ties most credentials to a URL, but not all. An mcp-remote cache whose host config
 * entry is gone has `serverUrl: null` — and users who removed the server from their config are
 * exactly who need a reset. Its files are named by the hash mcp-remote computes from the URL. A
 * VS Code-family provider is named by its provider id, `<authorization server>[ <resource>]`,
 * which may hold the URL without the scan calling it the server. So a credential matches when:
 *   - its serverUrl is the same server (normalised as server-url.ts explains);
 *   - it is mcp-remote's and a file of it carries a hash mcp-remote computes for the URL. mcp-remote
 *     hashes the string it was given, unnormalised, so the URL is hashed as typed and in the
 *     spellings a config usually has (lower-case scheme and host, with and without a trailing
 *     slash). A cache made with `--resource` or `--header` hashes those too and cannot be found
 *     from the URL alone; the scan ties those to their URL through the host config instead;
 *   - it lives in a `state.vscdb` and its provider id (from its entry and rows), or the
 *     authorization server it names, is the URL.
 */
import path from 'node:path';
import { mcpRemoteInvocation } from '../clients/shared/mcp-remote-invocation';
import type { ScannedCredential } from '../scan/types';
import { parsePointer } from './json-pointer';
import { normaliseServerUrl, sameServer } from './server-url';

/** The ways the URL was probably written where mcp-remote was launched. */
function spellings(raw: string): string[] {
  const typed = raw.trim();
  const bare = typed.replace(/\/+$/, '');
  const normal = normaliseServerUrl(typed);
  const out = new Set([typed, bare, `${bare}/`, normal, `${normal}/`]);
  try {
    out.add(new URL(typed).href);
  } catch {
    // not a URL: the typed spellings are all there is
  }
  return [...out];
}

/** Every cache-file hash mcp-remote could have used for this URL (launched with the URL alone). */
export function mcpRemoteHashesFor(url: string): Set<string> {
  const hashes = new Set<string>();
  for (const spelling of spellings(url)) {
    for (const hash of mcpRemoteInvocation('mcp-remote', [spelling])?.hashes ?? []) hashes.add(hash);
  }
  return hashes;
}

const CACHE_FILE = /^([0-9a-f]{32})_/;

function mcpRemoteHashesOf(c: ScannedCredential): string[] {
  return c.ownFiles
    .map((f) => CACHE_FILE.exec(path.basename(f.path))?.[1])
    .filter((h): h is string => h !== undefined);
}

const REGISTRATION_ROW = 'secret://dynamicAuthProvider:clientRegistration:';
const SECRET_ROW = 'secret://';

/** Provider ids a VS Code-family entry names: its pointer's last segment and its secret rows. */
function providerIdsOf(c: ScannedCredential): string[] {
  const entry = c.sharedEntry;
  if (entry === null || entry.format !== 'vscdb') return [];
  const ids: string[] = [];
  const last = parsePointer(entry.pointer).at(-1);
  if (last !== undefined && !/^\d+$/.test(last)) ids.push(last);
  for (const key of entry.keys ?? []) {
    if (key.startsWith(REGISTRATION_ROW)) ids.push(key.slice(REGISTRATION_ROW.length));
    else if (key.startsWith(`${SECRET_ROW}{`)) {
      try {
        const row = JSON.parse(key.slice(SECRET_ROW.length)) as { authProviderId?: unknown };
        if (typeof row.authProviderId === 'string') ids.push(row.authProviderId);
      } catch {
        // another extension's secret, keyed by something else
      }
    }
  }
  if (c.credential.issuer !== null) ids.push(c.credential.issuer);
  return ids;
}

export interface ServerMatcher {
  /** Which of the URLs the credential belongs to, or null. */
  urlOf: (c: ScannedCredential) => string | null;
}

export function serverMatcher(urls: readonly string[]): ServerMatcher {
  const wanted = urls.map((url) => ({
    url,
    normal: normaliseServerUrl(url),
    hashes: mcpRemoteHashesFor(url),
  }));
  return {
    urlOf(c) {
      // The scan shows URLs with secrets masked; the user may type the raw URL (with its
      // password or key) or pass on the masked one from a finding's action: both name the server.
      for (const known of [c.rawServerUrl, c.credential.serverUrl]) {
        if (known === undefined || known === null) continue;
        const normal = normaliseServerUrl(known);
        const hit = wanted.find((w) => normal === w.normal);
        if (hit !== undefined) return hit.url;
      }
      if (c.credential.client === 'mcp-remote') {
        const hashes = mcpRemoteHashesOf(c);
        const hit = wanted.find((w) => hashes.some((h) => w.hashes.has(h)));
        if (hit !== undefined) return hit.url;
      }
      const tokens = providerIdsOf(c).flatMap((id) => id.split(/\s+/).filter((t) => t !== ''));
      const hit = wanted.find((w) => tokens.some((t) => sameServer(t, w.url)));
      return hit?.url ?? null;
    },
  };
}
