/**
 * Findings about configured servers (custom-port, bridge-not-needed) share their client, code and
 * config file: each server still gets its own.
 */
import { afterEach, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { bridged, writeClaudeDesktopConfig, writeMcpRemoteCache } from './builders';

let home: FakeHome | null = null;
afterEach(() => home?.cleanup());

it('two servers of one config file each get their finding', async () => {
  home = makeFakeHome();
  writeClaudeDesktopConfig(home, {
    a: { type: 'http', url: 'https://a.example.com:8443/mcp' },
    b: { type: 'http', url: 'https://b.example.com:9443/mcp' },
    c: bridged('https://c.example.com/mcp'),
    d: bridged('https://d.example.com/mcp'),
  });
  const { report } = await scan(home.ctx, { clients: ['claude-desktop'] });
  const codes = (code: string): string[] =>
    report.findings.filter((f) => f.code === code).map((f) => f.message);
  expect(codes('custom-port')).toHaveLength(2);
  expect(codes('custom-port').join('\n')).toContain('a.example.com:8443');
  expect(codes('custom-port').join('\n')).toContain('b.example.com:9443');
  expect(codes('bridge-not-needed')).toHaveLength(2);
});

it('says nothing twice: every kind of derived finding appears once per credential or server', async () => {
  home = makeFakeHome();
  const now = Date.parse('2026-11-26T12:00:00Z');
  const url = 'https://mcp.example.com/mcp';
  // The same server cached by two mcp-remote versions, one expired without refresh, with a stale
  // lock and an abandoned sign-in; an orphan; two bridged servers and a custom port.
  writeMcpRemoteCache(home, {
    url,
    folder: 'mcp-remote-0.1.37',
    refresh: false,
    expiresAtMs: now - 3600_000,
  });
  writeMcpRemoteCache(home, {
    url,
    lock: { pid: 999_999, timestamp: now - 3 * 3600_000 },
    verifier: true,
    mtime: new Date(now - 2 * 3600_000),
  });
  writeMcpRemoteCache(home, { url: 'https://old.example.com/mcp' });
  writeClaudeDesktopConfig(home, {
    a: bridged(url),
    b: bridged('https://b.example.com/mcp'),
    c: { type: 'http', url: 'https://c.example.com:8443/mcp' },
  });
  const { report } = await scan(home.ctx);
  const codes = new Set(report.findings.map((f) => f.code));
  for (const code of ['duplicate-credential', 'orphaned-credential', 'bridge-not-needed', 'stale-lock'])
    expect(codes).toContain(code);
  const keys = report.findings.map((f) =>
    JSON.stringify([f.code, f.client, f.credential, f.path, f.message]),
  );
  expect(new Set(keys).size).toBe(keys.length);
});
