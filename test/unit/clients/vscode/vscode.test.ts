import path from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { vscode } from '../../../../src/clients/vscode';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import type { Platform } from '../../../../src/context';
import { OSES, encryptedValue, makeStateDb, publicView, readClient } from './harness';

const USER_DIR: Record<Platform, string> = {
  darwin: 'Library/Application Support/Code/User',
  win32: 'AppData/Roaming/Code/User',
  linux: '.config/Code/User',
};

const session = (providerId: string, clientId: string): string =>
  `secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: providerId, clientId })}`;
const registration = (providerId: string): string =>
  `secret://dynamicAuthProvider:clientRegistration:${providerId}`;

let homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes) h.cleanup();
  homes = [];
});
function home(platform: Platform, env: Record<string, string> = {}): FakeHome {
  const h = makeFakeHome({ platform, env });
  homes.push(h);
  return h;
}

interface Planted {
  tokens: string[];
  dbBytes: Buffer;
}

async function plantVsCode(h: FakeHome, userDir: string): Promise<Planted> {
  const header = canary('auth-header');
  h.write(
    `${userDir}/mcp.json`,
    `// user servers
{
  "inputs": [],
  "servers": {
    "atlas": { "type": "http", "url": "https://atlas.example.com/mcp", "headers": { "Authorization": "Bearer ${header}" } },
    "bridge": { "command": "npx", "args": ["-y", "mcp-remote", "https://bridge.example.com/sse"] },
    "local": { "command": "node", "args": ["server.js"] },
  },
}`,
  );
  h.write(`${userDir}/profiles/5f2a/mcp.json`, {
    servers: { work: { type: 'sse', url: 'https://work.example.com/sse' } },
  });
  h.write(
    `${userDir}/settings.json`,
    `{ "editor.fontSize": 13, "mcp": { "servers": { "legacy": { "url": "https://old.example.com/mcp" } } } }`,
  );
  const tokens = [
    canary('vscode-session'),
    canary('vscode-registration'),
    canary('vscode-orphan'),
    canary('other-ext'),
  ];
  const dbBytes = await makeStateDb({
    dynamicAuthProviders: JSON.stringify([
      {
        providerId: 'https://auth.example.com/',
        label: 'auth.example.com',
        authorizationServer: 'https://auth.example.com/',
        clientId: 'client-a',
      },
      {
        providerId: 'https://login.example.org/tenant https://atlas.example.com/mcp',
        label: 'Atlas',
        authorizationServer: 'https://login.example.org/tenant',
        clientId: 'https://vscode.dev/oauth/client-metadata.json',
      },
    ]),
    [session('https://auth.example.com/', 'client-a')]: tokens[0]!,
    [registration('https://auth.example.com/')]: tokens[1]!,
    // A session left behind by a provider no longer in the list.
    [session('https://gone.example.net/', 'client-z')]: tokens[2]!,
    // Another extension's secret: never ours to list.
    [`secret://${JSON.stringify({ extensionId: 'saoudrizwan.claude-dev', key: 'mcpOAuthSecrets' })}`]:
      tokens[3]!,
    'workbench.panel.chat': '{"foo":1}',
  });
  h.write(`${userDir}/globalStorage/state.vscdb`, dbBytes);
  return { tokens: [header, ...tokens], dbBytes };
}

