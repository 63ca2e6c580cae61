import { afterEach, describe, expect, it } from 'vitest';
import { geminiCli } from '../../../../src/clients/gemini-cli';
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

function tokenFile(access: string, refresh: string): object[] {
  return [
    {
      serverName: 'atlas',
      token: {
        accessToken: access,
        refreshToken: refresh,
        expiresAt: 1_800_000_000_000,
        tokenType: 'Bearer',
        scope: 'read write',
      },
      clientId: 'dcr-123',
      tokenUrl: 'https://auth.example.com/token',
      mcpServerUrl: 'https://atlas.example.com/mcp',
      updatedAt: 1_790_000_000_000,
    },
    { serverName: 'old', token: { accessToken: canary('old-access'), tokenType: 'Bearer' }, updatedAt: 1 },
  ];
}

describe.each(OSES)('Gemini CLI on a %s layout', (platform) => {
  it('reads settings servers (url = SSE, httpUrl = HTTP) and one credential per token entry', async () => {
    const h = home(platform);
    h.write(
      '.gemini/settings.json',
      `{
      // comments are allowed in Gemini settings
      "mcpServers": {
        "atlas": { "httpUrl": "https://atlas.example.com/mcp" },
        "events": { "url": "https://events.example.com/sse" },
        "bridge": { "command": "npx", "args": ["-y", "mcp-remote", "https://b.example.com/mcp"] }
      }
    }`,
    );
    const access = canary('gemini-access');
    const refresh = canary('gemini-refresh');
    h.write('.gemini/mcp-oauth-tokens.json', tokenFile(access, refresh), 0o600);
    // Gemini's own Google sign-in: never read or listed.
    h.write('.gemini/oauth_creds.json', {
      access_token: canary('google-login'),
      refresh_token: canary('google-refresh'),
    });
    const read = await readClient(geminiCli, h.ctx);

    expect(read.roots.gemini).toBe(h.p('.gemini'));
    expect(read.problems).toEqual([]);
    expect(read.servers.map((s) => [s.name, s.transport])).toEqual([
      ['atlas', 'http'],
      ['events', 'sse'],
      ['bridge', 'mcp-remote'],
    ]);
    expect(read.credentials).toHaveLength(2);
    expect(read.credentials[0]).toMatchObject({
      entry: '/0',
      serverName: 'atlas',
      serverUrl: 'https://atlas.example.com/mcp',
      oauthClientId: 'dcr-123',
      scopes: ['read', 'write'],
      hasAccessToken: true,
      hasRefreshToken: true,
      expiresAtMs: 1_800_000_000_000,
      updatedAtMs: 1_790_000_000_000,
    });
    expect(read.credentials[1]).toMatchObject({
      entry: '/1',
      serverName: 'old',
      hasRefreshToken: false,
      serverUrl: null,
    });
    expect(read.files.map((f) => f.relative)).not.toContain('oauth_creds.json');
    assertNoCanary(publicView(read), 'Gemini parse output');
    // Linked by URL when the entry has one, by name (older entries) when it does not.
    expect(read.credentials[0]!.matchKeys).toEqual([]);
    expect(read.credentials[1]!.matchKeys).toEqual(['gemini-server:old']);
    expect(read.servers[0]!.matchKeys).toEqual(['gemini-server:atlas']);
    expect(read.credentials[0]!.secrets).toEqual([access, refresh]);
  });
});

describe('Gemini CLI env overrides and bad files', () => {
  it('follows GEMINI_CLI_HOME', async () => {
    const h = home('linux');
    h.write('alt/.gemini/mcp-oauth-tokens.json', [{ serverName: 'x', token: { accessToken: canary('a') } }]);
    h.write('.gemini/mcp-oauth-tokens.json', [
      { serverName: 'ignored', token: { accessToken: canary('b') } },
    ]);
    const ctx = { ...h.ctx, env: { ...h.ctx.env, GEMINI_CLI_HOME: h.p('alt') } };
    const read = await readClient(geminiCli, ctx);
    expect(read.credentials.map((c) => c.serverName)).toEqual(['x']);
  });

  it('reads the system settings file named by GEMINI_CLI_SYSTEM_SETTINGS_PATH', async () => {
    const h = home('linux');
    h.write('etc/gemini/system.json', { mcpServers: { corp: { httpUrl: 'https://corp.example/mcp' } } });
    const ctx = {
      ...h.ctx,
      env: { ...h.ctx.env, GEMINI_CLI_SYSTEM_SETTINGS_PATH: h.p('etc/gemini/system.json') },
    };
    const read = await readClient(geminiCli, ctx);
    expect(read.servers.map((s) => [s.name, s.source])).toEqual([['corp', h.p('etc/gemini/system.json')]]);
  });

  it('names malformed, empty, binary and odd token files, and never quotes their contents', async () => {
    const h = home('win32');
    const leaked = canary('half-written');
    const cases: [string | Buffer | object, RegExp][] = [
      [
        `[{"serverName":"a","token":{"accessToken":"${leaked}"`,
        /^mcp-oauth-tokens\.json is not valid JSON: \w+ at line 1, column \d+$/,
      ],
      ['', /^mcp-oauth-tokens\.json is empty/],
      [Buffer.from([0, 1, 2, 3]), /^mcp-oauth-tokens\.json is a binary file, not text$/],
      [{ serverName: 'a' }, /^mcp-oauth-tokens\.json is not a JSON array of credentials$/],
    ];
    for (const [content, expected] of cases) {
      h.write('.gemini/mcp-oauth-tokens.json', content);
      const read = await readClient(geminiCli, h.ctx);
      expect(read.credentials).toEqual([]);
      expect(read.problems).toHaveLength(1);
      expect(read.problems[0]!.message).toMatch(expected);
      assertNoCanary(publicView(read));
    }
  });

  it('skips entries without a name and warns about a repeated name', async () => {
    const h = home('darwin');
    h.write('.gemini/mcp-oauth-tokens.json', [
      'junk',
      { token: {} },
      { serverName: 'a', token: { accessToken: canary('1') } },
      { serverName: 'a', token: { accessToken: canary('2') } },
    ]);
    const read = await readClient(geminiCli, h.ctx);
    expect(read.credentials.map((c) => c.entry)).toEqual(['/2', '/3']);
    expect(read.problems.map((p) => p.message)).toEqual([
      'mcp-oauth-tokens.json element 0 has no serverName',
      'mcp-oauth-tokens.json element 1 has no serverName',
      'mcp-oauth-tokens.json holds server "a" more than once; Gemini CLI uses the last one',
    ]);
  });
});
