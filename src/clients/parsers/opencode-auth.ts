/**
 * opencode's MCP auth store `~/.local/share/opencode/mcp-auth.json` (anomalyco/opencode
 * `packages/opencode/src/mcp/auth.ts`): an object keyed by MCP server name, each value
 * {tokens{accessToken, refreshToken, expiresAt (epoch SECONDS), scope},
 *  clientInfo{clientId, clientSecret, clientIdIssuedAt, clientSecretExpiresAt},
 *  codeVerifier, oauthState, serverUrl}. A shared store: each key is one credential. opencode
 * ignores an entry whose serverUrl differs from the configured URL.
 */
import type { CredentialDraft, FileParser, ParsedFile, ParseProblem } from '../types';
import { finiteNumber, isRecord, pointer, readJson, scopeList, secretValues, text } from './json-text';

const WHAT = 'mcp-auth.json';

/** Ties an entry that does not record its URL to the configured server of that name. */
export const opencodeServerKey = (name: string): string => `opencode-server:${name}`;

export const parseOpencodeAuth: FileParser = (input): ParsedFile => {
  const json = readJson(input.bytes, WHAT);
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty)
    return { problems: [{ message: `${WHAT} is empty; opencode will treat it as holding no credentials` }] };
  if (!isRecord(json.value))
    return { problems: [{ message: `${WHAT} is not a JSON object keyed by server name` }] };
  const credentials: CredentialDraft[] = [];
  const problems: ParseProblem[] = [];
  for (const [name, entry] of Object.entries(json.value)) {
    if (!isRecord(entry)) {
      problems.push({ message: `${WHAT} entry "${name}" is not an object` });
      continue;
    }
    const tokens = isRecord(entry.tokens) ? entry.tokens : {};
    const clientInfo = isRecord(entry.clientInfo) ? entry.clientInfo : {};
    const expiresAtSeconds = finiteNumber(tokens.expiresAt);
    const hasAccessToken = text(tokens.accessToken) !== undefined;
    const serverUrl = text(entry.serverUrl) ?? null;
    credentials.push({
      groupKey: `opencode:${name}`,
      entry: pointer(name),
      serverName: name,
      serverUrl,
      // With a URL the link is by URL: opencode ignores an entry stored for another URL.
      matchKeys: serverUrl === null ? [opencodeServerKey(name)] : [],
      oauthClientId: text(clientInfo.clientId) ?? null,
      // A registered client and one configured in opencode.json (`oauth.clientId`) look alike here.
      registration: 'unknown',
      scopes: scopeList(tokens.scope),
      hasAccessToken,
      hasRefreshToken: text(tokens.refreshToken) !== undefined,
      expiresAtMs: expiresAtSeconds !== undefined ? expiresAtSeconds * 1000 : null,
      flowState: text(entry.codeVerifier) !== undefined || text(entry.oauthState) !== undefined,
      secrets: secretValues(
        tokens.accessToken,
        tokens.refreshToken,
        clientInfo.clientSecret,
        entry.codeVerifier,
      ),
    });
  }
  return { credentials, problems };
};
