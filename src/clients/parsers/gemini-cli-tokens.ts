/**
 * Gemini CLI's MCP token store `~/.gemini/mcp-oauth-tokens.json` (google-gemini/gemini-cli
 * `packages/core/src/mcp/oauth-token-storage.ts`): a JSON array of
 * {serverName, token{accessToken, refreshToken, expiresAt (epoch ms), tokenType, scope},
 * clientId, tokenUrl, mcpServerUrl, updatedAt (ms)}, one element per server name. It is a shared
 * store: each element is one credential, removed by its index. Gemini's own Google sign-in lives
 * in other files (`oauth_creds.json`, the keychain) that are never read.
 */
import type { CredentialDraft, FileParser, ParsedFile, ParseProblem } from '../types';
import { finiteNumber, isRecord, pointer, readJson, scopeList, secretValues, text } from './json-text';

const WHAT = 'mcp-oauth-tokens.json';

/** Ties an entry that does not record its URL (older releases) to the server of that name. */
export const geminiServerKey = (name: string): string => `gemini-server:${name}`;

export const parseGeminiTokens: FileParser = (input): ParsedFile => {
  const json = readJson(input.bytes, WHAT);
  if (!json.ok) return { problems: [json.problem] };
  // Gemini CLI treats an unreadable store as empty and overwrites it at the next sign-in.
  if (json.empty)
    return { problems: [{ message: `${WHAT} is empty; Gemini CLI will treat it as holding no tokens` }] };
  if (!Array.isArray(json.value))
    return { problems: [{ message: `${WHAT} is not a JSON array of credentials` }] };
  const credentials: CredentialDraft[] = [];
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  json.value.forEach((item: unknown, index) => {
    const serverName = isRecord(item) ? text(item.serverName) : undefined;
    if (!isRecord(item) || serverName === undefined) {
      problems.push({ message: `${WHAT} element ${index} has no serverName` });
      return;
    }
    if (seen.has(serverName)) {
      // Gemini keys the store by name while loading, so the last element with a name wins.
      problems.push({
        message: `${WHAT} holds server "${serverName}" more than once; Gemini CLI uses the last one`,
      });
    }
    seen.add(serverName);
    const token = isRecord(item.token) ? item.token : {};
    const serverUrl = text(item.mcpServerUrl) ?? null;
    credentials.push({
      groupKey: `gemini:${index}:${serverName}`,
      entry: pointer(index),
      serverName,
      serverUrl,
      // With a URL the link is by URL, so a token for an old URL under the same name stays visible.
      matchKeys: serverUrl === null ? [geminiServerKey(serverName)] : [],
      oauthClientId: text(item.clientId) ?? null,
      registration: 'unknown',
      scopes: scopeList(token.scope),
      hasAccessToken: text(token.accessToken) !== undefined,
      hasRefreshToken: text(token.refreshToken) !== undefined,
      expiresAtMs: finiteNumber(token.expiresAt) ?? null,
      updatedAtMs: finiteNumber(item.updatedAt) ?? null,
      secrets: secretValues(token.accessToken, token.refreshToken),
    });
  });
  return { credentials, problems };
};
