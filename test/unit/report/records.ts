/** Hand-built public records for report tests, shaped like what scan/doctor/system produce. */
import type { Credential, DoctorReport, ScanReport, SystemReport } from '../../../src/model/index';

export function credential(over: Partial<Credential> & Pick<Credential, 'id' | 'client'>): Credential {
  return {
    serverUrl: null,
    serverName: null,
    issuer: null,
    oauthClientId: null,
    registration: 'dcr',
    scopes: [],
    hasAccessToken: true,
    hasRefreshToken: true,
    expiresAt: null,
    updatedAt: null,
    files: [],
    entry: null,
    fingerprint: 'sha256:0123456789ab',
    ...over,
  };
}

export function scanReport(home: string, sep = '/'): ScanReport {
  const j = (...parts: string[]): string => [home, ...parts].join(sep);
  return {
    schema: 'mcp-auth-doctor/scan@1',
    scannedAt: '2026-11-26T11:59:00.000Z',
    home,
    platform: 'linux',
    clients: [
      {
        id: 'mcp-remote',
        label: 'mcp-remote',
        installed: true,
        running: false,
        paths: [{ path: j('.mcp-auth'), role: 'credentials', exists: true }],
        servers: [],
        credentials: [
          credential({
            id: 'cred-mr-1',
            client: 'mcp-remote',
            serverUrl: 'https://mcp.example.com/mcp',
            issuer: 'https://auth.example.com',
            oauthClientId: 'm2m_stale_123',
            files: [
              {
                path: j('.mcp-auth', 'mcp-remote-0.1.29', '5a105e8b9d40e1329780d62ea2265d8a_tokens.json'),
                bytes: 10,
                modifiedAt: '2026-11-01T00:00:00Z',
              },
            ],
          }),
          credential({
            id: 'cred-mr-2',
            client: 'mcp-remote',
            serverUrl: 'https://other.example.net/mcp',
            oauthClientId: 'm2m_other_999',
          }),
        ],
        notes: [],
      },
      {
        id: 'claude-desktop',
        label: 'Claude Desktop',
        installed: true,
        running: true,
        paths: [],
        servers: [
          {
            name: 'acme',
            url: 'https://MCP.example.com:443/mcp/',
            transport: 'mcp-remote',
            source: j('.config', 'Claude', 'claude_desktop_config.json'),
          },
          {
            name: 'local',
            url: null,
            transport: 'stdio',
            source: j('.config', 'Claude', 'claude_desktop_config.json'),
          },
        ],
        credentials: [],
        notes: [],
      },
      {
        id: 'cursor',
        label: 'Cursor',
        installed: false,
        running: null,
        paths: [],
        servers: [],
        credentials: [],
        notes: [],
      },
    ],
    findings: [
      {
        code: 'orphaned-credential',
        severity: 'warning',
        client: 'mcp-remote',
        credential: 'cred-mr-2',
        path: j('.mcp-auth', 'mcp-remote-0.1.29'),
        message: `mcp-remote still holds a sign-in for https://other.example.net/mcp in ${j('.mcp-auth')}`,
        fix: 'Reset it.',
      },
    ],
  };
}

export function doctorReport(secrets: {
  code: string;
  bearer: string;
  cookie: string;
  note: string;
}): DoctorReport {
  return {
    schema: 'mcp-auth-doctor/doctor@1',
    url: 'https://mcp.example.com/mcp',
    startedAt: '2026-11-26T11:59:30.000Z',
    durationMs: 812,
    checks: [
      {
        id: 'challenge',
        title: 'The server asks for sign-in',
        status: 'pass',
        durationMs: 120,
        evidence: [
          {
            request: 'POST https://mcp.example.com/mcp',
            status: 401,
            headers: {
              'www-authenticate':
                'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"',
              'set-cookie': `__cf_bm=${secrets.cookie}; path=/`,
            },
            note: '',
          },
        ],
        explanation: 'The server answered 401 with a WWW-Authenticate challenge.',
        fix: '',
      },
      {
        id: 'token-endpoint',
        title: 'Token endpoint answers',
        status: 'fail',
        durationMs: 90,
        evidence: [
          {
            request: `GET https://auth.example.com/callback?code=${secrets.code}&state=abc`,
            status: 400,
            headers: { authorization: `Bearer ${secrets.bearer}` },
            note: `server said {"error":"invalid_client","access_token":"${secrets.note}"}`,
          },
        ],
        explanation: 'The token endpoint rejected the client.',
        fix: 'Reset the stale registration.',
      },
    ],
  };
}

export function systemReport(): SystemReport {
  return {
    schema: 'mcp-auth-doctor/system@1',
    browserOpener: { status: 'missing', detail: 'xdg-open is not on PATH.', fix: 'Install xdg-utils.' },
    runningClients: ['claude-desktop'],
    proxy: {
      httpProxy: null,
      httpsProxy: 'http://***@proxy.corp:3128',
      noProxy: 'localhost',
      extraCaCerts: null,
      os: {},
      notes: ['mcp-remote needs --enable-proxy.'],
    },
    findings: [
      {
        code: 'browser-opener-missing',
        severity: 'warning',
        client: null,
        credential: null,
        path: null,
        message: 'Clients cannot open the browser.',
        fix: 'Install xdg-utils.',
      },
    ],
    processListError: null,
  };
}
