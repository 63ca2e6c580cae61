import { afterEach, describe, expect, it } from 'vitest';
import { windsurf } from '../../../../src/clients/windsurf';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import type { Platform } from '../../../../src/context';
import { OSES, makeStateDb, publicView, readClient } from '../vscode/harness';

const STORAGE: Record<Platform, string> = {
  darwin: 'Library/Application Support/Windsurf/User/globalStorage',
  win32: 'AppData/Roaming/Windsurf/User/globalStorage',
  linux: '.config/Windsurf/User/globalStorage',
};
const row = (key: string): string => `secret://${JSON.stringify({ extensionId: 'codeium.windsurf', key })}`;

let homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes) h.cleanup();
  homes = [];
});

describe.each(OSES)('Windsurf on a %s layout', (platform) => {
  it("reads serverUrl entries and lists mcp_ secrets, never Windsurf's own sign-in", async () => {
    const h = makeFakeHome({ platform });
    homes.push(h);
    h.write('.codeium/windsurf/mcp_config.json', {
      mcpServers: {
        glean: { serverUrl: 'https://acme-be.glean.com/mcp/default' },
        sse: { serverUrl: 'https://sse.example.com/sse', type: 'sse' },
        tool: { command: 'uvx', args: ['tool'], disabled: true },
      },
    });
    const token = canary('windsurf-mcp');
    const login = canary('windsurf-login');
    h.write(
      `${STORAGE[platform]}/state.vscdb`,
      await makeStateDb({
        [row('mcp_token_glean')]: token,
        [row('windsurf_auth.sessions')]: login,
        [row('windsurf_auth.apiServerUrl')]: 'https://server.codeium.com',
      }),
    );
    const read = await readClient(windsurf, h.ctx);
    expect(read.problems).toEqual([]);
    expect(read.servers.map((s) => [s.name, s.url, s.transport])).toEqual([
      ['glean', 'https://acme-be.glean.com/mcp/default', 'http'],
      ['sse', 'https://sse.example.com/sse', 'sse'],
      ['tool', null, 'stdio'],
    ]);
    expect(read.credentials).toHaveLength(1);
    expect(read.credentials[0]).toMatchObject({
      serverName: 'glean',
      hasAccessToken: true,
      sharedKeys: [row('mcp_token_glean')],
      secrets: [token],
    });
    assertNoCanary(publicView(read), 'Windsurf parse output');
  });
});

describe('Windsurf files that are wrong', () => {
  it('reports an empty config and a binary database without crashing', async () => {
    const h = makeFakeHome({ platform: 'linux' });
    homes.push(h);
    h.write('.codeium/windsurf/mcp_config.json', '   \n');
    h.write(`${STORAGE.linux}/state.vscdb`, Buffer.from('SQLite format 3\0' + '\0'.repeat(200), 'latin1'));
    const read = await readClient(windsurf, h.ctx);
    expect(read.servers).toEqual([]);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.message).toMatch(/^state\.vscdb could not be read as SQLite: /);
  });
});