describe.each(OSES)('VS Code on a %s layout', (platform) => {
  it('finds servers in mcp.json, profiles and legacy settings, and one credential per dynamic provider', async () => {
    const h = home(platform);
    const planted = await plantVsCode(h, USER_DIR[platform]);
    const read = await readClient(vscode, h.ctx);

    expect(read.roots.stable).toBe(h.p(USER_DIR[platform]));
    expect(read.roots['stable-global-storage']).toBe(h.p(`${USER_DIR[platform]}/globalStorage`));
    expect(read.problems).toEqual([]);

    const byName = Object.fromEntries(read.servers.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['atlas', 'bridge', 'legacy', 'local', 'work']);
    expect(byName.atlas).toMatchObject({ url: 'https://atlas.example.com/mcp', transport: 'http' });
    expect(byName.atlas!.source).toBe(h.p(`${USER_DIR[platform]}/mcp.json`));
    expect(byName.bridge).toMatchObject({
      transport: 'mcp-remote',
      bridgedUrl: 'https://bridge.example.com/sse',
    });
    expect(byName.bridge!.mcpRemoteHashes?.length).toBeGreaterThan(0);
    expect(byName.work).toMatchObject({
      transport: 'sse',
      source: h.p(`${USER_DIR[platform]}/profiles/5f2a/mcp.json`),
    });
    expect(byName.legacy!.source).toBe(h.p(`${USER_DIR[platform]}/settings.json`));
    expect(read.notes.some((n) => n.includes('settings.json'))).toBe(true);

    const creds = Object.fromEntries(read.credentials.map((c) => [c.groupKey, c]));
    expect(Object.keys(creds).sort()).toEqual([
      'vscode-auth-provider:https://auth.example.com/',
      'vscode-auth-provider:https://gone.example.net/',
      'vscode-auth-provider:https://login.example.org/tenant https://atlas.example.com/mcp',
    ]);
    const plain = creds['vscode-auth-provider:https://auth.example.com/']!;
    expect(plain).toMatchObject({
      entry: '/dynamicAuthProviders/0',
      issuer: 'https://auth.example.com/',
      oauthClientId: 'client-a',
      serverUrl: null,
      hasAccessToken: true,
      registration: 'unknown',
      sharedKeys: [
        session('https://auth.example.com/', 'client-a'),
        registration('https://auth.example.com/'),
      ],
    });
    expect(plain.hasRefreshToken).toBeUndefined();
    expect(plain.path).toBe(h.p(`${USER_DIR[platform]}/globalStorage/state.vscdb`));

    const withResource =
      creds['vscode-auth-provider:https://login.example.org/tenant https://atlas.example.com/mcp']!;
    expect(withResource).toMatchObject({
      entry: '/dynamicAuthProviders/1',
      issuer: 'https://login.example.org/tenant',
      serverUrl: 'https://atlas.example.com/mcp',
      registration: 'cimd',
      hasAccessToken: false,
      sharedKeys: [],
    });

    const orphan = creds['vscode-auth-provider:https://gone.example.net/']!;
    expect(orphan.entry).toBe(
      `/${session('https://gone.example.net/', 'client-z').replace(/~/g, '~0').replace(/\//g, '~1')}`,
    );
    expect(orphan).toMatchObject({
      oauthClientId: 'client-z',
      issuer: 'https://gone.example.net/',
      hasAccessToken: true,
    });

    // Secret values reach only `secrets` (for fingerprints); the claude-dev secret is not ours.
    assertNoCanary(publicView(read), 'VS Code parse output');
    const secrets = read.credentials.flatMap((c) => c.secrets ?? []);
    expect(secrets).toEqual(expect.arrayContaining(planted.tokens.slice(1, 4)));
    expect(secrets).not.toContain(planted.tokens[4]);
  });

  it('reads Insiders beside Stable', async () => {
    const h = home(platform);
    const insiders = USER_DIR[platform].replace('/Code/', '/Code - Insiders/');
    h.write(`${insiders}/mcp.json`, {
      servers: { beta: { type: 'http', url: 'https://beta.example.com/mcp' } },
    });
    const read = await readClient(vscode, h.ctx);
    expect(read.servers.map((s) => s.name)).toEqual(['beta']);
    expect(read.servers[0]!.source).toBe(h.p(`${insiders}/mcp.json`));
  });
});

describe('VS Code env overrides', () => {
  it('follows XDG_CONFIG_HOME on Linux and APPDATA on Windows', async () => {
    const linux = home('linux');
    linux.write('xdg/Code/User/mcp.json', { servers: { a: { url: 'https://a.example.com/mcp' } } });
    linux.write('.config/Code/User/mcp.json', { servers: { ignored: { url: 'https://b.example.com/mcp' } } });
    const withXdg = { ...linux.ctx, env: { ...linux.ctx.env, XDG_CONFIG_HOME: linux.p('xdg') } };
    expect((await readClient(vscode, withXdg)).servers.map((s) => s.name)).toEqual(['a']);
    expect((await readClient(vscode, linux.ctx)).servers.map((s) => s.name)).toEqual(['ignored']);

    const win = home('win32');
    win.write('Roam/Code/User/mcp.json', { servers: { w: { url: 'https://w.example.com/mcp' } } });
    const withAppData = { ...win.ctx, env: { ...win.ctx.env, APPDATA: win.p('Roam') } };
    expect((await readClient(vscode, withAppData)).servers.map((s) => s.name)).toEqual(['w']);
    expect((await readClient(vscode, win.ctx)).servers).toEqual([]);
  });

  it('prefers VSCODE_PORTABLE, then VSCODE_APPDATA, as VS Code does', async () => {
    const h = home('darwin');
    h.write('portable/user-data/User/mcp.json', { servers: { p: { url: 'https://p.example.com/mcp' } } });
    h.write('appdata/Code/User/mcp.json', { servers: { a: { url: 'https://a.example.com/mcp' } } });
    const both = {
      ...h.ctx,
      env: { ...h.ctx.env, VSCODE_PORTABLE: h.p('portable'), VSCODE_APPDATA: h.p('appdata') },
    };
    expect((await readClient(vscode, both)).servers.map((s) => s.name)).toEqual(['p']);
    const appdataOnly = { ...h.ctx, env: { ...h.ctx.env, VSCODE_APPDATA: h.p('appdata') } };
    expect((await readClient(vscode, appdataOnly)).servers.map((s) => s.name)).toEqual(['a']);
  });
});

