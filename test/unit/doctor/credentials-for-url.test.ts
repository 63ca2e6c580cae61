import { describe, expect, it } from 'vitest';
import { credentialLoaderFromScan } from '../../../src/doctor/index';
import type { Credential, ScanReport } from '../../../src/model/index';
import type { ScanFn } from '../../../src/scan/types';
import { makeFakeHome } from '../../helpers/fake-home';

const cred = (id: string, serverUrl: string | null): Credential => ({
  id,
  client: 'mcp-remote',
  serverUrl,
  serverName: null,
  issuer: null,
  oauthClientId: null,
  registration: 'unknown',
  scopes: [],
  hasAccessToken: false,
  hasRefreshToken: false,
  expiresAt: null,
  updatedAt: null,
  files: [],
  entry: null,
  fingerprint: null,
});

describe('credentialLoaderFromScan', () => {
  it('keeps the credentials of this server URL only, across clients, ignoring case and one trailing slash', async () => {
    const { ctx } = makeFakeHome();
    const report = {
      schema: 'mcp-auth-doctor/scan@1',
      scannedAt: '',
      home: ctx.home,
      platform: 'linux',
      findings: [],
      clients: [
        {
          id: 'mcp-remote',
          credentials: [
            cred('a', 'https://MCP.example.com/mcp/'),
            cred('b', 'https://other.example.com/mcp'),
            cred('c', null),
          ],
        },
        { id: 'claude-code', credentials: [cred('d', 'https://mcp.example.com:443/mcp')] },
      ],
    } as unknown as ScanReport;
    let scannedWith: unknown;
    const scan: ScanFn = (c) => {
      scannedWith = c;
      return Promise.resolve({ report, credentials: new Map() });
    };
    const load = credentialLoaderFromScan(ctx, scan);
    expect((await load('https://mcp.example.com/mcp')).map((c) => c.id)).toEqual(['a', 'd']);
    expect(scannedWith).toBe(ctx);
  });
});
