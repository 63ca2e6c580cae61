import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { assertNoCanary } from '../../helpers/canary';
import { bridged, md5, writeClaudeDesktopConfig, writeMcpRemoteCache } from './builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

const codes = (r: Awaited<ReturnType<typeof scan>>): string[] =>
  r.report.findings.map((f) => `${f.code}:${f.severity}`);

describe('scan: mcp-remote caches linked through host configs', () => {
  it('groups files by hash, links the hash to the configured URL and never leaks a secret', async () => {
    home = makeFakeHome();
    const url = 'https://mcp.eu.example.com/mcp';
    writeClaudeDesktopConfig(home, { atlas: bridged(url) });
    const { hash, files } = writeMcpRemoteCache(home, { url, refresh: true });

    const result = await scan(home.ctx);
    const client = result.report.clients.find((c) => c.id === 'mcp-remote')!;
    expect(client.credentials).toHaveLength(1);
    const cred = client.credentials[0]!;
    expect(cred.serverUrl).toBe(url);
    expect(cred.serverName).toBe('atlas');
    expect(cred.issuer).toBe('https://mcp.eu.example.com/');
    expect(cred.oauthClientId).toBe(`client-${hash.slice(0, 6)}`);
    expect(cred.registration).toBe('dcr');
    expect(cred.hasAccessToken && cred.hasRefreshToken).toBe(true);
    expect(cred.files.map((f) => f.path).sort()).toEqual(files.sort());
    expect(cred.fingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(result.credentials.get(cred.id)?.ownFiles).toHaveLength(2);
    expect(result.report.findings.filter((f) => f.code === 'orphaned-credential')).toEqual([]);
    // Claude Desktop could reach this server as a connector: the bridge is optional.
    expect(codes(result)).toContain('bridge-not-needed:info');
    assertNoCanary(JSON.stringify(result.report), 'scan report');
  });

  it('reports a cache nobody configures any more as orphaned, with the old issuer', async () => {
    home = makeFakeHome();
    writeClaudeDesktopConfig(home, { atlas: bridged('https://mcp.eu.example.com/mcp') });
    writeMcpRemoteCache(home, { url: 'https://mcp.us.example.com/mcp' });
    const result = await scan(home.ctx);
    const orphan = result.report.findings.find((f) => f.code === 'orphaned-credential');
    expect(orphan?.client).toBe('mcp-remote');
    expect(orphan?.message).toContain('https://mcp.us.example.com/');
  });

  it('flags the same server cached by two mcp-remote versions, keeping the newer', async () => {
    home = makeFakeHome();
    const url = 'https://mcp.example.com/mcp';
    writeClaudeDesktopConfig(home, { atlas: bridged(url) });
    writeMcpRemoteCache(home, {
      url,
      folder: 'mcp-remote-0.1.37',
      expiresIn: 3600,
      mtime: new Date('2026-06-01T00:00:00Z'),
    });
    writeMcpRemoteCache(home, { url, folder: 'mcp-remote-v1', mtime: new Date('2026-11-26T11:00:00Z') });
    const result = await scan(home.ctx);
    const creds = result.report.clients.find((c) => c.id === 'mcp-remote')!.credentials;
    expect(creds).toHaveLength(2);
    const dup = result.report.findings.filter((f) => f.code === 'duplicate-credential');
    expect(dup).toHaveLength(1);
    const older = creds.find((c) => c.files[0]!.path.includes('mcp-remote-0.1.37'))!;
    expect(dup[0]!.credential).toBe(older.id);
    // The old release wrote expires_in only: expiry is its mtime plus the lifetime.
    expect(older.expiresAt).toBe('2026-06-01T01:00:00.000Z');
    expect(result.report.findings.find((f) => f.code === 'expired-token')?.credential).toBe(older.id);
  });

  it('matches the pre-0.1.30 URL-only hash and header-bearing hashes', async () => {
    home = makeFakeHome();
    const url = 'https://mcp.example.com/mcp';
    writeClaudeDesktopConfig(home, { atlas: bridged(url, '--header', 'Authorization:Bearer ${TOKEN}') });
    writeMcpRemoteCache(home, { url, folder: 'mcp-remote-0.1.20', hash: md5(url) });
    writeMcpRemoteCache(home, {
      url,
      folder: 'mcp-remote-0.1.37',
      hash: md5(`${url}|${JSON.stringify({ Authorization: 'Bearer ${TOKEN}' })}`),
    });
    const result = await scan(home.ctx);
    const creds = result.report.clients.find((c) => c.id === 'mcp-remote')!.credentials;
    expect(creds.map((c) => c.serverUrl)).toEqual([url, url]);
    expect(result.report.findings.some((f) => f.code === 'orphaned-credential')).toBe(false);
  });

  it('keeps credential ids stable while files are unchanged, and changes them when they change', async () => {
    home = makeFakeHome();
    const { files } = writeMcpRemoteCache(home, { url: 'https://a.example.com/mcp' });
    const a = await scan(home.ctx);
    const b = await scan(home.ctx);
    const idA = a.report.clients[0]!.credentials[0]!.id;
    expect(b.report.clients[0]!.credentials[0]!.id).toBe(idA);
    fs.appendFileSync(files[1]!, ' ');
    const c = await scan(home.ctx);
    expect(c.report.clients[0]!.credentials[0]!.id).not.toBe(idA);
  });
});
