import { afterEach, describe, expect, it } from 'vitest';
import { opencode } from '../../../../src/clients/opencode';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import { OSES, publicView, readClient } from '../vscode/harness';

let homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes) h.cleanup();
  homes = [];
});

describe.each(OSES)('opencode on a %s layout', (platform) => {
  it('reads the mcp block and mcp-auth.json, expiry in seconds turned into ms', async () => {
    const h = makeFakeHome({ platform });
    homes.push(h);
    h.write(
      '.config/opencode/opencode.jsonc',
      `{
      "$schema": "https://opencode.ai/config.json",
      "mcp": {
        "atlas": { "type": "remote", "url": "https://atlas.example.com/mcp", "oauth": {} },
        "bridge": { "type": "local", "command": ["npx", "-y", "mcp-remote", "https://b.example.com/sse"] },
        "fs": { "type": "local", "command": ["node", "fs.js"], "enabled": false },
      },
    }`,
    );
    const secrets = [
      canary('oc-access'),
      canary('oc-refresh'),
      canary('oc-client-secret'),
      canary('oc-verifier'),
    ];
    h.write(
      '.local/share/opencode/mcp-auth.json',
      {
        atlas: {
          tokens: {
            accessToken: secrets[0],
            refreshToken: secrets[1],
            expiresAt: 1_800_000_000,
            scope: 'mcp offline_access',
          },
          clientInfo: { clientId: 'oc-client', clientSecret: secrets[2], clientIdIssuedAt: 1_700_000_000 },
          serverUrl: 'https://atlas.example.com/mcp',
        },
        pending: { codeVerifier: secrets[3], oauthState: 'st', serverUrl: 'https://p.example.com/mcp' },
      },
      0o600,
    );
    const read = await readClient(opencode, h.ctx);
    expect(read.problems).toEqual([]);
    expect(read.servers.map((s) => [s.name, s.transport, s.url])).toEqual([
      ['atlas', 'http', 'https://atlas.example.com/mcp'],
      ['bridge', 'mcp-remote', 'https://b.example.com/sse'],
      ['fs', 'stdio', null],
    ]);
    const [atlas, pending] = read.credentials;
    expect(atlas).toMatchObject({
      entry: '/atlas',
      serverName: 'atlas',
      serverUrl: 'https://atlas.example.com/mcp',
      oauthClientId: 'oc-client',
      expiresAtMs: 1_800_000_000_000,
      hasAccessToken: true,
      hasRefreshToken: true,
      scopes: ['mcp', 'offline_access'],
      flowState: false,
    });
    expect(pending).toMatchObject({
      entry: '/pending',
      hasAccessToken: false,
      flowState: true,
      expiresAtMs: null,
    });
    expect(read.credentials.flatMap((c) => c.secrets)).toEqual(secrets);
    assertNoCanary(publicView(read), 'opencode parse output');
    expect(atlas!.matchKeys).toEqual([]);
    expect(read.servers.map((s) => s.matchKeys)).toEqual([
      ['opencode-server:atlas'],
      ['opencode-server:bridge'],
      ['opencode-server:fs'],
    ]);
  });
});

describe('opencode env overrides and bad files', () => {
  it('follows XDG_CONFIG_HOME and XDG_DATA_HOME', async () => {
    const h = makeFakeHome({ platform: 'linux' });
    homes.push(h);
    h.write('cfg/opencode/opencode.json', { mcp: { a: { type: 'remote', url: 'https://a.example/mcp' } } });
    h.write('data/opencode/mcp-auth.json', { a: { tokens: { accessToken: canary('x') } } });
    const ctx = { ...h.ctx, env: { ...h.ctx.env, XDG_CONFIG_HOME: h.p('cfg'), XDG_DATA_HOME: h.p('data') } };
    const read = await readClient(opencode, ctx);
    expect(read.servers.map((s) => s.name)).toEqual(['a']);
    expect(read.credentials.map((c) => [c.serverName, c.matchKeys])).toEqual([['a', ['opencode-server:a']]]);
  });

  it('names malformed, empty, binary and odd auth files', async () => {
    const h = makeFakeHome({ platform: 'darwin' });
    homes.push(h);
    const leak = canary('oc-leak');
    const cases: [string | Buffer | object, string | RegExp][] = [
      [
        `{"a": {"tokens": {"accessToken": "${leak}"}}`,
        /^mcp-auth\.json is not valid JSON: \w+ at line 1, column \d+$/,
      ],
      [' ', 'mcp-auth.json is empty; opencode will treat it as holding no credentials'],
      [Buffer.from([0xff, 0xfe, 0x00]), 'mcp-auth.json is a binary file, not text'],
      [[1], 'mcp-auth.json is not a JSON object keyed by server name'],
      [{ a: 'x' }, 'mcp-auth.json entry "a" is not an object'],
    ];
    for (const [content, expected] of cases) {
      h.write('.local/share/opencode/mcp-auth.json', content);
      const read = await readClient(opencode, h.ctx);
      expect(read.problems.map((p) => p.message)).toEqual([
        expected instanceof RegExp ? expect.stringMatching(expected) : expected,
      ]);
      assertNoCanary(publicView(read));
    }
  });
});
