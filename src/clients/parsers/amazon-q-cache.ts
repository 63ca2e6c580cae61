/**
 * Amazon Q Developer CLI's MCP OAuth cache (aws/amazon-q-developer-cli
 * `crates/chat-cli/src/mcp_client/oauth_util.rs`): `~/.aws/sso/cache/<K>.token.json` (the rmcp
 * token response: access_token, token_type, expires_in (relative), refresh_token, scope) and
 * `<K>.registration.json` ({client_id, client_secret, scopes, redirect_uri}), where `<K>` is the
 * sha256 hex of the server URL's origin followed by its path (`compute_key`).
 *
 * That folder also holds AWS IAM Identity Center (SSO) tokens. A file is ours only when `<K>`
 * is the key of a URL some client configures; `acceptAmazonQCacheFile` is the gate the scanner
 * applies before anything is read, and the parser re-checks the name shape.
 */
import { createHash } from 'node:crypto';
import type { CredentialDraft, FileParser, ParsedFile, ServerConfig } from '../types';
import { finiteNumber, isRecord, readJson, scopeList, secretValues, text } from './json-text';

const CACHE_NAME = /^([0-9a-f]{64})\.(token|registration)\.json$/;

/** `compute_key`: sha256 hex of origin + path, without query or fragment; null for a non-URL. */
export function amazonQCacheKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return createHash('sha256').update(`${parsed.origin}${parsed.pathname}`).digest('hex');
}

function baseName(relative: string): string {
  return relative.split('/').pop() ?? relative;
}

/** Every cache key the configured servers can have produced. */
export function configuredCacheKeys(servers: readonly ServerConfig[]): Set<string> {
  const keys = new Set<string>();
  for (const server of servers) {
    for (const url of [server.url, server.bridgedUrl]) {
      const key = typeof url === 'string' ? amazonQCacheKey(url) : null;
      if (key !== null) keys.add(key);
    }
    for (const key of server.matchKeys ?? []) keys.add(key);
  }
  return keys;
}

/** True only for `<K>.token.json` / `<K>.registration.json` whose K belongs to a configured URL. */
export function acceptAmazonQCacheFile(
  file: { relative: string },
  servers: readonly ServerConfig[],
): boolean {
  const match = CACHE_NAME.exec(baseName(file.relative));
  return match !== null && configuredCacheKeys(servers).has(match[1]!);
}

export const parseAmazonQCacheFile: FileParser = (input): ParsedFile => {
  const match = CACHE_NAME.exec(baseName(input.relative));
  // Not a name Amazon Q's MCP code writes: say nothing about it (it may be an AWS SSO file).
  if (match === null) return {};
  const [, key = '', kind] = match;
  const what = baseName(input.relative);
  const json = readJson(input.bytes, what);
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty) return { problems: [{ message: `${what} is empty; Amazon Q will sign in again` }] };
  if (!isRecord(json.value)) return { problems: [{ message: `${what} is not a JSON object` }] };
  const value = json.value;
  let draft: CredentialDraft;
  if (kind === 'token') {
    const expiresIn = finiteNumber(value.expires_in);
    draft = {
      groupKey: `amazon-q:${key}`,
      scopes: scopeList(value.scope),
      hasAccessToken: text(value.access_token) !== undefined,
      hasRefreshToken: text(value.refresh_token) !== undefined,
      // expires_in counts from when the file was written.
      expiresAtMs: expiresIn !== undefined ? input.mtimeMs + expiresIn * 1000 : null,
      updatedAtMs: input.mtimeMs,
      secrets: secretValues(value.access_token, value.refresh_token),
      matchKeys: [key],
    };
  } else {
    const clientId = text(value.client_id);
    draft = {
      groupKey: `amazon-q:${key}`,
      oauthClientId: clientId ?? null,
      // When registration fails, Amazon Q falls back to its fixed client id "Q DEV CLI".
      registration: clientId === undefined ? 'unknown' : clientId === 'Q DEV CLI' ? 'static' : 'dcr',
      scopes: scopeList(value.scopes),
      secrets: secretValues(value.client_secret),
      matchKeys: [key],
    };
  }
  return { credentials: [draft] };
};
