import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { amazonQ } from '../../../../src/clients/amazon-q';
import { amazonQCacheKey } from '../../../../src/clients/parsers/amazon-q-cache';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import { OSES, publicView, readClient } from '../vscode/harness';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

let homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes) h.cleanup();
  homes = [];
});

describe('amazonQCacheKey (compute_key: sha256 of origin + path)', () => {
  it('drops query and fragment, keeps the path, omits default ports', () => {
    expect(amazonQCacheKey('https://mcp.example.com/v1/mcp?tenant=a#x')).toBe(
      sha256('https://mcp.example.com/v1/mcp'),
    );
    expect(amazonQCacheKey('https://MCP.Example.com:443/mcp')).toBe(sha256('https://mcp.example.com/mcp'));
    expect(amazonQCacheKey('http://localhost:8080')).toBe(sha256('http://localhost:8080/'));
    expect(amazonQCacheKey('not a url')).toBeNull();
  });
});

describe.each(OSES)('Amazon Q on a %s layout', (platform) => {
  it('reads only the cache files of configured MCP URLs and never an AWS SSO file', async () => {
    const h = makeFakeHome({ platform });
    homes.push(h);
    const url = 'https://mcp.example.com/mcp?env=eu';
    const key = sha256('https://mcp.example.com/mcp');
    h.write('.aws/amazonq/mcp.json', {
      mcpServers: {
        remote: { type: 'http', url, oauthScopes: ['openid'] },
        local: { command: 'uvx', args: ['awslabs.core-mcp-server'] },
      },
    });
    h.write('.aws/amazonq/cli-agents/dev.json', {
      name: 'dev',
      mcpServers: { second: { type: 'http', url: 'https://second.example.com/mcp' } },
    });
    const s = [canary('q-access'), canary('q-refresh'), canary('q-secret')];
    const tokenPath = h.write(`.aws/sso/cache/${key}.token.json`, {
      access_token: s[0],
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: s[1],
      scope: 'openid email',
    });
    const written = new Date('2026-11-26T11:30:00Z');
    fs.utimesSync(tokenPath, written, written);
    h.write(`.aws/sso/cache/${key}.registration.json`, {
      client_id: 'dcr-q',
      client_secret: s[2],
      scopes: ['openid', 'email', 'profile', 'offline_access'],
      redirect_uri: 'http://127.0.0.1:51000',
    });
    // AWS SSO state in the same folder: a start-URL cache, a client registration, and a
    // *.token.json-looking file for a URL nobody configures. None may be read.
    const ssoAccess = canary('aws-sso');
    h.write(`.aws/sso/cache/${'a'.repeat(40)}.json`, {
      accessToken: ssoAccess,
      startUrl: 'https://corp.awsapps.com/start',
    });
    h.write('.aws/sso/cache/botocore-client-id-us-east-1.json', { clientSecret: canary('aws-client') });
    const stranger = h.write(`.aws/sso/cache/${sha256('https://nobody.example/mcp')}.token.json`, {
      access_token: canary('stranger'),
    });

    const read = await readClient(amazonQ, h.ctx);
    expect(read.problems).toEqual([]);
    expect(read.servers.map((x) => [x.name, x.transport])).toEqual([
      ['remote', 'http'],
      ['local', 'stdio'],
      ['second', 'http'],
    ]);
    expect(read.servers[0]!.matchKeys).toEqual([key]);
    expect(read.files.map((f) => f.relative).sort()).toEqual(
      ['cli-agents/dev.json', 'mcp.json', `${key}.registration.json`, `${key}.token.json`].sort(),
    );
    expect(read.refused).toEqual([stranger]);

    const token = read.credentials.find((c) => c.hasAccessToken !== undefined)!;
    const reg = read.credentials.find((c) => c.oauthClientId !== undefined)!;
    expect(token).toMatchObject({
      groupKey: `amazon-q:${key}`,
      matchKeys: [key],
      hasAccessToken: true,
      hasRefreshToken: true,
      scopes: ['openid', 'email'],
      expiresAtMs: written.getTime() + 3_600_000,
    });
    expect(reg).toMatchObject({ groupKey: `amazon-q:${key}`, oauthClientId: 'dcr-q', registration: 'dcr' });
    const view = publicView(read);
    assertNoCanary(view, 'Amazon Q parse output');
    expect(read.credentials.flatMap((c) => c.secrets)).toEqual(expect.arrayContaining(s));
  });
});

describe('Amazon Q gate and bad files', () => {
  it('accepts a cache file when another client configures the URL, and reports malformed ones', async () => {
    const h = makeFakeHome({ platform: 'linux' });
    homes.push(h);
    const key = sha256('https://shared.example/mcp');
    h.write(`.aws/sso/cache/${key}.token.json`, `{"access_token": "${canary('q-broken')}"`);
    h.write(`.aws/sso/cache/${key}.registration.json`, { client_id: 'Q DEV CLI', scopes: [] });
    const fromClaude = [
      {
        name: 'shared',
        url: 'https://shared.example/mcp',
        transport: 'http' as const,
        source: '/x/.claude.json',
      },
    ];
    const read = await readClient(amazonQ, h.ctx, fromClaude);
    expect(read.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        new RegExp(`^${key}\\.token\\.json is not valid JSON: \\w+ at line 1, column \\d+$`),
      ),
    ]);
    expect(read.credentials).toEqual([
      expect.objectContaining({ registration: 'static', oauthClientId: 'Q DEV CLI' }),
    ]);
    assertNoCanary(publicView(read));

    const none = await readClient(amazonQ, h.ctx);
    expect(none.files).toEqual([]);
    expect(none.refused).toHaveLength(2);
  });

  it('reports empty and binary cache files', async () => {
    const h = makeFakeHome({ platform: 'darwin' });
    homes.push(h);
    const key = sha256('https://q.example/mcp');
    h.write('.aws/amazonq/mcp.json', { mcpServers: { q: { type: 'http', url: 'https://q.example/mcp' } } });
    h.write(`.aws/sso/cache/${key}.token.json`, '');
    h.write(`.aws/sso/cache/${key}.registration.json`, Buffer.from([1, 0, 2]));
    const read = await readClient(amazonQ, h.ctx);
    expect(read.problems.map((p) => p.message).sort()).toEqual(
      [
        `${key}.registration.json is a binary file, not text`,
        `${key}.token.json is empty; Amazon Q will sign in again`,
      ].sort(),
    );
  });
});
