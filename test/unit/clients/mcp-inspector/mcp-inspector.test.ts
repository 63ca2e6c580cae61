import { afterEach, describe, expect, it } from 'vitest';
import { mcpInspector } from '../../../../src/clients/mcp-inspector';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import { OSES, publicView, readClient } from '../vscode/harness';

let homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes) h.cleanup();
  homes = [];
});
function home(platform: 'darwin' | 'win32' | 'linux'): FakeHome {
  const h = makeFakeHome({ platform });
  homes.push(h);
  return h;
}

describe.each(OSES)('MCP Inspector on a %s layout', (platform) => {
  it('lists each server URL of oauth.json: issuer-bound slots, legacy fields, verifiers', async () => {
    const h = home(platform);
    h.write('.mcp-inspector/mcp.json', {
      mcpServers: { atlas: { type: 'streamable-http', url: 'https://atlas.example.com/mcp' } },
    });
    const s = [
      canary('insp-access'),
      canary('insp-refresh'),
      canary('insp-client-secret'),
      canary('insp-legacy'),
      canary('insp-verifier'),
    ];
    h.write(
      '.mcp-inspector/storage/oauth.json',
      {
        servers: {
          'https://atlas.example.com/mcp': {
            byIssuer: {
              'https://auth.example.com': {
                clientInformation: { client_id: 'dcr-1', client_secret: s[2] },
                clientRegistrationKind: 'dcr',
                tokens: {
                  access_token: s[0],
                  refresh_token: s[1],
                  token_type: 'Bearer',
                  expires_in: 3600,
                  scope: 'mcp:read',
                },
              },
            },
            scope: 'mcp:read',
          },
          'http://localhost:3001/mcp': {
            clientInformation: { client_id: 'https://inspector.example/client.json' },
            tokens: { access_token: s[3], token_type: 'Bearer' },
            serverMetadata: { issuer: 'http://localhost:3001' },
          },
          'https://half.example.com/mcp': {
            codeVerifier: s[4],
            preregisteredClientInformation: { client_id: 'static-id' },
          },
        },
        idpSessions: { 'https://idp.example.com': { idToken: canary('idp') } },
      },
      0o600,
    );
    const read = await readClient(mcpInspector, h.ctx);
    expect(read.problems).toEqual([]);
    expect(read.servers.map((x) => [x.name, x.transport])).toEqual([['atlas', 'http']]);
    const byUrl = new Map(read.credentials.map((c) => [c.serverUrl ?? '', c]));
    expect(byUrl.get('https://atlas.example.com/mcp')).toMatchObject({
      entry: '/servers/https:~1~1atlas.example.com~1mcp',
      issuer: 'https://auth.example.com',
      oauthClientId: 'dcr-1',
      registration: 'dcr',
      scopes: ['mcp:read'],
      hasAccessToken: true,
      hasRefreshToken: true,
      expiresAtMs: null,
      flowState: false,
    });
    expect(byUrl.get('http://localhost:3001/mcp')).toMatchObject({
      issuer: 'http://localhost:3001',
      registration: 'cimd',
      hasRefreshToken: false,
    });
    const half = byUrl.get('https://half.example.com/mcp')!;
    expect(half).toMatchObject({ registration: 'static', oauthClientId: 'static-id', flowState: true });
    expect(half.hasAccessToken).toBeUndefined();
    expect(read.credentials).toHaveLength(3); // IdP sessions are not MCP credentials
    expect(read.credentials.flatMap((c) => c.secrets)).toEqual(expect.arrayContaining(s));
    assertNoCanary(publicView(read), 'Inspector parse output');
  });
});

describe('MCP Inspector variants and bad files', () => {
  it('reads the legacy zustand envelope and the split-secrets index, and follows MCP_STORAGE_DIR', async () => {
    const h = home('linux');
    h.write('store/oauth.json', {
      state: { servers: { 'https://a.example/mcp': { tokens: { access_token: canary('t') } } } },
      version: 0,
    });
    const ctx = { ...h.ctx, env: { ...h.ctx.env, MCP_STORAGE_DIR: h.p('store') } };
    let read = await readClient(mcpInspector, ctx);
    expect(read.credentials.map((c) => c.entry)).toEqual(['/state/servers/https:~1~1a.example~1mcp']);

    h.write('store/oauth.json', {
      secretsNamespace: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      servers: {
        'https://a.example/mcp': {
          byIssuer: { 'https://as.example': { clientInformation: { client_id: 'c' } } },
        },
      },
      idpSessions: {},
    });
    read = await readClient(mcpInspector, ctx);
    expect(read.credentials[0]).toMatchObject({ oauthClientId: 'c', issuer: 'https://as.example' });
    expect(read.credentials[0]!.hasAccessToken).toBeUndefined();
    expect(read.notes.some((n) => n.includes('keychain'))).toBe(true);
  });

  it('prefers MCP_INSPECTOR_OAUTH_STATE_PATH over MCP_STORAGE_DIR, and follows MCP_CATALOG_PATH', async () => {
    const h = home('win32');
    h.write('a/state.json', { servers: { 'https://from-state-path.example/mcp': {} } });
    h.write('b/oauth.json', { servers: { 'https://from-storage-dir.example/mcp': {} } });
    h.write('c/catalog.json', { mcpServers: { cat: { url: 'https://cat.example/mcp' } } });
    const env = {
      MCP_INSPECTOR_OAUTH_STATE_PATH: h.p('a/state.json'),
      MCP_STORAGE_DIR: h.p('b'),
      MCP_CATALOG_PATH: h.p('c/catalog.json'),
    };
    let read = await readClient(mcpInspector, { ...h.ctx, env: { ...h.ctx.env, ...env } });
    expect(read.credentials.map((c) => c.serverUrl)).toEqual(['https://from-state-path.example/mcp']);
    expect(read.servers.map((x) => x.name)).toEqual(['cat']);
    read = await readClient(mcpInspector, { ...h.ctx, env: { ...h.ctx.env, MCP_STORAGE_DIR: h.p('b') } });
    expect(read.credentials.map((c) => c.serverUrl)).toEqual(['https://from-storage-dir.example/mcp']);
  });

  it('names malformed, empty, binary and unrecognised state files', async () => {
    const h = home('darwin');
    const cases: [string | Buffer | object, string | RegExp][] = [
      [`{"servers": {"x": {"tokens": {"access_token": "${canary('l')}"`, /^oauth\.json is not valid JSON: /],
      ['', 'oauth.json is empty; MCP Inspector will treat it as holding no state'],
      [Buffer.from([0, 0, 0]), 'oauth.json is a binary file, not text'],
      [{ hello: 1 }, 'oauth.json has no "servers" map; MCP Inspector does not recognise it'],
      [{ servers: { u: 5 } }, 'oauth.json entry for u is not an object'],
    ];
    for (const [content, expected] of cases) {
      h.write('.mcp-inspector/storage/oauth.json', content);
      const read = await readClient(mcpInspector, h.ctx);
      expect(read.problems.map((p) => p.message)).toEqual([
        expected instanceof RegExp ? expect.stringMatching(expected) : expected,
      ]);
      assertNoCanary(publicView(read));
    }
  });
});
