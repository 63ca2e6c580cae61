/**
 * The seven declarations through the real scanner (`scan()` with the registry): one fake home per
 * OS holding a server and a credential for each client, canaries in every secret, and AWS SSO
 * files beside Amazon Q's cache. Proves the engine honours `prepare`, `accept`, file roots and
 * `sharedKeys` for these clients, and that no secret reaches the report or the reset records.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../../src/scan/index';
import type { ClientId } from '../../../../src/model/scan';
import type { Platform } from '../../../../src/context';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import { OSES, makeStateDb } from './harness';

const SEVEN: ClientId[] = [
  'vscode',
  'cursor',
  'windsurf',
  'gemini-cli',
  'opencode',
  'mcp-inspector',
  'amazon-q',
];
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

const APP: Record<Platform, string> = {
  darwin: 'Library/Application Support',
  win32: 'AppData/Roaming',
  linux: '.config',
};

let homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes) h.cleanup();
  homes = [];
});

async function plantAll(h: FakeHome, platform: Platform): Promise<{ secrets: string[]; ssoFiles: string[] }> {
  const secrets: string[] = [];
  const s = (kind: string): string => {
    const value = canary(kind);
    secrets.push(value);
    return value;
  };
  const app = APP[platform];
  // VS Code
  h.write(`${app}/Code/User/mcp.json`, {
    servers: { atlas: { type: 'http', url: 'https://atlas.example.com/mcp' } },
  });
  h.write(
    `${app}/Code/User/globalStorage/state.vscdb`,
    await makeStateDb({
      dynamicAuthProviders: JSON.stringify([
        {
          providerId: 'https://auth.example.com/ https://atlas.example.com/mcp',
          authorizationServer: 'https://auth.example.com/',
          clientId: 'vs-client',
        },
      ]),
      [`secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: 'https://auth.example.com/ https://atlas.example.com/mcp', clientId: 'vs-client' })}`]:
        s('vscode'),
    }),
  );
  // Cursor
  h.write('.cursor/mcp.json', { mcpServers: { linear: { url: 'https://mcp.linear.app/mcp' } } });
  h.write(
    `${app}/Cursor/User/globalStorage/state.vscdb`,
    await makeStateDb({
      [`secret://${JSON.stringify({ extensionId: 'anysphere.cursor-mcp', key: '[user-linear] mcp_tokens' })}`]:
        s('cursor'),
    }),
  );
  // Windsurf
  h.write('.codeium/windsurf/mcp_config.json', {
    mcpServers: { glean: { serverUrl: 'https://glean.example.com/mcp' } },
  });
  h.write(
    `${app}/Windsurf/User/globalStorage/state.vscdb`,
    await makeStateDb({
      [`secret://${JSON.stringify({ extensionId: 'codeium.windsurf', key: 'mcp_token_glean' })}`]:
        s('windsurf'),
    }),
  );
  // Gemini CLI
  h.write('.gemini/settings.json', { mcpServers: { gem: { httpUrl: 'https://gem.example.com/mcp' } } });
  h.write('.gemini/mcp-oauth-tokens.json', [
    {
      serverName: 'gem',
      token: {
        accessToken: s('gemini-access'),
        refreshToken: s('gemini-refresh'),
        expiresAt: Date.parse('2027-01-01T00:00:00Z'),
      },
      mcpServerUrl: 'https://gem.example.com/mcp',
    },
  ]);
  // opencode
  h.write('.config/opencode/opencode.json', {
    mcp: { oc: { type: 'remote', url: 'https://oc.example.com/mcp' } },
  });
  h.write('.local/share/opencode/mcp-auth.json', {
    oc: {
      tokens: { accessToken: s('oc-access'), refreshToken: s('oc-refresh'), expiresAt: 1_900_000_000 },
      clientInfo: { clientId: 'oc', clientSecret: s('oc-secret') },
      serverUrl: 'https://oc.example.com/mcp',
    },
  });
  // MCP Inspector
  h.write('.mcp-inspector/mcp.json', {
    mcpServers: { insp: { type: 'streamable-http', url: 'https://insp.example.com/mcp' } },
  });
  h.write('.mcp-inspector/storage/oauth.json', {
    servers: {
      'https://insp.example.com/mcp': {
        tokens: { access_token: s('insp-access'), refresh_token: s('insp-refresh') },
        clientInformation: { client_id: 'insp' },
      },
    },
    idpSessions: {},
  });
  // Amazon Q, with AWS SSO files beside its cache
  const key = sha256('https://q.example.com/mcp');
  h.write('.aws/amazonq/mcp.json', { mcpServers: { q: { type: 'http', url: 'https://q.example.com/mcp' } } });
  h.write(`.aws/sso/cache/${key}.token.json`, {
    access_token: s('q-access'),
    refresh_token: s('q-refresh'),
    expires_in: 3600,
  });
  h.write(`.aws/sso/cache/${key}.registration.json`, {
    client_id: 'q-client',
    client_secret: s('q-secret'),
    scopes: [],
    redirect_uri: 'http://127.0.0.1:1',
  });
  const ssoFiles = [
    h.write(`.aws/sso/cache/${'b'.repeat(40)}.json`, {
      accessToken: s('aws-sso'),
      startUrl: 'https://corp.awsapps.com/start',
    }),
    h.write(`.aws/sso/cache/${sha256('https://not-configured.example/mcp')}.token.json`, {
      access_token: s('stranger'),
    }),
  ];
  return { secrets, ssoFiles };
}

describe.each(OSES)('the seven clients through scan() on a %s home', (platform) => {
  it('reports a credential per client, links it to its server, and leaks nothing', async () => {
    const h = makeFakeHome({ platform });
    homes.push(h);
    const { secrets, ssoFiles } = await plantAll(h, platform);
    const result = await scan(h.ctx, { clients: SEVEN });
    const report = result.report;
    const json = JSON.stringify(report);
    assertNoCanary(json, 'scan report');
    assertNoCanary(JSON.stringify([...result.credentials.values()]), 'reset records');
    for (const file of ssoFiles) expect(json).not.toContain(file);

    const byClient = Object.fromEntries(report.clients.map((c) => [c.id, c]));
    expect(Object.keys(byClient).sort()).toEqual([...SEVEN].sort());
    for (const id of SEVEN) {
      expect(byClient[id]!.credentials.length, id).toBe(1);
      expect(byClient[id]!.servers.length, id).toBeGreaterThan(0);
      expect(byClient[id]!.credentials[0]!.fingerprint, id).toMatch(/^sha256:[0-9a-f]{12}$/);
    }
    const malformed = report.findings.filter(
      (f) => f.code === 'malformed-file' || f.code === 'orphaned-credential',
    );
    expect(malformed).toEqual([]);
    expect(byClient.cursor!.credentials[0]!.serverUrl).toBe('https://mcp.linear.app/mcp');
    expect(byClient['amazon-q']!.credentials[0]).toMatchObject({
      serverUrl: 'https://q.example.com/mcp',
      oauthClientId: 'q-client',
    });
    expect(byClient['amazon-q']!.credentials[0]!.files).toHaveLength(2);
    expect(byClient.opencode!.credentials[0]!.expiresAt).toBe(new Date(1_900_000_000_000).toISOString());

    const vs = [...result.credentials.values()].find((c) => c.credential.client === 'vscode')!;
    expect(vs.sharedEntry).toMatchObject({ pointer: '/dynamicAuthProviders/0', format: 'vscdb' });
    expect(vs.sharedEntry!.keys).toHaveLength(1);
    expect(secrets.length).toBeGreaterThan(10);
  });
});
