/**
 * Claude Code's files (clients.md §4):
 *   ~/.claude.json       `mcpServers` (user scope) and `projects["<dir>"].mcpServers` (local scope)
 *   ~/.claude/.credentials.json  one JSON blob shared by Claude's own login (`claudeAiOauth`,
 *                        never listed or touched) and the MCP sign-ins in `mcpOAuth`, keyed
 *                        `<name>|<sha256 prefix>`; each `mcpOAuth` entry is one credential, reset
 *                        by removing that entry only.
 */
import { readJsonFast } from '../shared/json';
import type { CredentialDraft, FileParser, ParsedFile, ParseProblem, ServerConfig } from '../types';
import { serverFromEntry } from '../shared/mcp-servers-map';
import { mcpStoreKey } from '../shared/store-key';
import { finiteNumber, isRecord, pointer, scopeList, secretValues, text } from './json-text';

function serversWithKeys(map: unknown, source: string): ServerConfig[] {
  if (!isRecord(map)) return [];
  const servers: ServerConfig[] = [];
  for (const [name, entry] of Object.entries(map)) {
    const server = serverFromEntry(name, entry, source);
    if (server === null) continue;
    if (
      (server.transport === 'http' || server.transport === 'sse') &&
      server.url !== null &&
      isRecord(entry)
    ) {
      const headers = isRecord(entry.headers) ? entry.headers : {};
      server.matchKeys = [mcpStoreKey(name, server.transport, server.url, headers)];
    }
    servers.push(server);
  }
  return servers;
}

export function claudeConfigParser(what: string): FileParser {
  return (input): ParsedFile => {
    const json = readJsonFast(input, what);
    if (!json.ok) return { problems: [json.problem] };
    if (json.empty) return {};
    if (!isRecord(json.value)) return { problems: [{ message: `${what} is not a JSON object` }] };
    const servers = serversWithKeys(json.value.mcpServers, input.path);
    if (isRecord(json.value.projects)) {
      for (const project of Object.values(json.value.projects)) {
        if (isRecord(project)) servers.push(...serversWithKeys(project.mcpServers, input.path));
      }
    }
    return { servers };
  };
}

const WHAT = '.credentials.json';

export const parseClaudeCredentials: FileParser = (input): ParsedFile => {
  const json = readJsonFast(input, WHAT);
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty) return { problems: [{ message: `${WHAT} is empty` }] };
  if (!isRecord(json.value)) return { problems: [{ message: `${WHAT} is not a JSON object` }] };
  const store = json.value.mcpOAuth;
  if (store === undefined) return {};
  if (!isRecord(store)) return { problems: [{ message: `"mcpOAuth" in ${WHAT} is not an object` }] };
  const credentials: CredentialDraft[] = [];
  const problems: ParseProblem[] = [];
  for (const [key, entry] of Object.entries(store)) {
    if (!isRecord(entry)) {
      problems.push({ message: `mcpOAuth entry "${key.split('|')[0]}" in ${WHAT} is not an object` });
      continue;
    }
    const discovery = isRecord(entry.discoveryState) ? entry.discoveryState : {};
    const clientId = text(entry.clientId);
    credentials.push({
      groupKey: `mcpOAuth/${key}`,
      entry: pointer('mcpOAuth', key),
      matchKeys: [key],
      serverName: text(entry.serverName) ?? key.split('|')[0] ?? null,
      serverUrl: text(entry.serverUrl) ?? null,
      issuer: text(entry.issuer) ?? text(discovery.authorizationServerUrl) ?? null,
      oauthClientId: clientId ?? null,
      registration: clientId !== undefined && /^https:\/\//i.test(clientId) ? 'cimd' : 'unknown',
      scopes: scopeList(entry.scope),
      hasAccessToken: text(entry.accessToken) !== undefined,
      hasRefreshToken: text(entry.refreshToken) !== undefined,
      expiresAtMs: finiteNumber(entry.expiresAt) ?? null,
      secrets: secretValues(entry.accessToken, entry.refreshToken, entry.clientSecret),
    });
  }
  return { credentials, problems };
};
