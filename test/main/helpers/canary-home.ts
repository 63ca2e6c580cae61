/**
 * A Linux-layout fake home with one credential file (or store) per client format the scanner
 * reads, every secret in it a canary: tokens, refresh tokens, client secrets, verifiers, an
 * Authorization header, and the clients' own sign-ins that must never be listed. Used to prove
 * that no secret crosses IPC. Formats follow clients.md and the clients' own tests.
 */
import { createHash } from 'node:crypto';
import type { ClientId } from '../../../src/model/scan';
import { canary } from '../../helpers/canary';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { encryptedValue, makeStateDb } from '../../unit/clients/vscode/harness';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
/** Claude Code's and Codex's per-server key: `<name>|<16 hex of sha256({type,url,headers})>`. */
const storeKey = (name: string, url: string): string =>
  `${name}|${sha256(JSON.stringify({ type: 'http', url, headers: {} })).slice(0, 16)}`;

export interface CanaryHome extends FakeHome {
  canaries: string[];
  /** Clients something was planted for. */
  planted: Set<ClientId>;
}

type Planter = (h: FakeHome, secret: (kind: string) => string) => void | Promise<void>;

const hourAgoMs = Date.parse('2026-11-26T11:00:00Z');

const PLANTERS: Record<ClientId, Planter> = {
  'mcp-remote': (h, secret) => {
    const url = 'https://atlas.example.com/mcp';
    const dir = `.mcp-auth/mcp-remote-0.1.37`;
    const hash = md5(url);
    h.write(`${dir}/${hash}_client_info.json`, {
      client_id: 'mr-client',
      client_secret: secret('mr-client-secret'),
      redirect_uris: ['http://localhost:3334/oauth/callback'],
      token_endpoint_auth_method: 'none',
    });
    h.write(`${dir}/${hash}_tokens.json`, {
      access_token: secret('mr-access'),
      refresh_token: secret('mr-refresh'),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    h.write(`${dir}/${hash}_code_verifier.txt`, secret('mr-verifier'));
    h.write(`${dir}/${hash}_lock.json`, { pid: 999999, port: 3334, timestamp: hourAgoMs });
    // An orphan for a server nobody configures, and a malformed file.
    const old = md5('https://old.example.com/mcp');
    h.write(`${dir}/${old}_tokens.json`, { access_token: secret('mr-orphan'), expires_in: 1 });
    h.write(
      `${dir}/${md5('https://broken.example.com/mcp')}_tokens.json`,
      `{"access_token":"${secret('mr-broken')}"`,
    );
  },
  'claude-desktop': (h) => {
    h.write('.config/Claude/claude_desktop_config.json', {
      mcpServers: { atlas: { command: 'npx', args: ['-y', 'mcp-remote', 'https://atlas.example.com/mcp'] } },
    });
  },
  'copilot-cli': (h, secret) => {
    h.write('.copilot/mcp-config.json', {
      mcpServers: { atlas: { type: 'http', url: 'https://atlas.example.com/mcp' } },
    });
    h.write('.copilot/mcp-oauth-config/a1b2c3.json', {
      serverUrl: 'https://atlas.example.com/mcp',
      authorizationServerUrl: 'https://auth.example.com',
      clientId: 'copilot-client',
      clientSecret: secret('copilot-client-secret'),
      redirectUri: 'http://127.0.0.1:41234/callback',
      issuedAt: 1_795_000_000,
      isStatic: false,
    });
    h.write('.copilot/mcp-oauth-config/a1b2c3.tokens.json', {
      accessToken: secret('copilot-access'),
      refreshToken: secret('copilot-refresh'),
      expiresAt: 1_795_000_000,
      scope: 'mcp',
    });
    h.write('.copilot/mcp-oauth-config/a1b2c3.verifier', secret('copilot-verifier'));
    h.write('.copilot/mcp-oauth-config/a1b2c3.secret', secret('copilot-static-secret'));
  },
  'claude-code': (h, secret) => {
    const url = 'https://atlas.example.com/mcp';
    h.write('.claude.json', {
      mcpServers: {
        atlas: { type: 'http', url, headers: { Authorization: `Bearer ${secret('cc-header')}` } },
      },
    });
    h.write(
      '.claude/.credentials.json',
      {
        // Claude's own login: never listed, never touched.
        claudeAiOauth: { accessToken: secret('claude-login'), refreshToken: secret('claude-login-refresh') },
        mcpOAuth: {
          [storeKey('atlas', url)]: {
            serverName: 'atlas',
            serverUrl: url,
            clientId: 'cc-client',
            clientSecret: secret('cc-client-secret'),
            accessToken: secret('cc-access'),
            refreshToken: secret('cc-refresh'),
            expiresAt: hourAgoMs,
          },
        },
      },
      0o600,
    );
  },
  codex: (h, secret) => {
    const url = 'https://atlas.example.com/mcp';
    h.write(
      '.codex/config.toml',
      `mcp_oauth_credentials_store = "file"\n\n[mcp_servers.atlas]\nurl = "${url}"\n`,
    );
    h.write('.codex/.credentials.json', {
      [storeKey('atlas', url)]: {
        server_name: 'atlas',
        server_url: url,
        client_id: 'codex-client',
        access_token: secret('codex-access'),
        refresh_token: secret('codex-refresh'),
        expires_at: hourAgoMs,
        scopes: ['mcp'],
      },
    });
    // Codex's own ChatGPT sign-in: never read.
    h.write('.codex/auth.json', { tokens: { access_token: secret('codex-login') } });
  },
  vscode: async (h, secret) => {
    const userDir = '.config/Code/User';
    h.write(
      `${userDir}/mcp.json`,
      `{ "servers": { "atlas": { "type": "http", "url": "https://atlas.example.com/mcp", "headers": { "Authorization": "Bearer ${secret('vscode-header')}" } } } }`,
    );
    const providerId = 'https://auth.example.com/';
    const db = await makeStateDb({
      dynamicAuthProviders: JSON.stringify([
        { providerId, label: 'auth.example.com', authorizationServer: providerId, clientId: 'vscode-client' },
      ]),
      [`secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: providerId, clientId: 'vscode-client' })}`]:
        encryptedValue(secret('vscode-session')),
      [`secret://dynamicAuthProvider:clientRegistration:${providerId}`]: encryptedValue(
        secret('vscode-registration'),
      ),
    });
    h.write(`${userDir}/globalStorage/state.vscdb`, db);
  },
  cursor: async (h, secret) => {
    h.write('.cursor/mcp.json', { mcpServers: { linear: { url: 'https://mcp.linear.example.com/mcp' } } });
    const row = (key: string): string =>
      `secret://${JSON.stringify({ extensionId: 'anysphere.cursor-mcp', key })}`;
    h.write(
      '.config/Cursor/User/globalStorage/state.vscdb',
      await makeStateDb({
        [row('[user-linear] mcp_tokens')]: secret('cursor-tokens'),
        [row('[user-linear] mcp_client_information')]: secret('cursor-client'),
        'cursorAuth/accessToken': secret('cursor-login'),
      }),
    );
  },
  windsurf: async (h, secret) => {
    h.write('.codeium/windsurf/mcp_config.json', {
      mcpServers: { glean: { serverUrl: 'https://glean.example.com/mcp/default' } },
    });
    const row = (key: string): string =>
      `secret://${JSON.stringify({ extensionId: 'codeium.windsurf', key })}`;
    h.write(
      '.config/Windsurf/User/globalStorage/state.vscdb',
      await makeStateDb({
        [row('mcp_token_glean')]: secret('windsurf-mcp'),
        [row('windsurf_auth.sessions')]: secret('windsurf-login'),
      }),
    );
  },
  'gemini-cli': (h, secret) => {
    h.write('.gemini/settings.json', { mcpServers: { atlas: { httpUrl: 'https://atlas.example.com/mcp' } } });
    h.write(
      '.gemini/mcp-oauth-tokens.json',
      [
        {
          serverName: 'atlas',
          token: {
            accessToken: secret('gemini-access'),
            refreshToken: secret('gemini-refresh'),
            expiresAt: hourAgoMs,
            tokenType: 'Bearer',
          },
          clientId: 'gemini-client',
          tokenUrl: 'https://auth.example.com/token',
        },
      ],
      0o600,
    );
    h.write('.gemini/oauth_creds.json', {
      access_token: secret('google-login'),
      refresh_token: secret('google-refresh'),
    });
  },
  opencode: (h, secret) => {
    h.write('.config/opencode/opencode.json', {
      mcp: { atlas: { type: 'remote', url: 'https://atlas.example.com/mcp' } },
    });
    h.write(
      '.local/share/opencode/mcp-auth.json',
      {
        atlas: {
          tokens: {
            accessToken: secret('oc-access'),
            refreshToken: secret('oc-refresh'),
            expiresAt: 1_700_000_000,
          },
          clientInfo: { clientId: 'oc-client', clientSecret: secret('oc-client-secret') },
          codeVerifier: secret('oc-verifier'),
          serverUrl: 'https://atlas.example.com/mcp',
        },
      },
      0o600,
    );
  },
  'mcp-inspector': (h, secret) => {
    h.write('.mcp-inspector/mcp.json', {
      mcpServers: { atlas: { type: 'streamable-http', url: 'https://atlas.example.com/mcp' } },
    });
    h.write('.mcp-inspector/storage/oauth.json', {
      servers: {
        'https://atlas.example.com/mcp': {
          byIssuer: {
            'https://auth.example.com': {
              clientInformation: { client_id: 'insp-client', client_secret: secret('insp-client-secret') },
              tokens: {
                access_token: secret('insp-access'),
                refresh_token: secret('insp-refresh'),
                token_type: 'Bearer',
              },
            },
          },
        },
        'https://half.example.com/mcp': { codeVerifier: secret('insp-verifier') },
      },
    });
  },
  'amazon-q': (h, secret) => {
    const url = 'https://q.example.com/mcp';
    h.write('.aws/amazonq/mcp.json', { mcpServers: { q: { type: 'http', url } } });
    const key = sha256(url);
    h.write(`.aws/sso/cache/${key}.token.json`, {
      access_token: secret('q-access'),
      refresh_token: secret('q-refresh'),
      token_type: 'bearer',
      expires_in: 3600,
    });
    h.write(`.aws/sso/cache/${key}.registration.json`, {
      client_id: 'q-client',
      client_secret: secret('q-secret'),
    });
    // AWS SSO's own files in the same folder: never read.
    h.write(`.aws/sso/cache/${'a'.repeat(40)}.json`, {
      accessToken: secret('aws-sso'),
      startUrl: 'https://x.awsapps.com/start',
    });
  },
};

export async function makeCanaryHome(): Promise<CanaryHome> {
  const h = makeFakeHome({ platform: 'linux' });
  const canaries: string[] = [];
  const secret = (kind: string): string => {
    const value = canary(kind);
    canaries.push(value);
    return value;
  };
  const planted = new Set<ClientId>();
  for (const [id, plant] of Object.entries(PLANTERS) as [ClientId, Planter][]) {
    await plant(h, secret);
    planted.add(id);
  }
  return { ...h, canaries, planted };
}