describe('VS Code malformed, empty and binary files', () => {
  it('reports each bad file with what is wrong and keeps reading the others', async () => {
    const h = home('linux');
    const secret = canary('in-broken-json');
    h.write(
      '.config/Code/User/mcp.json',
      `{ "servers": { "x": { "url": "https://x.example.com", "headers": { "A": "${secret}" } ]`,
    );
    h.write('.config/Code/User/settings.json', Buffer.from([0x7b, 0x00, 0xff, 0x10]));
    h.write('.config/Code/User/profiles/p1/mcp.json', '');
    h.write('.config/Code/User/profiles/p2/mcp.json', '[1, 2]');
    h.write('.config/Code/User/globalStorage/state.vscdb', `not sqlite ${canary('db-text')}`);
    const read = await readClient(vscode, h.ctx);
    const messages = read.problems.map((p) => `${path.basename(p.path)}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^mcp\.json: mcp\.json is not valid JSON \(with comments\): \w+ at line 1, column \d+$/,
        ),
        'settings.json: settings.json is a binary file, not text',
        'mcp.json: mcp.json is not a JSON object',
        'state.vscdb: state.vscdb is not a SQLite database',
      ]),
    );
    expect(read.problems).toHaveLength(4); // the empty profile mcp.json is a fresh file, not a problem
    assertNoCanary(publicView(read), 'problems');
  });

  it('reports an empty or truncated database, one without ItemTable, and a broken provider list', async () => {
    const h = home('win32');
    const dir = 'AppData/Roaming/Code/User/globalStorage';
    h.write(`${dir}/state.vscdb`, Buffer.alloc(0));
    let read = await readClient(vscode, h.ctx);
    expect(read.problems.map((p) => p.message)).toEqual(['state.vscdb is not a SQLite database']);

    const full = await makeStateDb({ dynamicAuthProviders: '[]' });
    h.write(`${dir}/state.vscdb`, full.subarray(0, 200));
    read = await readClient(vscode, h.ctx);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.message).toMatch(/^state\.vscdb (could not be read as SQLite|has no ItemTable)/);

    const SQL = await initSqlJs();
    const other = new SQL.Database();
    other.run('CREATE TABLE Other (k TEXT)');
    h.write(`${dir}/state.vscdb`, Buffer.from(other.export()));
    other.close();
    read = await readClient(vscode, h.ctx);
    expect(read.problems.map((p) => p.message)).toEqual([
      'state.vscdb has no ItemTable (not a VS Code state database)',
    ]);

    h.write(`${dir}/state.vscdb`, await makeStateDb({ dynamicAuthProviders: '{not json' }));
    read = await readClient(vscode, h.ctx);
    expect(read.problems.map((p) => p.message)).toEqual(['the dynamicAuthProviders entry is not valid JSON']);
    expect(read.credentials).toEqual([]);

    h.write(
      `${dir}/state.vscdb`,
      await makeStateDb({
        dynamicAuthProviders: JSON.stringify([{ label: 'no id' }, { providerId: 'https://ok.example/' }]),
      }),
    );
    read = await readClient(vscode, h.ctx);
    expect(read.problems.map((p) => p.message)).toEqual(['dynamicAuthProviders[0] has no providerId']);
    expect(read.credentials.map((c) => c.entry)).toEqual(['/dynamicAuthProviders/1']);
  });

  it('reads a WAL-mode database from its main file and says so', async () => {
    const h = home('linux');
    const bytes = await makeStateDb({
      dynamicAuthProviders: JSON.stringify([
        { providerId: 'https://a.example/', authorizationServer: 'https://a.example/', clientId: 'c' },
      ]),
      [session('https://a.example/', 'c')]: encryptedValue('{"access_token":"x"}'),
    });
    bytes[18] = 2;
    bytes[19] = 2;
    h.write('.config/Code/User/globalStorage/state.vscdb', bytes);
    const read = await readClient(vscode, h.ctx);
    expect(read.problems).toEqual([]);
    expect(read.credentials).toHaveLength(1);
    expect(read.credentials[0]!.hasAccessToken).toBe(true);
    expect(read.notes.some((n) => n.includes('WAL'))).toBe(true);
  });
});
