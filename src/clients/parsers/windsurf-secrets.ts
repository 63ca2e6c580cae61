/**
 * Windsurf's MCP OAuth tokens: extension secrets of `codeium.windsurf` in
 * `Windsurf/User/globalStorage/state.vscdb` whose key starts with `mcp_` (seen as
 * `mcp_token_<server>` in third-party code; Windsurf's source is closed). Windsurf's own sign-in
 * (`windsurf_auth.*`) lives beside them and is never listed. Values are encrypted with the OS
 * keychain, so only their presence is reported.
 */
import type { CredentialDraft, FileParser, ParsedFile } from '../types';
import { pointer } from './json-text';
import { extensionSecretKey, readItemTable, rowText, SECRET_PREFIX } from './vscode-state-db';

export const WINDSURF_EXTENSION = 'codeium.windsurf';
const ROW_PREFIX = `${SECRET_PREFIX}{"extensionId":"${WINDSURF_EXTENSION}"`;
const TOKEN_PREFIX = 'mcp_token_';

export const parseWindsurfStateDb: FileParser = (input): ParsedFile => {
  const result = readItemTable(input.bytes, 'state.vscdb', { prefixes: [ROW_PREFIX] });
  if (!result.ok) return { problems: [result.problem] };
  const credentials: CredentialDraft[] = [];
  for (const [rowKey, value] of result.rows) {
    const secret = extensionSecretKey(rowKey);
    if (secret === null || secret.extensionId !== WINDSURF_EXTENSION || !secret.key.startsWith('mcp_'))
      continue;
    const isToken = secret.key.startsWith(TOKEN_PREFIX);
    const ciphertext = rowText(value);
    credentials.push({
      groupKey: `windsurf-mcp:${secret.key}`,
      entry: pointer(rowKey),
      serverName: isToken ? secret.key.slice(TOKEN_PREFIX.length) || null : null,
      registration: 'unknown',
      hasAccessToken: isToken,
      secrets: ciphertext !== undefined && ciphertext !== '' ? [ciphertext] : [],
      sharedKeys: [rowKey],
    });
  }
  return {
    credentials,
    notes: result.walMode
      ? ['state.vscdb is in WAL mode: changes Windsurf has not yet written back into it are not shown']
      : [],
  };
};
