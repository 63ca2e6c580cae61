/**
 * Cursor's MCP OAuth state: extension secrets of `anysphere.cursor-mcp` in
 * `Cursor/User/globalStorage/state.vscdb`, one row per field, keyed
 * `secret://{"extensionId":"anysphere.cursor-mcp","key":"[<scope>] <field>"}` with fields such as
 * `mcp_tokens` and `mcp_client_information`. The scope names the server: `user-<name>` (global
 * mcp.json), `project-<n>-<project>-<name>`, `plugin-<plugin>-<name>`, or `url:<base64 URL>`.
 * This layout comes from third-party tools that read those rows, not from Cursor's source
 * (closed); the values are encrypted with the OS keychain, so only their presence is reported.
 */
import type { CredentialDraft, FileParser, ParsedFile } from '../types';
import { pointer } from './json-text';
import { extensionSecretKey, readItemTable, rowText, SECRET_PREFIX, type ItemRows } from './vscode-state-db';

export const CURSOR_MCP_EXTENSION = 'anysphere.cursor-mcp';
const ROW_PREFIX = `${SECRET_PREFIX}{"extensionId":"${CURSOR_MCP_EXTENSION}"`;

/** Ties a `user-<name>` credential to server <name> of ~/.cursor/mcp.json. */
export const cursorUserScopeKey = (name: string): string => `cursor-scope:user-${name}`;

export interface CursorScope {
  serverName: string | null;
  serverUrl: string | null;
}

function decodeBase64Url(encoded: string): string | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(encoded)) return null;
  const decoded = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  try {
    const url = new URL(decoded);
    return url.protocol === 'https:' || url.protocol === 'http:' ? decoded : null;
  } catch {
    return null;
  }
}

/** What a scope says about the server; the raw scope stands in as the name when nothing else does. */
export function cursorScope(scope: string): CursorScope {
  if (scope.startsWith('url:')) {
    const url = decodeBase64Url(scope.slice(4));
    return { serverName: url === null ? scope : null, serverUrl: url };
  }
  if (scope.startsWith('user-') && scope.length > 5) return { serverName: scope.slice(5), serverUrl: null };
  return { serverName: scope, serverUrl: null };
}

interface ScopeGroup {
  scope: string;
  fields: Map<string, string>;
}

function scopeGroups(rows: ItemRows): ScopeGroup[] {
  const groups = new Map<string, ScopeGroup>();
  for (const rowKey of rows.keys()) {
    const secret = extensionSecretKey(rowKey);
    if (secret === null || secret.extensionId !== CURSOR_MCP_EXTENSION) continue;
    const match = /^\[(.+)\] (\S+)$/.exec(secret.key);
    if (match === null) continue;
    const [, scope = '', field = ''] = match;
    let group = groups.get(scope);
    if (group === undefined) {
      group = { scope, fields: new Map() };
      groups.set(scope, group);
    }
    group.fields.set(field, rowKey);
  }
  return [...groups.values()];
}

function draftOf(group: ScopeGroup, rows: ItemRows): CredentialDraft {
  const rowKeys = [...group.fields.values()];
  const tokensRow = group.fields.get('mcp_tokens');
  const hasTokens = tokensRow !== undefined;
  const flowOnly = !hasTokens && [...group.fields.keys()].some((f) => /verifier|state/i.test(f));
  const scope = cursorScope(group.scope);
  const userScope = group.scope.startsWith('user-') && scope.serverName !== null;
  return {
    groupKey: `cursor-mcp:${group.scope}`,
    entry: pointer(tokensRow ?? rowKeys[0] ?? group.scope),
    ...scope,
    matchKeys: userScope ? [cursorUserScopeKey(scope.serverName!)] : [],
    registration: 'unknown',
    hasAccessToken: hasTokens,
    flowState: flowOnly,
    secrets: rowKeys
      .map((key) => rowText(rows.get(key)))
      .filter((v): v is string => v !== undefined && v !== ''),
    sharedKeys: rowKeys,
  };
}

export const parseCursorStateDb: FileParser = (input): ParsedFile => {
  const result = readItemTable(input.bytes, 'state.vscdb', { prefixes: [ROW_PREFIX] });
  if (!result.ok) return { problems: [result.problem] };
  return {
    credentials: scopeGroups(result.rows).map((group) => draftOf(group, result.rows)),
    notes: result.walMode
      ? ['state.vscdb is in WAL mode: changes Cursor has not yet written back into it are not shown']
      : [],
  };
};
