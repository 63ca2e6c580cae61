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

/** Copilot CLI `mcp-oauth-config/<H>.*` files (tokens' expiresAt in epoch seconds). */
export function writeCopilotOAuth(
  h: FakeHome,
  o: {
    base?: string;
    hash: string;
    serverUrl: string;
    issuer?: string;
    clientId?: string;
    issuedAt?: number;
    isStatic?: boolean;
    tokens?: boolean;
    refresh?: boolean;
    expiresAtS?: number;
    verifier?: boolean;
    secret?: boolean;
  },
): string[] {
  const dir = `${o.base ?? '.copilot'}/mcp-oauth-config`;
  const files = [
    h.write(
      `${dir}/${o.hash}.json`,
      {
        serverUrl: o.serverUrl,
        authorizationServerUrl: o.issuer ?? new URL(o.serverUrl).origin,
        clientId: o.clientId ?? `copilot-${o.hash.slice(0, 6)}`,
        ...(o.isStatic ? {} : { clientSecret: canary('copilot-client-secret') }),
        redirectUri: 'http://127.0.0.1:54321/',
        issuedAt: o.issuedAt ?? 1795600000,
        isStatic: o.isStatic ?? false,
      },
      0o600,
    ),
  ];
  if (o.tokens !== false) {
    files.push(
      h.write(
        `${dir}/${o.hash}.tokens.json`,
        {
          accessToken: canary('copilot-access'),
          ...(o.refresh ? { refreshToken: canary('copilot-refresh') } : {}),
          expiresAt: o.expiresAtS ?? 1795676400,
          scope: 'mcp:tools',
        },
        0o600,
      ),
    );
  }
  if (o.verifier) files.push(h.write(`${dir}/${o.hash}.verifier`, canary('copilot-verifier'), 0o600));
  if (o.secret) files.push(h.write(`${dir}/${o.hash}.secret`, canary('copilot-static-secret'), 0o600));
  return files;
}

export const hex64 = (seed: string): string => createHash('sha256').update(seed).digest('hex');

/** Claude Code's `.credentials.json` with Claude's own login and MCP entries. */
export function writeClaudeCredentials(
  h: FakeHome,
  entries: {
    name: string;
    url: string;
    clientId?: string;
    refresh?: boolean;
    expiresAtMs?: number;
    issuer?: string;
  }[],
  relative = '.claude/.credentials.json',
): { file: string; login: string } {
  const login = canary('claude-login');
  const mcpOAuth: Record<string, object> = {};
  for (const e of entries) {
    const key = `${e.name}|${createHash('sha256')
      .update(JSON.stringify({ type: 'http', url: e.url, headers: {} }))
      .digest('hex')
      .slice(0, 16)}`;
    mcpOAuth[key] = {
      serverName: e.name,
      serverUrl: e.url,
      accessToken: canary('claude-mcp-access'),
      ...(e.refresh ? { refreshToken: canary('claude-mcp-refresh') } : {}),
      expiresAt: e.expiresAtMs ?? Date.parse('2026-11-26T13:00:00Z'),
      scope: 'mcp:tools',
      clientId: e.clientId ?? `cc-${e.name}`,
      clientSecret: canary('claude-mcp-client-secret'),
      redirectUri: 'http://localhost:54545/callback',
      issuer: e.issuer ?? new URL(e.url).origin,
    };
  }
  const file = h.write(
    relative,
    {
      claudeAiOauth: {
        accessToken: login,
        refreshToken: canary('claude-login-refresh'),
        expiresAt: 1795676400000,
      },
      mcpOAuth,
      organizationUuid: 'org-1',
    },
    0o600,
  );
  return { file, login };
}

export function writeClaudeConfig(
  h: FakeHome,
  user: Record<string, object>,
  projects: Record<string, Record<string, object>> = {},
  relative = '.claude.json',
): string {
  return h.write(relative, {
    numStartups: 3,
    mcpServers: user,
    projects: Object.fromEntries(
      Object.entries(projects).map(([dir, servers]) => [dir, { mcpServers: servers }]),
    ),
  });
}

export function codexKey(name: string, url: string): string {
  return `${name}|${createHash('sha256')
    .update(JSON.stringify({ type: 'http', url, headers: {} }))
    .digest('hex')
    .slice(0, 16)}`;
}

export function writeCodexConfig(
  h: FakeHome,
  servers: Record<string, string>,
  base = '.codex',
  extra = '',
): string {
  const tables = Object.entries(servers)
    .map(([name, url]) =>
      url.startsWith('http')
        ? `[mcp_servers.${name}]\nurl = "${url}"\n`
        : `[mcp_servers.${name}]\ncommand = "${url}"\nargs = []\n`,
    )
    .join('\n');
  return h.write(`${base}/config.toml`, `${extra}model = "o4"\n\n${tables}`);
}

export function writeCodexCredentials(
  h: FakeHome,
  entries: { name: string; url: string; refresh?: boolean; expiresAtMs?: number; clientId?: string }[],
  base = '.codex',
): string {
  const doc: Record<string, object> = {};
  for (const e of entries) {
    doc[codexKey(e.name, e.url)] = {
      server_name: e.name,
      server_url: e.url,
      issuer: new URL(e.url).origin + '/',
      client_id: e.clientId ?? `codex-${e.name}`,
      access_token: canary('codex-access'),
      expires_at: e.expiresAtMs ?? Date.parse('2026-11-26T13:00:00Z'),
      refresh_token: e.refresh ? canary('codex-refresh') : null,
      scopes: ['mcp:tools'],
    };
  }
  return h.write(`${base}/.credentials.json`, doc, 0o600);
}
