/**
 * Findings are claims: the scanner makes none from facts it could not read. Encrypted token stores
 * (VS Code) cannot say whether a refresh token exists, and MCP Inspector signs in to URLs typed ad
 * hoc, so an unlisted server is no evidence of staleness there.
 */
import { afterEach, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { canary } from '../../helpers/canary';
import { makeStateDb } from '../clients/vscode/harness';

let home: FakeHome | null = null;
afterEach(() => home?.cleanup());

it('an encrypted VS Code sign-in is not reported as lacking a refresh token', async () => {
  home = makeFakeHome({ platform: 'linux' });
  const providerId = 'https://auth.example.com/ https://atlas.example.com/mcp';
  home.write('.config/Code/User/mcp.json', {
    servers: { atlas: { type: 'http', url: 'https://atlas.example.com/mcp' } },
  });
  home.write(
    '.config/Code/User/globalStorage/state.vscdb',
    await makeStateDb({
      dynamicAuthProviders: JSON.stringify([
        { providerId, authorizationServer: 'https://auth.example.com/', clientId: 'vs-client' },
      ]),
      [`secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: providerId, clientId: 'vs-client' })}`]:
        canary('vscode'),
    }),
  );
  const { report } = await scan(home.ctx, { clients: ['vscode'] });
  const vscode = report.clients.find((c) => c.id === 'vscode')!;
  expect(vscode.credentials).toHaveLength(1);
  expect(report.findings.map((f) => f.code)).not.toContain('no-refresh-token');
});

it('a plain mcp-remote cache without a refresh token still is', async () => {
  home = makeFakeHome({ platform: 'linux' });
  const url = 'https://atlas.example.com/mcp';
  home.write('.config/Claude/claude_desktop_config.json', {
    mcpServers: { atlas: { command: 'npx', args: ['-y', 'mcp-remote', url] } },
  });
  const { createHash } = await import('node:crypto');
  const hash = createHash('md5').update(url).digest('hex');
  home.write(`.mcp-auth/mcp-remote-v1/${hash}_client_info.json`, { client_id: 'c1' });
  home.write(`.mcp-auth/mcp-remote-v1/${hash}_tokens.json`, {
    access_token: canary('access'),
    token_type: 'Bearer',
    expires_at: Date.parse('2027-01-01T00:00:00Z'),
  });
  const { report } = await scan(home.ctx, { clients: ['mcp-remote', 'claude-desktop'] });
  expect(report.findings.map((f) => f.code)).toContain('no-refresh-token');
});

it('an MCP Inspector sign-in for a URL missing from its catalog is not called orphaned', async () => {
  home = makeFakeHome({ platform: 'linux' });
  home.write('.mcp-inspector/mcp.json', { mcpServers: {} });
  home.write('.mcp-inspector/storage/oauth.json', {
    servers: {
      'https://typed-by-hand.example.com/mcp': {
        tokens: { access_token: canary('a'), refresh_token: canary('r') },
        clientInformation: { client_id: 'insp' },
      },
    },
    idpSessions: {},
  });
  const { report } = await scan(home.ctx, { clients: ['mcp-inspector'] });
  const inspector = report.clients.find((c) => c.id === 'mcp-inspector')!;
  expect(inspector.credentials).toHaveLength(1);
  expect(report.findings.filter((f) => f.code === 'orphaned-credential')).toEqual([]);
});
