import { afterEach, describe, expect, it } from 'vitest';
import { cursor } from '../../../../src/clients/cursor';
import { cursorScope } from '../../../../src/clients/parsers/cursor-secrets';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import type { Platform } from '../../../../src/context';
import { OSES, makeStateDb, publicView, readClient } from '../vscode/harness';

const STORAGE: Record<Platform, string> = {
  darwin: 'Library/Application Support/Cursor/User/globalStorage',
  win32: 'AppData/Roaming/Cursor/User/globalStorage',
  linux: '.config/Cursor/User/globalStorage',
};
const row = (key: string): string =>
  `secret://${JSON.stringify({ extensionId: 'anysphere.cursor-mcp', key })}`;
const b64 = (url: string): string => Buffer.from(url).toString('base64').replace(/=+$/, '');

let homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes) h.cleanup();
  homes = [];
});

describe.each(OSES)('Cursor on a %s layout', (platform) => {
  it('reads ~/.cursor/mcp.json and groups the cursor-mcp secrets by server scope', async () => {
    const h = makeFakeHome({ platform });
    homes.push(h);
    h.write('.cursor/mcp.json', {
      mcpServers: {
        linear: { url: 'https://mcp.linear.app/mcp' },
        bridged: {
          command: 'npx',
          args: ['mcp-remote@latest', 'https://bridge.example.com/mcp', '--header', 'X-Team: a'],
        },
      },
    });
    const secrets = [
      canary('cursor-tokens'),
      canary('cursor-client'),
      canary('cursor-url-tokens'),
      canary('cursor-verifier'),
      canary('cursor-login'),
    ];
    h.write(
      `${STORAGE[platform]}/state.vscdb`,
      await makeStateDb({
        [row('[user-linear] mcp_tokens')]: secrets[0]!,
        [row('[user-linear] mcp_client_information')]: secrets[1]!,
        [row(`[url:${b64('https://mcp.figma.com/mcp')}] mcp_tokens`)]: secrets[2]!,
        [row('[project-0-shop-api-notion] mcp_code_verifier')]: secrets[3]!,
        // Cursor's own sign-in sits in the same table and is never listed.
        'cursorAuth/accessToken': secrets[4]!,
      }),
    );
    const read = await readClient(cursor, h.ctx);
    expect(read.problems).toEqual([]);
    expect(read.servers.map((s) => [s.name, s.transport])).toEqual([
      ['linear', 'http'],
      ['bridged', 'mcp-remote'],
    ]);
    const byGroup = Object.fromEntries(read.credentials.map((c) => [c.groupKey, c]));
    expect(Object.keys(byGroup).sort()).toEqual(
      [
        'cursor-mcp:[project-0-shop-api-notion]'.replace(/[[\]]/g, ''),
        'cursor-mcp:url:' + b64('https://mcp.figma.com/mcp'),
        'cursor-mcp:user-linear',
      ].sort(),
    );
    expect(byGroup['cursor-mcp:user-linear']).toMatchObject({
      serverName: 'linear',
      serverUrl: null,
      matchKeys: ['cursor-scope:user-linear'],
      hasAccessToken: true,
      flowState: false,
      entry: `/${row('[user-linear] mcp_tokens').replace(/\//g, '~1')}`,
      sharedKeys: [row('[user-linear] mcp_client_information'), row('[user-linear] mcp_tokens')].sort(),
    });
    expect(byGroup[`cursor-mcp:url:${b64('https://mcp.figma.com/mcp')}`]).toMatchObject({
      serverUrl: 'https://mcp.figma.com/mcp',
      serverName: null,
    });
    expect(byGroup['cursor-mcp:project-0-shop-api-notion']).toMatchObject({
      hasAccessToken: false,
      flowState: true,
    });
    assertNoCanary(publicView(read), 'Cursor parse output');
    expect(byGroup['cursor-mcp:project-0-shop-api-notion']!.matchKeys).toEqual([]);
    // The config server carries the same key as the user-scope credential: the scanner links them.
    expect(read.servers.find((s) => s.name === 'linear')!.matchKeys).toEqual(['cursor-scope:user-linear']);
    const fingerprinted = read.credentials.flatMap((c) => c.secrets ?? []);
    expect(fingerprinted).toEqual(expect.arrayContaining(secrets.slice(0, 4)));
    expect(fingerprinted).not.toContain(secrets[4]);
  });
});

describe('Cursor files that are wrong', () => {
  it('reports malformed mcp.json and a state.vscdb that is not SQLite, with no secret in the message', async () => {
    const h = makeFakeHome({ platform: 'darwin' });
    homes.push(h);
    h.write(
      '.cursor/mcp.json',
      `{"mcpServers": {"a": {"url": "https://a", "auth": {"CLIENT_SECRET": "${canary('cs')}"}}`,
    );
    h.write(`${STORAGE.darwin}/state.vscdb`, Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const read = await readClient(cursor, h.ctx);
    expect(read.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^mcp\.json is not valid JSON \(with comments\): CloseBraceExpected at line 1, column \d+$/,
      ),
      'state.vscdb is not a SQLite database',
    ]);
    assertNoCanary(publicView(read));
  });

  it('decodes url scopes and refuses non-URLs', () => {
    expect(cursorScope(`url:${b64('https://x.example/mcp?a=1')}`)).toEqual({
      serverName: null,
      serverUrl: 'https://x.example/mcp?a=1',
    });
    expect(cursorScope('url:!!!')).toEqual({ serverName: 'url:!!!', serverUrl: null });
    expect(cursorScope(`url:${b64('file:///etc/passwd')}`).serverUrl).toBeNull();
    expect(cursorScope('user-')).toEqual({ serverName: 'user-', serverUrl: null });
  });
});
