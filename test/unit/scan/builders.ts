/**
 * Writers for client files in a fake home, in each client's real format, with canary secrets.
 * Every token, refresh token, client secret and verifier they write is a canary.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { canary } from '../../helpers/canary';
import type { FakeHome } from '../../helpers/fake-home';

export const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export interface McpRemoteCacheOptions {
  url: string;
  folder?: string;
  /** Relative to the home; default `.mcp-auth`. */
  base?: string;
  hash?: string;
  clientId?: string;
  issuer?: string;
  tokens?: boolean;
  refresh?: boolean;
  expiresAtMs?: number | null;
  /** Write `expires_in` only (releases before 0.15), counted from the file's mtime. */
  expiresIn?: number;
  mtime?: Date;
  verifier?: boolean;
  lock?: { pid: number; timestamp: number; port?: number };
}

export function writeMcpRemoteCache(
  h: FakeHome,
  o: McpRemoteCacheOptions,
): { hash: string; files: string[] } {
  const hash = o.hash ?? md5(o.url);
  const dir = `${o.base ?? '.mcp-auth'}/${o.folder ?? 'mcp-remote-v1'}`;
  const files: string[] = [];
  const issuer = o.issuer ?? new URL(o.url).origin + '/';
  files.push(
    h.write(`${dir}/${hash}_client_info.json`, {
      redirect_uris: ['http://localhost:8492/oauth/callback'],
      token_endpoint_auth_method: 'none',
      client_name: 'MCP CLI Proxy',
      client_id: o.clientId ?? `client-${hash.slice(0, 6)}`,
      client_secret: canary('client-secret'),
      client_id_issued_at: 1795672110,
      software_version: '0.15.1',
      issuer,
    }),
  );
  if (o.tokens !== false) {
    files.push(
      h.write(`${dir}/${hash}_tokens.json`, {
        access_token: canary('access'),
        token_type: 'bearer',
        ...(o.expiresIn !== undefined ? { expires_in: o.expiresIn } : { expires_in: 3600 }),
        scope: 'mcp:tools',
        ...(o.refresh ? { refresh_token: canary('refresh') } : {}),
        ...(o.expiresIn === undefined && o.expiresAtMs !== null
          ? { expires_at: o.expiresAtMs ?? Date.parse('2026-11-26T13:00:00Z'), issuer }
          : {}),
      }),
    );
  }
  if (o.verifier) {
    files.push(h.write(`${dir}/${hash}_code_verifier_3c0c235d-d7c4.txt`, canary('verifier')));
    files.push(
      h.write(`${dir}/${hash}_discovery_state_3c0c235d-d7c4.json`, {
        authorizationServerUrl: issuer,
        authorizationServerMetadata: { issuer },
      }),
    );
  }
  if (o.lock) files.push(h.write(`${dir}/${hash}_lock.json`, o.lock));
  if (o.mtime) for (const f of files) fs.utimesSync(f, o.mtime, o.mtime);
  return { hash, files };
}

/** A host config entry that launches mcp-remote (Claude Desktop, Cursor, ... shape). */
export const bridged = (url: string, ...extra: string[]): object => ({
  command: 'npx',
  args: ['-y', 'mcp-remote', url, ...extra],
});

export function claudeDesktopConfigPath(platform: 'darwin' | 'win32' | 'linux'): string {
  if (platform === 'darwin') return 'Library/Application Support/Claude/claude_desktop_config.json';
  if (platform === 'win32') return 'AppData/Roaming/Claude/claude_desktop_config.json';
  return '.config/Claude/claude_desktop_config.json';
}

export function writeClaudeDesktopConfig(
  h: FakeHome,
  servers: Record<string, object>,
  relative = claudeDesktopConfigPath(h.ctx.platform),
): string {
  return h.write(relative, { mcpServers: servers });
}
