import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type ApiRequest, type OperationName } from '../../src/contract';
import { CLIENT_IDS } from '../../src/model/scan';
import { REQUEST_SCHEMAS } from '../../main/schemas';

// Typed against the contract: adding an operation without valid examples here fails `tsc`.
const VALID: { [K in OperationName]: ApiRequest<K>[] } = {
  scan: [{}, { clients: ['mcp-remote', 'claude-code'] }, { clients: [...CLIENT_IDS] }],
  planReset: [
    { target: { kind: 'credential', ids: ['cred-1', 'cred-2'] } },
    { target: { kind: 'server', urls: ['https://mcp.example.com/mcp', 'http://localhost:8080/mcp'] } },
    { target: { kind: 'client', ids: ['vscode'] } },
    { target: { kind: 'all' } },
    {
      target: {
        kind: 'files',
        credential: 'cred-1',
        paths: ['/home/me/.mcp-auth/mcp-remote-v1/abc_lock.json'],
      },
    },
  ],
  applyReset: [{ planId: '4c1f0d3e-1111-4222-8333-944445555666' }, { planId: 'p', force: true }],
  undo: [{}, { backupId: '2026-11-26T12-00-00Z-abc' }, { backupId: 'b', force: false }],
  listBackups: [{}],
  purgeBackups: [{}, { olderThanDays: 14 }, { ids: ['a', 'b'] }, { olderThanDays: 0, ids: [] }],
  doctor: [
    { url: 'https://mcp.example.com/mcp', runId: 'run-1' },
    { url: 'http://127.0.0.1:3000/mcp', runId: 'r', probeRegistration: true, timeoutSeconds: 0.5 },
    // The doctor's own `url` check explains what is wrong with a URL like this one.
    { url: 'not a url', runId: 'r2' },
  ],
  system: [{}],
  report: [
    {},
    {
      serverUrl: 'https://mcp.example.com/mcp',
      errorText: 'invalid_client at 10:02',
      steps: '1. …',
      runDoctor: true,
    },
  ],
  saveReport: [
    { text: '# Report\n', format: 'markdown' },
    { text: '{}', format: 'json' },
  ],
  revealPath: [
    { path: '/home/me/.mcp-auth/mcp-remote-0.1.37/abc_tokens.json' },
    { path: 'C:\\Users\\me\\x.json' },
  ],
  openLink: [{ url: 'https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization' }],
  testBrowserOpen: [{}],
};

describe('the per-operation request schemas', () => {
  it('cover exactly the contract operations', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  for (const name of OPERATION_NAMES) {
    it(`accept every valid ${name} request unchanged`, () => {
      for (const request of VALID[name]) {
        const parsed = REQUEST_SCHEMAS[name].safeParse(request);
        expect(parsed.success, JSON.stringify(request)).toBe(true);
        expect(parsed.data).toEqual(request);
      }
    });
  }
});

describe('the files reset target', () => {
  const files = (credential: string, paths: string[]) => ({ target: { kind: 'files', credential, paths } });
  it('refuses an empty credential, no paths, a relative path, more than 100 paths and extra keys', () => {
    const bad = [
      files('', ['/a/lock.json']),
      files('cred-1', []),
      files('cred-1', ['relative/lock.json']),
      files(
        'cred-1',
        Array.from({ length: 101 }, (_, i) => `/a/${i}.json`),
      ),
      { target: { kind: 'files', credential: 'c', paths: ['/a'], ids: ['c'] } },
    ];
    for (const request of bad) {
      expect(REQUEST_SCHEMAS.planReset.safeParse(request).success, JSON.stringify(request).slice(0, 80)).toBe(
        false,
      );
    }
    expect(
      REQUEST_SCHEMAS.planReset.safeParse(
        files(
          'c',
          Array.from({ length: 100 }, (_, i) => `/a/${i}.json`),
        ),
      ).success,
    ).toBe(true);
  });
});
