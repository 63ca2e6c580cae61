/**
 * Codex CLI's files (clients.md §9 and the recorded 0.169 run):
 *   config.toml        `[mcp_servers.<name>]` tables (`command`/`args`, or `url`), and
 *                      `mcp_oauth_credentials_store` = auto | file | keyring
 *   .credentials.json  the file store: an object keyed `<name>|<sha256 prefix>`, each entry
 *                      {server_name, server_url, issuer?, client_id, access_token, expires_at (ms),
 *                      refresh_token, scopes[]}; one credential per entry, reset by removing it
 */
import { readJsonFast, TOO_DEEP } from '../shared/json';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { CredentialDraft, FileParser, ParsedFile, ParseProblem, ServerConfig } from '../types';
import { textOf, finiteNumber, isRecord, pointer, scopeList, secretValues, text } from './json-text';
import { serverFromEntry } from '../shared/mcp-servers-map';
import { mcpStoreKey } from '../shared/store-key';

export const parseCodexConfig: FileParser = (input): ParsedFile => {
  const decoded = textOf(input, 'config.toml');
  if (!decoded.ok) return { problems: [decoded.problem] };
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(decoded.text);
  } catch (err) {
    // smol-toml refuses deep nesting itself ("excessively nested"); a RangeError is the stack.
    if (err instanceof RangeError || (err instanceof Error && /excessively nested/i.test(err.message))) {
      return { problems: [{ message: `config.toml is ${TOO_DEEP}` }] };
    }
    // The library's message quotes the offending line, which may hold a secret: first line only.
    const where = err instanceof TomlError ? ` at line ${err.line}, column ${err.column}` : '';
    const what =
      err instanceof Error ? (err.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '') : '';
    return {
      problems: [{ message: `config.toml is not valid TOML${where}${what !== '' ? `: ${what}` : ''}` }],
    };
  }
  const servers: ServerConfig[] = [];
  const tables = doc.mcp_servers;
  if (tables !== undefined && !isRecord(tables)) {
    return { problems: [{ message: 'mcp_servers in config.toml is not a table of servers' }] };
  }
  for (const [name, entry] of Object.entries(tables ?? {})) {
    const server = serverFromEntry(name, entry, input.path);
    if (server === null) continue;
    if (server.transport === 'sse') server.transport = 'http'; // Codex speaks streamable HTTP only
    if (server.url !== null && server.transport === 'http') {
      server.matchKeys = [mcpStoreKey(name, 'http', server.url)];
    }
    servers.push(server);
  }
  const store = text(doc.mcp_oauth_credentials_store);
  const remote = servers.some((s) => s.transport === 'http');
  const notes = remote && store !== 'file' ? [keyringNote(store)] : [];
  return { servers, notes };
};

/**
 * Only what config.toml says: sign-ins found in .credentials.json are listed whatever the setting
 * (written before it changed, or where no keyring was usable), so the note never claims they
 * cannot exist.
 */
function keyringNote(store: string | undefined): string {
  const keyring =
    'Sign-ins kept in the OS keyring (service "Codex MCP Credentials") cannot be listed from files; any in .credentials.json are listed here. "codex mcp logout <name>" clears both.';
  if (store === undefined) {
    return `config.toml does not set mcp_oauth_credentials_store, so Codex uses its built-in default, which has varied between releases (the OS keyring when one is usable, otherwise .credentials.json). ${keyring}`;
  }
  if (store === 'keyring') return `config.toml sets mcp_oauth_credentials_store = "keyring". ${keyring}`;
  if (store === 'auto') {
    return `config.toml sets mcp_oauth_credentials_store = "auto": the OS keyring when one is usable, otherwise .credentials.json. ${keyring}`;
  }
  return `config.toml sets mcp_oauth_credentials_store to an unknown value ("${store.slice(0, 20)}"). ${keyring}`;
}

const WHAT = '.credentials.json';

export const parseCodexCredentials: FileParser = (input): ParsedFile => {
  const json = readJsonFast(input, WHAT);
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty)
    return { problems: [{ message: `${WHAT} is empty (Codex deletes the file when it holds nothing)` }] };
  if (!isRecord(json.value)) return { problems: [{ message: `${WHAT} is not a JSON object` }] };
  const credentials: CredentialDraft[] = [];
  const problems: ParseProblem[] = [];
  for (const [key, entry] of Object.entries(json.value)) {
    if (!isRecord(entry)) {
      problems.push({ message: `entry "${key.split('|')[0]}" in ${WHAT} is not an object` });
      continue;
    }
    const clientId = text(entry.client_id);
    credentials.push({
      groupKey: key,
      entry: pointer(key),
      matchKeys: [key],
      serverName: text(entry.server_name) ?? key.split('|')[0] ?? null,
      serverUrl: text(entry.server_url) ?? text(entry.url) ?? null,
      issuer: text(entry.issuer) ?? null,
      oauthClientId: clientId ?? null,
      registration: clientId !== undefined && /^https:\/\//i.test(clientId) ? 'cimd' : 'unknown',
      scopes: scopeList(entry.scopes ?? entry.scope),
      hasAccessToken: text(entry.access_token) !== undefined,
      hasRefreshToken: text(entry.refresh_token) !== undefined,
      expiresAtMs: finiteNumber(entry.expires_at) ?? null,
      secrets: secretValues(entry.access_token, entry.refresh_token, entry.client_secret),
    });
  }
  return { credentials, problems };
};
